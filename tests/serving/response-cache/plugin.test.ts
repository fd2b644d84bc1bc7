import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { operationHash } from '../../../src/serving/persisted-operations/operation-registry.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { contractOperation } from '../../support/graphql.js';
import { useSeededServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { postGraphQL } from '../../support/processes.js';

const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };

/** Posts a body as it is and returns the response's exact text. */
async function postBody(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}


const HITS = 'paygraph_response_cache_lookups_total{result="hit"}';
const MISSES = 'paygraph_response_cache_lookups_total{result="miss"}';

describe('response cache', () => {
  const app = useSeededServer({ serving: { responseCache: 'memory' } });

  async function medianServed(): Promise<string> {
    const { body } = await postGraphQL(app.server.url, snapshot, variables);
    return body.data.marketSnapshot.median.amount;
  }

  /** Runs `send` and says how many SQL statements and cache hits and misses it caused. */
  async function counted(send: () => Promise<unknown>) {
    const [statements, hits, misses] = [app.database.statementCount(), await metricValue(app.server.url, HITS), await metricValue(app.server.url, MISSES)];
    await send();
    return {
      statements: app.database.statementCount() - statements,
      hits: (await metricValue(app.server.url, HITS)) - hits,
      misses: (await metricValue(app.server.url, MISSES)) - misses,
    };
  }

  it('answers a repeated public read with the bytes of the first answer, without running GraphQL', async () => {
    const body = { query: snapshot, variables: { country: 'CA', role: 'machine-learning-lead' }, operationName: 'Snapshot' };
    const first = await postBody(app.server.url, body, { 'x-request-id': 'first-read' });
    const operations = await metricValue(app.server.url, 'paygraph_graphql_requests_total{operation="Snapshot",outcome="ok"}');
    let again: Awaited<ReturnType<typeof postBody>> | undefined;
    expect(await counted(async () => (again = await postBody(app.server.url, body, { 'x-request-id': 'second-read' })))).toEqual({ statements: 0, hits: 1, misses: 0 });
    expect(again!.status).toBe(200);
    expect(again!.text).toBe(first.text);
    expect(again!.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again!.headers.get('x-request-id')).toBe('second-read');
    expect(Number(again!.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(await metricValue(app.server.url, 'paygraph_graphql_requests_total{operation="Snapshot",outcome="ok"}')).toBe(operations + 1);
  });

  it('keys entries by operation, variables (in any key order) and the APQ hash of the text', async () => {
    const read = (vars: Record<string, unknown>, extra: Record<string, unknown> = {}) => postBody(app.server.url, { query: snapshot, variables: vars, ...extra });
    await read({ country: 'CA', role: 'machine-learning-lead' });
    expect(await counted(() => read({ role: 'machine-learning-lead', country: 'CA' }))).toMatchObject({ statements: 0, hits: 1 });
    const byHash = { query: undefined, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(snapshot) } } };
    expect(await counted(() => read({ country: 'CA', role: 'machine-learning-lead' }, byHash))).toMatchObject({ statements: 0, hits: 1 });

    const other = await counted(() => read({ country: 'CA', role: 'no-such-role' }));
    expect(other).toMatchObject({ hits: 0, misses: 1 });
    expect(other.statements).toBeGreaterThan(0);
    // a different operation name is another request (here one graphql-js refuses)
    const { text } = await read(variables, { operationName: 'Other' });
    expect(JSON.parse(text).errors[0].message).toMatch(/Unknown operation named "Other"/);
  });

  it('answers a query sent with other spacing, commas or a trailing comment from the same entry', async () => {
    const query = '{ roles { slug title } }';
    await postBody(app.server.url, { query });
    for (const variant of [`${query} # 1`, `${query}\n# 2\n`, '{roles{slug,title}}', '\n{\n  roles {\n    slug\n    title\n  }\n}\n']) {
      let answer: Awaited<ReturnType<typeof postBody>> | undefined;
      expect(await counted(async () => (answer = await postBody(app.server.url, { query: variant }))), variant).toEqual({ statements: 0, hits: 1, misses: 0 });
      expect(answer!.headers.get('age'), variant).not.toBeNull();
    }
  });

  it('never stores an answer with errors', async () => {
    const unknown = { country: 'ZZ', role: 'machine-learning-lead' };
    for (let i = 0; i < 2; i++) {
      let answer: Awaited<ReturnType<typeof postGraphQL>> | undefined;
      const use = await counted(async () => (answer = await postGraphQL(app.server.url, snapshot, unknown)));
      expect(answer!.body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(use).toMatchObject({ hits: 0, misses: 1 });
      expect(use.statements).toBeGreaterThan(0);
    }
  });

  it('drops cached figures when another process writes to the database', async () => {
    expect(await medianServed()).toBe('123557.00');
    const writer = new pg.Client({ connectionString: app.database.url });
    await writer.connect();
    try {
      await writer.query(`UPDATE market_snapshot SET median = 125000 WHERE period = '2026-04'`);
      let served = await medianServed();
      for (let waited = 0; served !== '125000.00' && waited < 2000; waited += 20) {
        await sleep(20);
        served = await medianServed();
      }
      expect(served).toBe('125000.00');
      expect(await counted(medianServed)).toMatchObject({ statements: 0, hits: 1 }); // cached again
    } finally {
      await writer.query(`UPDATE market_snapshot SET median = 123557 WHERE period = '2026-04'`);
      await writer.end();
    }
  });

  it('shows the figures of a mutation to the very next read', async () => {
    const { ApiKeyService, Scope } = await import('../../../src/services/api-keys/api-key.service.js');
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'importer', scopes: [Scope.OBSERVATIONS_WRITE] });
    const market = { country: 'FR', role: 'prompt-engineer' };
    const read = async () => (await postGraphQL(app.server.url, contractOperation('CountryGraph'), { country: 'FR', first: 5 })).body.data.country;
    expect(await read()).toBeNull(); // now cached

    const observations = ['52000', '61000', '58000'].map((amount, i) => ({
      id: String(i), countryCode: market.country, jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount, currencyCode: 'EUR',
    }));
    const mutation = 'mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { imported userErrors { message } } }';
    const importOnce = () => postGraphQL(app.server.url, mutation, { input: { source: 'cache-test', observations } }, { authorization: `Bearer ${key}` });
    expect((await importOnce()).body.data.importObservations).toEqual({ imported: 3, userErrors: [] });

    const country = await read(); // no waiting for the database's notice
    expect(country.roles.edges[0].node).toMatchObject({ slug: market.role, latestSnapshot: { sampleSize: 3, median: { amount: '58000.00', currencyCode: 'EUR' } } });
    // a mutation is never answered from the cache: the same one again runs, and finds its rows already there
    expect((await importOnce()).body.data.importObservations).toMatchObject({ imported: 0 });
  });

  it('keeps the subgraph endpoint apart, and refuses it a hash alone as Apollo does', async () => {
    const subgraph = app.server.url.replace(/graphql$/, 'subgraph');
    // Introspection is off: the subgraph answers a gateway's key only (checked once, then trusted for 10 s).
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'gateway', scopes: [Scope.SUBGRAPH_READ] });
    const asGateway = { authorization: `Bearer ${key}` };
    const query = '{ countries { code } }';
    await postBody(app.server.url, { query });
    expect(await counted(() => postBody(subgraph, { query }, asGateway))).toMatchObject({ hits: 0, misses: 1 });
    expect(await counted(() => postBody(subgraph, { query }, asGateway))).toMatchObject({ statements: 0, hits: 1 });
    const byHash = await postBody(subgraph, { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(query) } } }, asGateway);
    expect(JSON.parse(byHash.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});

