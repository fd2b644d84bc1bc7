import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { ApiKeyService } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { metricValue } from '../../support/metrics.js';
import { startInstance, startRedisServer, uniqueKeyPrefix, type PaygraphInstance, type RedisServer } from '../../support/redis.js';
import { subscribe, subscriptionClient, type Subscription } from '../../support/subscriptions.js';

// Two instances sharing a Redis of the test's own: MAX_SUBSCRIPTIONS_PER_CLIENT holds over both
// while Redis answers, and on each alone while it does not.
const BOUNDS = { maxPerConnection: 10, maxPerClient: 2, maxSocketsPerIp: 20 };
const MARKET = 'subscription { marketUpdated(countryCode: "CA", roleSlug: "machine-learning-lead") { period } }';

describe('subscriptions per client over instances sharing Redis', () => {
  const keyPrefix = uniqueKeyPrefix();
  const clients: Client[] = [];
  let database: TestDatabase;
  let redisServer: RedisServer;
  let a: PaygraphInstance;
  let b: PaygraphInstance;
  let apiKey: string;
  /** The client's sorted set of live subscriptions in Redis. */
  let clientKey: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDatabase(database.prisma);
    const created = await new ApiKeyService(database.prisma).create({ name: 'dashboard', scopes: [] });
    apiKey = created.key;
    clientKey = `${keyPrefix}subscriptions:client:key:${created.id}`;
    redisServer = await startRedisServer();
    const serving = { responseCache: 'redis' as const, redis: { url: redisServer.url, keyPrefix }, subscriptions: BOUNDS };
    [a, b] = await Promise.all([startInstance(database.url, serving), startInstance(database.url, serving)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await a?.close();
    await b?.close();
    await redisServer?.stop();
    await database?.drop();
  });

  /** A new WebSocket to `instance`, as the API key's holder. */
  const connect = (instance: PaygraphInstance) => {
    const client = subscriptionClient(instance.server.url, { connectionParams: { authorization: `Bearer ${apiKey}` } });
    clients.push(client);
    return client;
  };
  const live = (instance: PaygraphInstance, count: number) =>
    eventually(async () => (await metricValue(instance.server.url, 'paygraph_market_subscribers')) === count, `${count} live subscriptions`, 10_000);
  const countedInRedis = async (count: number) => {
    const redis = new Redis(redisServer.url);
    try {
      await eventually(async () => (await redis.zcard(clientKey)) === count, `Redis counts ${count}`, 10_000);
    } finally {
      redis.disconnect();
    }
  };
  async function refusal(subscription: Subscription) {
    await subscription.ended();
    expect(subscription.results).toEqual([]);
    return (subscription.error as Array<{ message: string; extensions: Record<string, unknown> }>)[0];
  }
  const redisUp = (up: 0 | 1) =>
    eventually(async () => (await metricValue(a.server.url, 'paygraph_redis_up')) === up && (await metricValue(b.server.url, 'paygraph_redis_up')) === up, `redis_up is ${up}`);

  it('refuses on B a client that holds its bound on A, and admits it there once it ends one on A', async () => {
    const onA = connect(a);
    const held = [subscribe(onA, { query: MARKET }), subscribe(onA, { query: MARKET })];
    await live(a, 2);
    const onB = connect(b);
    expect(await refusal(subscribe(onB, { query: MARKET }))).toEqual({
      message: 'This client holds 2 subscriptions already; the maximum is 2',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'subscriptionsPerClient', maximum: 2, actual: 3 },
    });
    // Another client (by address, without the key) is not held back.
    const other = subscribe(subscriptionClient(b.server.url), { query: MARKET });
    await live(b, 1);
    expect(other.error).toBeUndefined();
    other.unsubscribe();

    held[0]!.unsubscribe();
    await countedInRedis(1);
    const moved = subscribe(onB, { query: MARKET });
    await live(b, 1);
    expect(moved.error).toBeUndefined();
    for (const subscription of [held[1]!, moved]) subscription.unsubscribe();
    await Promise.all([live(a, 0), live(b, 0), countedInRedis(0)]);
  });

  it('bounds a client on each instance alone while Redis is down, and counts all it holds again once Redis is back', async () => {
    await redisServer.kill();
    await redisUp(0);
    const [onA, onB] = [connect(a), connect(b)];
    // Three in all, over the bound of two, yet never more than two on one instance.
    const held = [subscribe(onA, { query: MARKET }), subscribe(onA, { query: MARKET }), subscribe(onB, { query: MARKET })];
    await Promise.all([live(a, 2), live(b, 1)]);
    expect(held.map((subscription) => subscription.error)).toEqual([undefined, undefined, undefined]);
    expect((await refusal(subscribe(onA, { query: MARKET })))!.extensions).toMatchObject({ limit: 'subscriptionsPerClient', actual: 3 });

    // Restarted empty, Redis gets each instance's live subscriptions again before it is used.
    await redisServer.restart();
    await redisUp(1);
    await countedInRedis(3);
    // B alone holds one: only the count over both instances refuses another.
    expect(await refusal(subscribe(onB, { query: MARKET }))).toEqual({
      message: 'This client holds 3 subscriptions already; the maximum is 2',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'subscriptionsPerClient', maximum: 2, actual: 4 },
    });
    for (const subscription of held) subscription.unsubscribe();
    await countedInRedis(0);
  });
});
