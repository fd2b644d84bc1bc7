import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';
import { freePort, gone, isAlive, runScript } from '../support/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'paygraph-embedded-owner-'));
const logger = createLogger('silent');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return (await client.query('SELECT 1 AS one')).rows[0].one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe('the embedded PostgreSQL', () => {
  it('is shared with the paygraph process that runs it, then taken over once that process is gone', async () => {
    const port = await freePort();
    const owner = runScript('tests/support/hold-embedded-database.ts', {}, [dataDir, String(port)]);
    const [, pidText] = await owner.waitFor(/postmaster (\d+)/, 60_000);
    const ownersServer = Number(pidText);

    // A second process (a CLI while `npm start` runs) shares it, and leaves it running when done.
    const shared = await startEmbeddedDatabase(dataDir, port, logger);
    expect(await answers(shared.url)).toBe(true);
    await shared.stop();
    expect(isAlive(ownersServer)).toBe(true);

    // The owner dies without cleaning up: its server is an orphan, stopped and replaced.
    owner.child.kill('SIGKILL');
    await owner.exited();
    expect(isAlive(ownersServer)).toBe(true);
    const takenOver = await startEmbeddedDatabase(dataDir, port, logger);
    try {
      expect(isAlive(ownersServer)).toBe(false);
      expect(await answers(takenOver.url)).toBe(true);
    } finally {
      await takenOver.stop();
    }
  });

  it('stops at once when its server has already stopped (Ctrl-C signals the whole process group)', async () => {
    const database = await startEmbeddedDatabase(dataDir, await freePort(), logger);
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGINT');
    await gone(postmaster, 10_000);
    const stopping = Date.now();
    await database.stop();
    expect(Date.now() - stopping).toBeLessThan(500);
  });

  it('leaves the exit code of the process that used it alone', async () => {
    const exitDataDir = mkdtempSync(path.join(tmpdir(), 'paygraph-exit-'));
    try {
      const script = runScript('tests/support/exit-after-embedded-database.ts', {}, [exitDataDir, String(await freePort())]);
      expect(await script.exited()).toBe(3);
      expect(script.output()).not.toMatch(/Error/);
    } finally {
      rmSync(exitDataDir, { recursive: true, force: true });
    }
  });
});
