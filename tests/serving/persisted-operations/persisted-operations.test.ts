import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { seedDatabase } from '../../../src/db/seed.js';
import { operationHash, operationTexts, PersistedOperations } from '../../../src/serving/persisted-operations/operation-registry.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation } from '../../support/graphql.js';
import { startTestServer } from '../../support/http-server.js';

const mlLeadCanada = { country: 'CA', role: 'machine-learning-lead' };
const PARTNER_QUERY = 'query PartnerRoles { roles { slug title } }';
const AD_HOC_QUERY = '{ countries { code name } }';

let database: TestDatabase;
let open: RunningServer;
let persistedOnly: RunningServer;
let manifestFile: string;

/** Posts a GraphQL request body as is (the APQ protocol sends the hash in extensions, the text optionally). */
async function post(url: string, request: { query?: string; sha256Hash?: string; variables?: Record<string, unknown> }) {
  const body = {
    ...(request.query === undefined ? {} : { query: request.query }),
    variables: request.variables ?? {},
    ...(request.sha256Hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: request.sha256Hash } } } : {}),
  };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  manifestFile = path.join(mkdtempSync(path.join(tmpdir(), 'paygraph-persisted-')), 'persisted-documents.json');
  writeFileSync(manifestFile, JSON.stringify({ [operationHash(PARTNER_QUERY)]: PARTNER_QUERY }));
  open = await startTestServer(database, { serving: { responseCache: 'off' } });
  persistedOnly = await startTestServer(database, {
    serving: {
      responseCache: 'off',
      persistedOperations: { only: true, file: manifestFile },
      subgraph: false,
      // One alias at most, to show that the allow-list answers before the serving limits.
      limits: { ...loadConfig({}).limits, maxAliases: 1 },
    },
  });
});
afterAll(async () => {
  await open?.close();
  await persistedOnly?.close();
  await database?.drop();
});

describe('the operation registry', () => {
  it("registers each contract operation under the SHA-256 of its printed text, as a client printing it sends it", () => {
    const operations = PersistedOperations.load();
    for (const name of ['MarketReport', 'Snapshot', 'SnapshotAtPeriod', 'CountryGraph', 'Node']) {
      const text = contractOperation(name);
      expect(operations.text(operationHash(text))).toBe(text);
    }
  });

  it('keeps with each operation exactly the fragments it spreads, transitively', () => {
    const [text] = operationTexts(`
      query A { ...Outer }
      fragment Outer on Query { countries { ...Inner } }
      fragment Inner on Country { code }
      fragment Unused on Query { roles { slug } }
    `);
    expect(text).toContain('fragment Outer on Query');
    expect(text).toContain('fragment Inner on Country');
    expect(text).not.toContain('Unused');
  });

  it("reads codegen's persisted-documents.json and Apollo's manifest, and refuses an entry whose hash is not its text's", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paygraph-manifests-'));
    const apollo = path.join(dir, 'apollo.json');
    writeFileSync(apollo, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: operationHash(AD_HOC_QUERY), name: null, type: 'query', body: AD_HOC_QUERY }] }));
    expect(PersistedOperations.load(apollo).has(operationHash(AD_HOC_QUERY))).toBe(true);
    expect(PersistedOperations.load(manifestFile).has(operationHash(PARTNER_QUERY))).toBe(true);
    const forged = path.join(dir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ [operationHash(PARTNER_QUERY)]: AD_HOC_QUERY }));
    expect(() => PersistedOperations.load(forged)).toThrow(`${operationHash(PARTNER_QUERY)} is not the SHA-256 of its operation text`);
  });

  it('turns the subgraph off in persisted-only mode unless it is asked for', () => {
    expect(loadConfig({}).subgraph).toBe(true);
    expect(loadConfig({ PERSISTED_ONLY: 'true' })).toMatchObject({ persistedOperations: { only: true }, subgraph: false });
    expect(loadConfig({ PERSISTED_ONLY: 'true', SUBGRAPH: 'true' }).subgraph).toBe(true);
  });
});

