import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation } from '../../support/graphql.js';
import { metricValue } from '../../support/metrics.js';
import { deleteKeys, MACHINE_REDIS_URL, startInstance, uniqueKeyPrefix, type PaygraphInstance } from '../../support/redis.js';

const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };
const HITS = 'paygraph_response_cache_lookups_total{result="hit"}';
/** 1 + 100 countries × 1 field. */
const COUNTRIES_COST = 101;
const IP_BUDGET = 10 * COUNTRIES_COST;

async function post(instance: PaygraphInstance, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(instance.server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5000) {
  for (let waited = 0; !(await condition()); waited += 20) {
    if (waited > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

describe('two instances sharing one Redis', () => {
  const keyPrefix = uniqueKeyPrefix();
  const redis = new Redis(MACHINE_REDIS_URL);
  let database: TestDatabase;
  let a: PaygraphInstance;
  let b: PaygraphInstance;
  /** A reader with an API key, whose budget (pointsPerWindowWithKey) no test here spends. */
  let asReader: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDatabase(database.prisma);
    const serving = {
      responseCache: 'redis' as const,
      redis: { url: MACHINE_REDIS_URL, keyPrefix },
      trustProxy: 'loopback',
      rateLimit: { enabled: true, pointsPerWindow: IP_BUDGET, pointsPerWindowWithKey: 10_000_000, windowSeconds: 60 },
    };
    // Before the instances listen: a write's change notice arriving mid-test would empty the cache.
    const { key } = await new ApiKeyService(database.prisma).create({ name: 'reader', scopes: [Scope.OBSERVATIONS_WRITE] });
    asReader = { authorization: `Bearer ${key}` };
    [a, b] = await Promise.all([startInstance(database.url, serving), startInstance(database.url, serving)]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await deleteKeys(MACHINE_REDIS_URL, keyPrefix);
    redis.disconnect();
  });

  it('answers on instance B, without SQL, the bytes instance A cached', async () => {
    const body = { query: snapshot, variables };
    const first = await post(a, body, asReader);
    expect(first.status).toBe(200);
    const [statements, hits] = [b.database.statementCount(), await metricValue(b.server.url, HITS)];
    // Without an API key to check (a statement of its own), as a client budgeted by IP.
    const onB = await post(b, body, { 'x-forwarded-for': '198.51.100.1' });
    expect(onB.text).toBe(first.text);
    expect(b.database.statementCount() - statements).toBe(0);
    expect((await metricValue(b.server.url, HITS)) - hits).toBe(1);
    expect(await redis.exists(`${keyPrefix}response-cache:generation`)).toBe(1);
  });

  it('shows a mutation answered by A to the very next read on B', async () => {
    const read = async (instance: PaygraphInstance) => JSON.parse((await post(instance, { query: contractOperation('CountryGraph'), variables: { country: 'FR', first: 5 } }, asReader)).text).data.country;
    expect(await read(a)).toBeNull();
    expect(await read(b)).toBeNull(); // a hit: A's answer

    const observations = ['52000', '61000', '58000'].map((amount, i) => ({
      id: String(i), countryCode: 'FR', jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount, currencyCode: 'EUR',
    }));
    const mutation = 'mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { imported userErrors { message } } }';
    const imported = await post(a, { query: mutation, variables: { input: { source: 'redis-test', observations } } }, asReader);
    expect(JSON.parse(imported.text).data.importObservations).toEqual({ imported: 3, userErrors: [] });

    // No waiting for the database's change notice: A replaced the shared generation before it answered.
    const country = await read(b);
    expect(country.roles.edges[0].node).toMatchObject({ slug: 'prompt-engineer', latestSnapshot: { sampleSize: 3, median: { amount: '58000.00', currencyCode: 'EUR' } } });
  });

  it('never keeps an answer that B read before a write and stored after the invalidation', async () => {
    // The snapshot is read before its skills (a later statement): holding the skill table makes B wait in between.
    const query = '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { amount } skills { rank skill { name } } } }';
    const medianOn = async (instance: PaygraphInstance) => JSON.parse((await post(instance, { query }, asReader)).text).data.marketSnapshot.median.amount as string;
    const generationKey = `${keyPrefix}response-cache:generation`;
    const blocker = new pg.Client({ connectionString: database.url });
    const writer = new pg.Client({ connectionString: database.url });
    await Promise.all([blocker.connect(), writer.connect()]);
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE skill IN ACCESS EXCLUSIVE MODE');
      const slowRead = post(b, { query }, asReader);
      await until(
        async () => (await writer.query(`SELECT 1 FROM pg_locks WHERE relation = 'skill'::regclass AND NOT granted`)).rowCount! > 0,
        "B's read waits for the skills",
      );

      const before = await redis.get(generationKey);
      await writer.query(`UPDATE market_snapshot SET median = 125000 WHERE period = '2026-04'`);
      await until(async () => (await redis.get(generationKey)) !== before, 'an instance has invalidated the shared cache');
      // Both instances have had the notice by now (each replaces the generation).
      await sleep(200);

      await blocker.query('ROLLBACK');
      const stale = JSON.parse((await slowRead).text).data.marketSnapshot.median.amount;
      expect(stale).toBe('123557.00'); // B did compute an answer from before the write, and stored it
      await sleep(100); // the store is sent with the response, not awaited by it
      for (const instance of [b, a, b, a]) expect(await medianOn(instance)).toBe('125000.00');
    } finally {
      await blocker.query('ROLLBACK').catch(() => {});
      await writer.query(`UPDATE market_snapshot SET median = 123557 WHERE period = '2026-04'`);
      await Promise.all([blocker.end(), writer.end()]);
    }
  });

  it('refuses on instance B a client that spent its budget on instance A', async () => {
    const asClient = (instance: PaygraphInstance) => post(instance, { query: '{ countries { code } }' }, { 'x-forwarded-for': '203.0.113.10' });
    expect((await asClient(a)).headers.get('ratelimit-remaining')).toBe(String(IP_BUDGET - COUNTRIES_COST));
    expect((await asClient(b)).headers.get('ratelimit-remaining')).toBe(String(IP_BUDGET - 2 * COUNTRIES_COST));
    let response = await asClient(a);
    while (response.status === 200) response = await asClient(a);
    expect(response.status).toBe(429);

    const onB = await asClient(b);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('ratelimit-remaining')).toBe('0');
    expect(JSON.parse(onB.text).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('lets exactly the budget through when one client sends many requests at once to both instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(i % 2 ? a : b, { query: '{ countries { code } }' }, { 'x-forwarded-for': '203.0.113.20' })),
    );
    const statuses = answers.map(({ status }) => status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(IP_BUDGET / COUNTRIES_COST);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - IP_BUDGET / COUNTRIES_COST);
  });
});
