import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractOperation } from '../support/graphql.js';
import { freePort, postGraphQL, runScript } from '../support/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'paygraph-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start with no DATABASE_URL (a newcomer’s first run)', () => {
  it('starts an embedded PostgreSQL, migrates, seeds, serves the seeded market over HTTP, and stops cleanly', async () => {
    const server = runScript('src/main.ts', {
      DATABASE_URL: undefined,
      PORT: '0',
      PAYGRAPH_DATA_DIR: dataDir,
      PAYGRAPH_EMBEDDED_PG_PORT: String(await freePort()),
    });
    try {
      const [, url] = await server.waitFor(/GraphQL\s+(http:\/\/localhost:\d+\/graphql)/, 120_000);
      expect(server.output()).toMatch(/applying migrations to the embedded database/);
      expect(server.output()).toMatch(/empty database: loading the seed market/);
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

      const { status, body } = await postGraphQL(url!, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.marketSnapshot).toMatchObject({
        sampleSize: 2,
        median: { formatted: '$123,557' },
        projectedMedian: { formatted: '$131,591' },
        growthDelta: { absolute: { amount: '8034.00' }, percent: 6.5, direction: 'UP' },
        confidence: { level: 'INSUFFICIENT' },
      });
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited()).toBe(0);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
