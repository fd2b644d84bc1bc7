import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from '../support/graphql.js';
import { childrenOf, freePort, gone, npmStart, postGraphQL, READY, STACK_TRACE, type RunningProcess } from '../support/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'paygraph-embedded-'));
let postgresPort: number;
beforeAll(async () => {
  postgresPort = await freePort();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const started: RunningProcess[] = [];
afterEach(() => {
  // A failed test leaves no server behind: SIGTERM to npm reaches it.
  for (const npm of started.splice(0)) if (npm.child.exitCode === null && npm.child.signalCode === null) npm.child.kill('SIGTERM');
});

/** `npm start` with no DATABASE_URL, as a newcomer runs it; `detached` lets a test send Ctrl-C to its process group. */
function startWithEmbeddedDatabase(options: { port?: number; detached?: boolean } = {}) {
  const env = { DATABASE_URL: undefined, PORT: '0', PAYGRAPH_DATA_DIR: dataDir, PAYGRAPH_EMBEDDED_PG_PORT: String(options.port ?? postgresPort) };
  const npm = npmStart(env, { detached: options.detached });
  started.push(npm);
  return npm;
}

/** The embedded server's process id, from the pid file it writes while it runs. */
function postmasterPid(): number {
  return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

const snapshot = (url: string) => postGraphQL(url, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });

describe('npm start with no DATABASE_URL (a newcomer’s first run)', () => {
  it('starts an embedded PostgreSQL, migrates, seeds, serves the seeded market over HTTP, and on SIGTERM stops it and exits 0', async () => {
    const npm = startWithEmbeddedDatabase();
    const [, url] = await npm.waitFor(READY, 120_000);
    expect(npm.output()).toMatch(/applying migrations to the embedded database/);
    expect(npm.output()).toMatch(/empty database: loading the seed market/);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

    const { status, body } = await snapshot(url!);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.marketSnapshot).toMatchObject({
      sampleSize: 2,
      median: { formatted: '$123,557' },
      projectedMedian: { formatted: '$131,591' },
      growthDelta: { absolute: { amount: '8034.00' }, percent: 6.5, direction: 'UP' },
      confidence: { level: 'INSUFFICIENT' },
    });

    const postgres = postmasterPid();
    const [server] = childrenOf(npm.child.pid!);
    const signalled = Date.now();
    process.kill(server!, 'SIGTERM');
    expect(await npm.exited()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(4000); // about 1 s: PostgreSQL's shutdown checkpoint
    await gone(postgres, 1000);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(npm.output()).not.toMatch(STACK_TRACE);
  });

  it('on Ctrl-C (SIGINT to the whole process group) stops the server and PostgreSQL quietly', async () => {
    const npm = startWithEmbeddedDatabase({ detached: true });
    const [, url] = await npm.waitFor(READY, 120_000);
    expect((await snapshot(url!)).status).toBe(200);
    const postgres = postmasterPid();
    process.kill(-npm.child.pid!, 'SIGINT');
    expect(await npm.exited()).toBe(0);
    await gone(postgres, 1000);
    expect(npm.output()).toMatch(/"msg":"stopped"/);
    expect(npm.output()).not.toMatch(STACK_TRACE);
  });

  it('with its port taken, exits 1 at once with a one-line message naming the port and PAYGRAPH_EMBEDDED_PG_PORT', async () => {
    const holder: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const npm = startWithEmbeddedDatabase({ port });
      expect(await npm.exited()).toBe(1);
      const lines = npm.output().trim().split('\n');
      expect(lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line).level)).not.toContain(60);
      expect(lines.filter((line) => line.startsWith('paygraph: '))).toEqual([expect.stringMatching(new RegExp(`^paygraph: Port ${port}.*in use.*PAYGRAPH_EMBEDDED_PG_PORT`))]);
      expect(npm.output()).not.toMatch(STACK_TRACE);
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      holder.close();
    }
  });
});
