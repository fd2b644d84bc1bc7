import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { QueryLimits } from '../../../src/config.js';
import { seedDatabase } from '../../../src/db/seed.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startTestServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { subscribe, subscriptionClient, type Subscription } from '../../support/subscriptions.js';

let database: TestDatabase;
let server: RunningServer;
let persistedOnly: RunningServer;
let apiKey: string;
const clients: Client[] = [];

const LIMITS = { maxDepth: 4, maxCost: 40 };
const BOUNDS = { maxPerConnection: 2, maxPerClient: 3, maxSocketsPerIp: 4 };

const market = (fields = 'period sampleSize') => `subscription { marketUpdated(countryCode: "CA", roleSlug: "machine-learning-lead") { ${fields} } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  apiKey = (await new ApiKeyService(database.prisma).create({ name: 'dashboard', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
  [server, persistedOnly] = await Promise.all([
    startTestServer(database, { serving: { limits: LIMITS as QueryLimits, subscriptions: BOUNDS } }),
    startTestServer(database, { serving: { persistedOperations: { only: true, file: undefined } } }),
  ]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all([server?.close(), persistedOnly?.close()]);
  await database?.drop();
});

const clientOf = (target: RunningServer, connectionParams?: Record<string, unknown>) => {
  const client = subscriptionClient(target.url, { connectionParams });
  clients.push(client);
  return client;
};

async function refusal(subscription: Subscription) {
  await subscription.ended();
  expect(subscription.results).toEqual([]);
  return subscription.error as Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function live(count: number, target = server) {
  for (let waited = 0; (await metricValue(target.url, 'paygraph_market_subscribers')) !== count; waited += 20) {
    if (waited > 10_000) throw new Error(`never ${count} live subscriptions`);
    await sleep(20);
  }
}

describe('subscriptions obey the query limits', () => {
  it('refuses one too deep, with the same extensions as over HTTP', async () => {
    const [error] = await refusal(subscribe(clientOf(server), { query: market('role { latestSnapshot(countryCode: "CA") { country { name } } }') }));
    expect(error).toEqual({ message: 'The operation is 5 levels deep; the maximum is 4', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 4, actual: 5 } });
  });

  it('refuses one too costly', async () => {
    const [error] = await refusal(subscribe(clientOf(server), { query: market('premiumBrackets { tier label } role { snapshots(countryCode: "CA") { period sampleSize source } }') }));
    expect(error!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 40 });
  });

  it('refuses introspection in production, and invalid documents with their codes, without suggestions', async () => {
    const client = clientOf(server);
    const [introspection] = await refusal(subscribe(client, { query: 'subscription { __schema { types { name } } }' }));
    expect(introspection!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const [typo] = await refusal(subscribe(client, { query: market('sampleSiz') }));
    expect(typo).toEqual({ message: 'Cannot query field "sampleSiz" on type "MarketSnapshot".', locations: [{ line: 1, column: 86 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const [syntax] = await refusal(subscribe(client, { query: 'subscription {' }));
    expect(syntax!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('serves subscriptions only: a query over WebSocket is refused, naming HTTP', async () => {
    const [error] = await refusal(subscribe(clientOf(server), { query: '{ countries { code } }' }));
    expect(error).toEqual({ message: 'Send query operations over HTTP (POST or GET) to this same path /graphql', locations: [{ line: 1, column: 1 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  // graphql-js's single-field-subscription rule evaluates @include without variables and throws on
  // a nullable one used where Boolean! is expected: found by the fuzz test as an HTTP 500.
  const includedByNullableVariable = 'subscription ($on: Boolean) { marketUpdated(countryCode: "CA", roleSlug: "machine-learning-lead") @include(if: $on) { period } }';

  it('refuses @include of a nullable variable as invalid, over WebSocket and over HTTP', async () => {
    const [error] = await refusal(subscribe(clientOf(server), { query: includedByNullableVariable, variables: { on: true } }));
    expect(error!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error!.message).toContain('$on');
    for (const init of <RequestInit[]>[
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: includedByNullableVariable, variables: { on: true } }) },
      { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
    ]) {
      const url = init.method === 'GET' ? `${server.url}?query=${encodeURIComponent(includedByNullableVariable)}` : server.url;
      const response = await fetch(url, init);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: 'Send subscription operations over WebSocket (the graphql-transport-ws protocol of graphql-ws) to this same path /graphql',
            locations: [{ line: 1, column: 1 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
    }
  });

  it('in persisted-only mode, refuses an operation that is not registered', async () => {
    const [error] = await refusal(subscribe(clientOf(persistedOnly), { query: market() }));
    expect(error!.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_IN_LIST' });
  });
});

describe('subscriptions are bounded', () => {
  it(`per connection (${BOUNDS.maxPerConnection}) and per client (${BOUNDS.maxPerClient}) over all its connections, freed when they end`, async () => {
    const first = clientOf(server);
    const held = [subscribe(first, { query: market() }), subscribe(first, { query: market() })];
    await live(2);
    const [perConnection] = await refusal(subscribe(first, { query: market() }));
    expect(perConnection).toEqual({
      message: 'This connection holds 2 subscriptions already; the maximum is 2',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'subscriptionsPerConnection', maximum: 2, actual: 3 },
    });
    // Same client (the same address, no key): a second connection gets one more, then the client's bound.
    const second = clientOf(server);
    held.push(subscribe(second, { query: market() }));
    await live(3);
    const [perClient] = await refusal(subscribe(second, { query: market() }));
    expect(perClient!.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'subscriptionsPerClient', maximum: 3, actual: 4 });
    // A client with an API key is another client, though at the same address.
    const keyed = subscribe(clientOf(server, { authorization: `Bearer ${apiKey}` }), { query: market() });
    await live(4);
    expect(keyed.error).toBeUndefined();
    // Ending subscriptions frees their places.
    held[0]!.unsubscribe();
    await live(3);
    const again = subscribe(second, { query: market() });
    await live(4);
    expect(again.error).toBeUndefined();
    for (const subscription of [...held, keyed, again]) subscription.unsubscribe();
    await live(0);
  });

  it(`per address: the ${BOUNDS.maxSocketsPerIp + 1}th WebSocket is closed at once, with the code`, async () => {
    const sockets = Array.from({ length: BOUNDS.maxSocketsPerIp + 1 }, () => new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws'));
    const closes = sockets.map((socket) => new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))));
    const first = await Promise.race([...closes, sleep(3000).then(() => undefined)]);
    expect(first).toEqual({ code: 4429, reason: 'QUERY_LIMIT_EXCEEDED: This address holds 4 WebSockets already; the maximum is 4' });
    // Sockets that never initialise are closed by the server after graphql-ws's 3 s wait.
    const all = await Promise.all(closes);
    expect(all.filter((close) => close.code === 4408)).toHaveLength(BOUNDS.maxSocketsPerIp);
  });

  it('an unauthenticated flood of subscribe messages on one socket gets refusals, and the server keeps answering', async () => {
    const client = clientOf(server);
    const flood = Array.from({ length: 200 }, () => subscribe(client, { query: market() }));
    await Promise.all(flood.map((subscription) => subscription.ended(1000)));
    const refused = flood.filter((subscription) => subscription.error);
    expect(refused.length).toBeGreaterThanOrEqual(200 - BOUNDS.maxPerConnection);
    expect(await metricValue(server.url, 'paygraph_market_subscribers')).toBeLessThanOrEqual(BOUNDS.maxPerConnection);
    const health = await fetch(server.url.replace(/graphql$/, 'healthz'));
    expect(health.status).toBe(200);
    for (const subscription of flood) subscription.unsubscribe();
    await live(0);
  });
});