describe('by default (PERSISTED_ONLY unset)', () => {
  it('runs a contract operation sent by hash alone', async () => {
    const { status, body } = await post(open.url, { sha256Hash: operationHash(contractOperation('Snapshot')), variables: mlLeadCanada });
    expect(status).toBe(200);
    expect(body.data.marketSnapshot.median.formatted).toBe('$123,557');
  });

  it('runs any operation, and lets clients register theirs the APQ way', async () => {
    expect((await post(open.url, { query: AD_HOC_QUERY })).body.data.countries).toEqual([{ code: 'CA', name: 'Canada' }]);
    const hash = operationHash(AD_HOC_QUERY);
    expect((await post(open.url, { sha256Hash: hash })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(open.url, { sha256Hash: hash, query: AD_HOC_QUERY })).body.errors).toBeUndefined();
    expect((await post(open.url, { sha256Hash: hash })).body.data.countries).toHaveLength(1);
  });

  it('answers an unsupported persisted-query version and a hash that is not its query\'s with 400 BAD_REQUEST', async () => {
    const send = (persistedQuery: object) =>
      fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: AD_HOC_QUERY, extensions: { persistedQuery } }) }).then(async (response) => ({
        status: response.status,
        body: await response.json(),
      }));
    expect(await send({ version: 2, sha256Hash: operationHash(AD_HOC_QUERY) })).toEqual({
      status: 400,
      body: { errors: [{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await send({ version: 1, sha256Hash: operationHash(PARTNER_QUERY) })).toEqual({
      status: 400,
      body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

describe('PERSISTED_ONLY=true', () => {
  it('runs the contract operations by hash alone or by their exact text', async () => {
    const text = contractOperation('Snapshot');
    for (const request of [{ sha256Hash: operationHash(text) }, { query: text }, { query: text, sha256Hash: operationHash(text) }]) {
      const { status, body } = await post(persistedOnly.url, { ...request, variables: mlLeadCanada });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.marketSnapshot.median.formatted).toBe('$123,557');
    }
  });

  it('runs the operations of PERSISTED_OPERATIONS_FILE', async () => {
    const { body } = await post(persistedOnly.url, { sha256Hash: operationHash(PARTNER_QUERY) });
    expect(body.data.roles).toEqual([{ slug: 'machine-learning-lead', title: 'Machine Learning Lead' }]);
  });

  it('counts the operations of PERSISTED_OPERATIONS_FILE in /metrics under their names, where they are registered', async () => {
    const metrics = async (server: RunningServer) => (await fetch(server.url.replace(/graphql$/, 'metrics'))).text();
    await post(persistedOnly.url, { sha256Hash: operationHash(PARTNER_QUERY) });
    expect(await metrics(persistedOnly)).toMatch(/^paygraph_graphql_requests_total\{operation="PartnerRoles",outcome="ok"\} \d+$/m);
    await post(open.url, { query: PARTNER_QUERY });
    const unregistered = await metrics(open);
    expect(unregistered).not.toContain('PartnerRoles');
    expect(unregistered).toMatch(/^paygraph_graphql_requests_total\{operation="other",outcome="ok"\} \d+$/m);
  });

  it('refuses any other operation with PERSISTED_QUERY_NOT_IN_LIST, before it touches the database', async () => {
    const before = database.statementCount();
    const overLimits = '{ a: countries { code } b: countries { code } }';
    for (const request of [
      { query: AD_HOC_QUERY },
      { query: AD_HOC_QUERY, sha256Hash: operationHash(AD_HOC_QUERY) },
      { query: `${contractOperation('Snapshot')} ` },
      { query: overLimits },
    ]) {
      const { status, body } = await post(persistedOnly.url, { ...request, variables: mlLeadCanada });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringMatching(/registered operations only/), extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }]);
    }
    expect(database.statementCount()).toBe(before);
  });

  it('lets no client register an operation', async () => {
    await post(persistedOnly.url, { query: AD_HOC_QUERY, sha256Hash: operationHash(AD_HOC_QUERY) });
    const { body } = await post(persistedOnly.url, { sha256Hash: operationHash(AD_HOC_QUERY) });
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('does not serve the subgraph, which would run any operation', async () => {
    const response = await fetch(persistedOnly.url.replace(/graphql$/, 'subgraph'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: AD_HOC_QUERY }),
    });
    expect(response.status).toBe(404);
  });
});
