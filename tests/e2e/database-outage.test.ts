import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { deployMigrations } from '../../src/db/migrations.js';
import { seedDatabase } from '../../src/db/seed.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { contractOperation } from '../support/graphql.js';
import { freePort, postGraphQL } from '../support/processes.js';

// A PostgreSQL server of this test's own, which it stops and starts for real.
const dataDir = mkdtempSync(path.join(tmpdir(), 'paygraph-outage-'));
const logger = createLogger('silent');
let port: number;
let postgres: EmbeddedDatabase;
let database: DatabaseHandle;
let server: RunningServer;

beforeAll(async () => {
  port = await freePort();
  postgres = await startEmbeddedDatabase(dataDir, port, logger);
  await deployMigrations(postgres.url);
  database = connectDatabase(postgres.url);
  await seedDatabase(database.prisma);
  server = await startServer({ database, logger, port: 0, production: true, serving: { responseCache: 'off' } });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const readyz = async () => {
  const response = await fetch(server.url.replace(/graphql$/, 'readyz'));
  return { status: response.status, body: await response.json() };
};
/** /readyz once it answers `status`, as a probe polling it sees it (an answer is reused for a second). */
const readyzBecomes = async (status: number) => {
  const deadline = Date.now() + 3000;
  let answer = await readyz();
  while (answer.status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await readyz();
  }
  return answer;
};
const snapshot = () => postGraphQL(server.url, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });

describe('when PostgreSQL goes away and comes back', () => {
  it('fails fast with SERVICE_UNAVAILABLE and recovers without a restart', async () => {
    expect((await snapshot()).body.data.marketSnapshot.median.amount).toBe('123557.00');
    expect((await readyz()).status).toBe(200);

    await postgres.stop();

    const started = Date.now();
    const down = await snapshot();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(down.status).toBe(503);
    expect(down.body.errors[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432|password/);
    const notReady = await readyzBecomes(503);
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({ status: 'not ready', reason: 'database_unreachable' });

    postgres = await startEmbeddedDatabase(dataDir, port, logger);

    let recovered = await snapshot();
    for (let attempt = 0; recovered.status !== 200 && attempt < 20; attempt++) recovered = await snapshot();
    expect(recovered.status).toBe(200);
    expect(recovered.body.data.marketSnapshot.median.amount).toBe('123557.00');
    expect((await readyzBecomes(200)).status).toBe(200);
  });
});