describe('response cache with rate limits', () => {
  const app = useSeededServer({
    serving: { responseCache: 'memory', rateLimit: { enabled: true, pointsPerWindow: 1000, pointsPerWindowWithKey: 5000, windowSeconds: 60 } },
  });

  it('charges a hit the cost of its operation and refuses it with 429 once the budget is spent', async () => {
    const first = await postGraphQL(app.server.url, snapshot, variables);
    const cost = 1000 - Number(first.headers.get('ratelimit-remaining'));
    expect(cost).toBeGreaterThan(10);
    const before = app.database.statementCount();
    const hit = await postGraphQL(app.server.url, snapshot, variables);
    expect(app.database.statementCount() - before).toBe(0);
    expect(Number(hit.headers.get('ratelimit-remaining'))).toBe(1000 - 2 * cost);
    expect(hit.headers.get('ratelimit-policy')).toBe('1000;w=60;comment="cost points"');

    let response = hit;
    while (response.status === 200) response = await postGraphQL(app.server.url, snapshot, variables);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost });
  });

  it('charges a hit sent with an API key to that key', async () => {
    const { ApiKeyService, Scope } = await import('../../../src/services/api-keys/api-key.service.js');
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE] });
    const read = () => postGraphQL(app.server.url, snapshot, variables, { authorization: `Bearer ${key}` });
    const first = await read();
    const cost = 5000 - Number(first.headers.get('ratelimit-remaining'));
    const hit = await read();
    expect(hit.headers.get('ratelimit-limit')).toBe('5000');
    expect(Number(hit.headers.get('ratelimit-remaining'))).toBe(5000 - 2 * cost);
  });
});

describe('response cache in persisted-only mode', () => {
  const app = useSeededServer({ serving: { responseCache: 'memory', persistedOperations: { only: true, file: undefined }, subgraph: false } });

  it('answers registered operations from the cache, by hash or text, and never anything else', async () => {
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(snapshot) } }, variables };
    expect((await postBody(app.server.url, byHash)).status).toBe(200);
    const before = app.database.statementCount();
    expect((await postBody(app.server.url, byHash)).status).toBe(200);
    expect((await postBody(app.server.url, { query: snapshot, variables })).status).toBe(200);
    expect(app.database.statementCount() - before).toBe(0);

    for (let i = 0; i < 2; i++) {
      const refused = await postBody(app.server.url, { query: '{ countries { code } }' });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });
});
