import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contractOperation } from '../support/graphql.js';
import { postGraphQL, runScript } from '../support/processes.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
});
afterAll(() => database.drop());

/** Holds an exclusive lock on the snapshots table, so requests that read it wait. */
async function lockSnapshots() {
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE market_snapshot IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}

async function startServerProcess(env: Record<string, string> = {}) {
  const server = runScript('src/main.ts', { DATABASE_URL: database.url, PORT: '0', RESPONSE_CACHE: 'off', ...env });
  const [, url] = await server.waitFor(/GraphQL\s+(http:\/\/localhost:\d+\/graphql)/);
  return { server, url: url! };
}

/** Backend process ids of the connections to the test database. */
async function backends(): Promise<Set<number>> {
  const { rows } = await database.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return new Set(rows.map((row) => row.pid));
}

const snapshot = (url: string) => postGraphQL(url, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });

describe('graceful shutdown on SIGTERM', () => {
  it('stops accepting, finishes the request in flight, closes the pool and exits 0', async () => {
    const ours = await backends();
    const { server, url } = await startServerProcess();
    const lock = await lockSnapshots();
    const inFlight = snapshot(url);
    await sleep(300); // the request is now waiting on the lock
    server.child.kill('SIGTERM');
    await server.waitFor(/draining in-flight requests/);
    await expect(fetch(url.replace(/graphql$/, 'healthz'))).rejects.toThrow(); // no longer accepting
    await sleep(300);
    await lock.release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.data.marketSnapshot.median.amount).toBe('123557.00');
    expect(await server.exited()).toBe(0);
    let left = await backends();
    for (let waited = 0; [...left].some((pid) => !ours.has(pid)) && waited < 2000; waited += 50) {
      await sleep(50);
      left = await backends();
    }
    expect([...left].filter((pid) => !ours.has(pid))).toEqual([]); // every connection of the server is closed
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS when a request will not finish, exiting 1', async () => {
    const { server, url } = await startServerProcess({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const lock = await lockSnapshots();
    try {
      void snapshot(url).catch(() => {});
      await sleep(300);
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited()).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(3000);
      expect(server.output()).toMatch(/shutdown took too long/);
    } finally {
      await lock.release();
    }
  });
});
