import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation } from '../../support/graphql.js';
import { metricValue } from '../../support/metrics.js';
import { startInstance, startRedisServer, uniqueKeyPrefix, type PaygraphInstance, type RedisServer } from '../../support/redis.js';

const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };
const HITS = 'paygraph_response_cache_lookups_total{result="hit"}';
const UNAVAILABLE = 'paygraph_response_cache_lookups_total{result="unavailable"}';
const FALLBACKS = 'paygraph_rate_limit_fallbacks_total';
const COUNTRIES_COST = 101;
const IP_BUDGET = 10 * COUNTRIES_COST;

async function post(instance: PaygraphInstance, body: Record<string, unknown>, clientIp: string) {
  const response = await fetch(instance.server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function readyz(instance: PaygraphInstance) {
  const response = await fetch(instance.server.url.replace(/graphql$/, 'readyz'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Redis stopped and started again under load', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let a: PaygraphInstance;
  let b: PaygraphInstance;
  /** Instance A's log lines (info and above), as JSON. */
  const logOfA: Array<{ level: number; msg: string }> = [];
  let clients = 0;
  /** Each load request comes from an IP of its own, so no budget runs out. */
  const nextClient = () => `10.1.${(++clients >> 8) & 255}.${clients & 255}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    database = await createTestDatabase();
    await seedDatabase(database.prisma);
    const serving = {
      responseCache: 'redis' as const,
      redis: { url: redis.url, keyPrefix: uniqueKeyPrefix() },
      trustProxy: 'loopback',
      rateLimit: { enabled: true, pointsPerWindow: IP_BUDGET, pointsPerWindowWithKey: IP_BUDGET, windowSeconds: 60 },
    };
    const logger = pino({ level: 'info' }, { write: (line: string) => void logOfA.push(JSON.parse(line)) });
    [a, b] = await Promise.all([startInstance(database.url, serving, logger), startInstance(database.url, serving)]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    await database?.drop();
  });

  it('caches in Redis while it is up, and says it is ready', async () => {
    await post(a, { query: snapshot, variables }, nextClient());
    const hits = await metricValue(b.server.url, HITS);
    expect((await post(b, { query: snapshot, variables }, nextClient())).status).toBe(200);
    expect((await metricValue(b.server.url, HITS)) - hits).toBe(1);
    expect(await readyz(a)).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await metricValue(a.server.url, 'paygraph_redis_up')).toBe(1);
  });

  it('answers every read while Redis is killed, counts them, logs the outage once and stays ready, degraded', async () => {
    const answers: Array<{ status: number; text: string }> = [];
    let loading = true;
    const worker = async (instance: PaygraphInstance) => {
      while (loading) {
        const body = answers.length % 2 ? { query: snapshot, variables } : { query: '{ countries { code } }' };
        answers.push(await post(instance, body, nextClient()));
      }
    };
    const load = Promise.all([worker(a), worker(b), worker(a), worker(b)]);
    await sleep(300);
    const beforeKill = answers.length;
    await redis.kill();
    await sleep(1500);
    loading = false;
    await load;

    expect(beforeKill).toBeGreaterThan(0);
    expect(answers.length - beforeKill).toBeGreaterThan(20);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.text);
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeTruthy();
    }
    for (const instance of [a, b]) {
      expect(await metricValue(instance.server.url, UNAVAILABLE)).toBeGreaterThan(0);
      expect(await metricValue(instance.server.url, FALLBACKS)).toBeGreaterThan(0);
      expect(await metricValue(instance.server.url, 'paygraph_redis_up')).toBe(0);
      expect(await readyz(instance)).toEqual({ status: 200, body: { status: 'ready', degraded: ['redis_unreachable'] } });
    }
    // Hundreds of requests and reconnection attempts, one warning.
    expect(logOfA.filter(({ msg }) => /Redis unreachable/.test(msg))).toHaveLength(1);
  });

  it('limits a client on each instance alone while Redis is down', async () => {
    const asClient = (instance: PaygraphInstance) => post(instance, { query: '{ countries { code } }' }, '203.0.113.50');
    let response = await asClient(a);
    for (let sent = 1; response.status === 200; sent++) {
      expect(sent).toBeLessThanOrEqual(IP_BUDGET / COUNTRIES_COST);
      response = await asClient(a);
    }
    expect(response.status).toBe(429);
    expect((await asClient(a)).status).toBe(429);
    // B never heard of A's spending: its own budget for the client is whole.
    expect((await asClient(b)).headers.get('ratelimit-remaining')).toBe(String(IP_BUDGET - COUNTRIES_COST));
  });

  it('shares the cache and budgets again once Redis is back, without a restart', async () => {
    await redis.restart();
    for (let waited = 0; (await metricValue(a.server.url, 'paygraph_redis_up')) + (await metricValue(b.server.url, 'paygraph_redis_up')) < 2; waited += 50) {
      expect(waited).toBeLessThan(10_000);
      await sleep(50);
    }
    expect(await readyz(a)).toEqual({ status: 200, body: { status: 'ready' } });
    expect(logOfA.filter(({ msg }) => /Redis reachable again/.test(msg))).toHaveLength(1);

    const first = await post(a, { query: snapshot, variables }, nextClient());
    const [statements, hits] = [b.database.statementCount(), await metricValue(b.server.url, HITS)];
    const again = await post(b, { query: snapshot, variables }, nextClient());
    expect(again.text).toBe(first.text);
    expect(b.database.statementCount() - statements).toBe(0);
    expect((await metricValue(b.server.url, HITS)) - hits).toBe(1);

    const asClient = (instance: PaygraphInstance) => post(instance, { query: '{ countries { code } }' }, '203.0.113.60');
    expect((await asClient(a)).headers.get('ratelimit-remaining')).toBe(String(IP_BUDGET - COUNTRIES_COST));
    expect((await asClient(b)).headers.get('ratelimit-remaining')).toBe(String(IP_BUDGET - 2 * COUNTRIES_COST));
  });

  it('goes on without a Redis that stops answering, after a bounded wait, and uses it again when it answers', async () => {
    redis.pause();
    try {
      const timed = async (instance: PaygraphInstance) => {
        const started = performance.now();
        const answer = await post(instance, { query: snapshot, variables }, nextClient());
        return { ...answer, ms: performance.now() - started };
      };
      const answers = await Promise.all([timed(a), timed(b), timed(a), timed(b)]);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text).data.marketSnapshot).toBeTruthy();
        // Each Redis command waits 500 ms at most (a lookup and two budget checks).
        expect(answer.ms).toBeLessThan(3000);
      }
      expect(await metricValue(a.server.url, 'paygraph_redis_up')).toBe(0);
      const quick = await timed(a); // the outage is known now: Redis is not asked
      expect(quick.status).toBe(200);
      expect(quick.ms).toBeLessThan(500);
    } finally {
      redis.resume();
    }
    for (let waited = 0; (await metricValue(a.server.url, 'paygraph_redis_up')) < 1; waited += 50) {
      expect(waited).toBeLessThan(10_000);
      await sleep(50);
    }
    await post(a, { query: snapshot, variables }, nextClient());
    const hits = await metricValue(a.server.url, HITS);
    await post(a, { query: snapshot, variables }, nextClient());
    expect((await metricValue(a.server.url, HITS)) - hits).toBe(1);
  });
});
