import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contractOperation } from '../support/graphql.js';
import { childrenOf, gone, isAlive, npmStart, postGraphQL, READY, STACK_TRACE } from '../support/processes.js';
import { subscribe, subscriptionClient } from '../support/subscriptions.js';

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

/** `npm start` against the test database, once it serves; `server` is the node process npm runs. */
async function startServer(env: Record<string, string> = {}) {
  const npm = npmStart({ DATABASE_URL: database.url, PORT: '0', RESPONSE_CACHE: 'off', ...env });
  const [, url] = await npm.waitFor(READY);
  const [server, ...others] = childrenOf(npm.child.pid!);
  expect(others).toEqual([]); // npm runs node itself, with no shell in between to swallow a signal
  return { npm, server: server!, url: url! };
}

/** Backend process ids of the other connections to the test database. */
async function backends(): Promise<Set<number>> {
  // Not this query's own: the test's pool may have replaced its connection meanwhile.
  const { rows } = await database.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return new Set(rows.map((row) => row.pid));
}

const snapshot = (url: string) => postGraphQL(url, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting, finishes the request in flight, closes its connections and exits 0', async () => {
    const ours = await backends();
    const { npm, server, url } = await startServer();
    const lock = await lockSnapshots();
    const inFlight = snapshot(url);
    await sleep(300); // the request is now waiting on the lock
    process.kill(server, 'SIGTERM');
    await npm.waitFor(/draining in-flight requests/);
    await expect(fetch(url.replace(/graphql$/, 'healthz'))).rejects.toThrow(); // no longer accepting
    await sleep(300);
    await lock.release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.data.marketSnapshot.median.amount).toBe('123557.00');
    expect(await npm.exited()).toBe(0);
    expect(npm.output()).not.toMatch(STACK_TRACE);
    let left = await backends();
    for (let waited = 0; [...left].some((pid) => !ours.has(pid)) && waited < 2000; waited += 50) {
      await sleep(50);
      left = await backends();
    }
    expect([...left].filter((pid) => !ours.has(pid))).toEqual([]); // every connection of the server is closed
  });

  it('keeps the database open until a request whose client went away has finished executing', async () => {
    // As on a keep-alive socket the drain ends just as a request arrives: the drain no longer
    // counts the request, but the server still executes it.
    const { npm, server, url } = await startServer();
    const lock = await lockSnapshots();
    const client = new AbortController();
    const abandoned = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: contractOperation('Snapshot'), variables: { country: 'CA', role: 'machine-learning-lead' } }),
      signal: client.signal,
    }).catch(() => 'aborted');
    await sleep(300); // the request is now waiting on the lock
    client.abort();
    expect(await abandoned).toBe('aborted');
    process.kill(server, 'SIGTERM');
    await npm.waitFor(/draining in-flight requests/);
    await sleep(500);
    expect(isAlive(server)).toBe(true); // still executing the request, on an open database
    await lock.release();
    expect(await npm.exited()).toBe(0);
    expect(npm.output()).not.toMatch(/Cannot use a pool|unexpected error/);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('idle, on %s exits 0 at once', async (signal) => {
    const { npm, server, url } = await startServer();
    expect((await snapshot(url)).status).toBe(200);
    const signalled = Date.now();
    process.kill(server, signal);
    expect(await npm.exited()).toBe(0);
    const tookMs = Date.now() - signalled;
    expect(tookMs).toBeLessThan(2000); // about 0.1–0.3 s; the old hang took the whole 10 s timeout
    expect(npm.output()).toMatch(/"msg":"stopped"/);
    expect(npm.output()).not.toMatch(/took too long/);
    expect(npm.output()).not.toMatch(STACK_TRACE);
  });

  it('with a live subscription, on SIGTERM closes the WebSocket (1001, going away) and exits 0 at once', async () => {
    const { npm, server, url } = await startServer();
    let closed: { code: number } | undefined;
    const client = subscriptionClient(url, { on: { closed: (event) => void (closed = event as { code: number }) } });
    const updates = subscribe(client, { query: 'subscription { marketUpdated(countryCode: "CA", roleSlug: "machine-learning-lead") { period } }' });
    for (let waited = 0; !/paygraph_market_subscribers 1/.test(await (await fetch(url.replace(/graphql$/, 'metrics'))).text()); waited += 50) {
      if (waited > 5000) throw new Error('the subscription never reached the server');
      await sleep(50);
    }
    const signalled = Date.now();
    process.kill(server, 'SIGTERM');
    expect(await npm.exited()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2000);
    await updates.ended(2000);
    expect(closed?.code).toBe(1001);
    expect(npm.output()).not.toMatch(/took too long/);
    expect(npm.output()).not.toMatch(STACK_TRACE);
    await client.dispose();
  });

  it('on SIGTERM to the npm process stops the server too', async () => {
    const { npm, server, url } = await startServer();
    npm.child.kill('SIGTERM');
    expect(await npm.exited()).toBe(0);
    await gone(server, 2000);
    await expect(fetch(url)).rejects.toThrow();
    expect(npm.output()).not.toMatch(STACK_TRACE);
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS when a request will not finish, exiting 1', async () => {
    const { npm, server, url } = await startServer({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const lock = await lockSnapshots();
    try {
      void snapshot(url).catch(() => {});
      await sleep(300);
      const signalled = Date.now();
      process.kill(server, 'SIGTERM');
      expect(await npm.exited()).toBe(1);
      expect(Date.now() - signalled).toBeLessThan(3000);
      expect(npm.output()).toMatch(/shutdown took too long/);
      expect(isAlive(server)).toBe(false);
    } finally {
      await lock.release();
    }
  });
});
