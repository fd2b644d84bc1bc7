import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { buildPaygraphSubgraphSchema } from '../../../src/graphql/federation/subgraph-schema.js';
import { operationCost } from '../../../src/serving/limits/operation-cost.js';
import { buildPaygraphSchema } from '../../../src/graphql/schema.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { fetchSubgraphSdl } from '../../support/federation.js';
import { createSyntheticMarkets } from '../../support/fixtures.js';
import { contractOperation } from '../../support/graphql.js';
import { startTestServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

const ROLE_COUNT = 100;
let database: TestDatabase;
let server: RunningServer;
let subgraphUrl: string;
// The server runs as in production, introspection off: the subgraph answers subgraph:read keys only.
let asGateway: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await createSyntheticMarkets(database, { countryCode: 'DE', countryName: 'Germany', currencyCode: 'EUR', roleCount: ROLE_COUNT, periods: ['2023'] });
  // No response cache: the statement counts must be those of resolving, every time.
  server = await startTestServer(database, { serving: { responseCache: 'off' } });
  subgraphUrl = server.url.replace(/graphql$/, 'subgraph');
  const { key } = await new ApiKeyService(database.prisma).create({ name: 'gateway', scopes: [Scope.SUBGRAPH_READ] });
  asGateway = { authorization: `Bearer ${key}` };
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Country { code name }
    ... on Role { slug title }
    ... on MarketSnapshot { id period median { amount } }
  }
}`;

describe('the subgraph at /subgraph', () => {
  it('publishes Federation 2 SDL with Country, Role and MarketSnapshot as entities, which composes', async () => {
    const sdl = await fetchSubgraphSdl(subgraphUrl, asGateway);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])');
    expect(sdl).toMatch(/type Country implements Node\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Role implements Node\s+@key\(fields: "slug"\)/);
    expect(sdl).toMatch(/type MarketSnapshot implements Node\s+@key\(fields: "id"\)/);
    const composition = composeServices([{ name: 'paygraph', typeDefs: parse(sdl), url: subgraphUrl }]);
    expect(composition.errors).toBeUndefined();
  });

  it('serves the public API with the same resolvers: a contract operation answers as on /graphql', async () => {
    const variables = { country: 'CA', role: 'machine-learning-lead' };
    const [viaGraphql, viaSubgraph] = await Promise.all([
      postGraphQL(server.url, contractOperation('Snapshot'), variables),
      postGraphQL(subgraphUrl, contractOperation('Snapshot'), variables, asGateway),
    ]);
    expect(viaSubgraph.body.errors).toBeUndefined();
    expect(viaSubgraph.body.data.marketSnapshot.median.formatted).toBe('$123,557');
    expect(viaSubgraph.body).toEqual(viaGraphql.body);
  });

  it('prices operations as /graphql does, and _entities once per representation', async () => {
    const [schema, subgraph] = await Promise.all([buildPaygraphSchema(), buildPaygraphSubgraphSchema()]);
    const variables = { country: 'CA', role: 'machine-learning-lead', first: 50 };
    for (const name of ['Snapshot', 'CountryGraph']) {
      const document = parse(contractOperation(name));
      expect(operationCost(subgraph, document, name, variables)).toBe(operationCost(schema, document, name, variables));
    }
    const entitiesCost = (count: number) =>
      operationCost(subgraph, parse(ENTITIES), undefined, { representations: Array.from({ length: count }, () => ({ __typename: 'Role', slug: 'x' })) });
    expect(entitiesCost(1)).toBeGreaterThan(1);
    expect(entitiesCost(100) - 1).toBe(100 * (entitiesCost(1) - 1));
  });

  it('leaves the public schema free of federation fields and directives', async () => {
    const sdl = printSchema(await buildPaygraphSchema());
    expect(sdl).not.toMatch(/_entities|_service|_Any|@key|@link/);
  });

  it('resolves 100 role, 100 snapshot and 2 country references with one query per type, in order', async () => {
    const roles = Array.from({ length: ROLE_COUNT }, (_, i) => `role-${String(i + 1).padStart(3, '0')}`);
    const snapshots = await database.prisma.marketSnapshot.findMany({ where: { country: { code: 'DE' } }, orderBy: { id: 'asc' } });
    expect(snapshots).toHaveLength(ROLE_COUNT);
    const representations = [
      ...roles.map((slug) => ({ __typename: 'Role', slug })),
      ...snapshots.map((snapshot) => ({ __typename: 'MarketSnapshot', id: toGlobalId('MarketSnapshot', snapshot.id) })),
      { __typename: 'Country', code: 'CA' },
      { __typename: 'Country', code: 'DE' },
    ];
    // The gateway's key, just checked, is trusted for 10 s: resolving is all that is counted.
    await fetchSubgraphSdl(subgraphUrl, asGateway);
    const before = database.statementCount();
    const { body } = await postGraphQL(subgraphUrl, ENTITIES, { representations }, asGateway);
    expect(database.statementCount() - before).toBe(3);
    expect(body.errors).toBeUndefined();
    const entities = body.data._entities;
    expect(entities).toHaveLength(representations.length);
    expect(entities[0]).toEqual({ __typename: 'Role', slug: 'role-001', title: 'Role 1' });
    expect(entities[ROLE_COUNT - 1]).toEqual({ __typename: 'Role', slug: 'role-100', title: 'Role 100' });
    // role-001, period index 0: median 100000 + 1000·1
    expect(entities[ROLE_COUNT]).toEqual({ __typename: 'MarketSnapshot', id: toGlobalId('MarketSnapshot', snapshots[0]!.id), period: '2023', median: { amount: '101000.00' } });
    expect(entities.slice(-2)).toEqual([
      { __typename: 'Country', code: 'CA', name: 'Canada' },
      { __typename: 'Country', code: 'DE', name: 'Germany' },
    ]);
  });

  it('answers null for a reference that names nothing, including a global id of another type', async () => {
    const representations = [
      { __typename: 'Role', slug: 'no-such-role' },
      { __typename: 'Country', code: 'ZZ' },
      { __typename: 'MarketSnapshot', id: toGlobalId('Role', 'machine-learning-lead') },
      { __typename: 'MarketSnapshot', id: 'not-a-global-id' },
      { __typename: 'Role', slug: 42 },
    ];
    const { body } = await postGraphQL(subgraphUrl, ENTITIES, { representations }, asGateway);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([null, null, null, null, null]);
  });

  it('refuses a representation of anything but an entity as the caller’s mistake (400 BAD_USER_INPUT)', async () => {
    for (const representation of [{ __typename: 'Nope', id: 'x' }, { __typename: 'Money', amount: '1' }, { code: 'CA' }, 'Country']) {
      const { status, body } = await postGraphQL(subgraphUrl, ENTITIES, { representations: [{ __typename: 'Country', code: 'CA' }, representation] }, asGateway);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toMatch(/^Variable "\$representations" got invalid value .*A representation is an object whose __typename is one of Country, Role, MarketSnapshot/);
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['representations'] });
    }
  });
});

describe('who may use /subgraph', () => {
  const SDL = '{ _service { sdl } }';

  it('with introspection off, only a gateway with an API key of scope subgraph:read, even for a cached answer', async () => {
    const keys = new ApiKeyService(database.prisma);
    const editor = await keys.create({ name: 'template editor', scopes: [Scope.TEMPLATES_WRITE] });
    const revoked = await keys.create({ name: 'old gateway', scopes: [Scope.SUBGRAPH_READ] });
    await keys.revoke(revoked.prefix);
    // With the response cache on, as by default: a cached SDL must not answer a caller without the key.
    const cached = await startTestServer(database);
    try {
      const url = cached.url.replace(/graphql$/, 'subgraph');
      expect((await postGraphQL(url, SDL, {}, asGateway)).body.data._service.sdl).toContain('@key(fields: "code")');
      const refusals = [
        [{}, 401, 'UNAUTHENTICATED'],
        [{ authorization: 'Bearer pgk_not-a-key' }, 401, 'UNAUTHENTICATED'],
        [{ authorization: `Bearer ${revoked.key}` }, 401, 'UNAUTHENTICATED'],
        [{ authorization: `Bearer ${editor.key}` }, 403, 'FORBIDDEN'],
      ] as const;
      for (const [headers, status, code] of refusals) {
        for (const query of [SDL, ENTITIES]) {
          const refused = await postGraphQL(url, query, { representations: [{ __typename: 'Country', code: 'CA' }] }, headers);
          expect(refused.status).toBe(status);
          expect(refused.body).toEqual({ errors: [{ message: expect.stringContaining('subgraph:read'), extensions: { code } }] });
          if (status === 401) expect(refused.headers.get('www-authenticate')).toBe('Bearer');
        }
      }
      // /graphql stays public.
      expect((await postGraphQL(cached.url, '{ countries { code } }')).body.data.countries).toEqual([{ code: 'CA' }, { code: 'DE' }]);
    } finally {
      await cached.close();
    }
  });

  it('with introspection on, anyone, as the schema is public there anyway', async () => {
    const open = await startTestServer(database, { serving: { introspection: true } });
    try {
      expect(await fetchSubgraphSdl(open.url.replace(/graphql$/, 'subgraph'))).toContain('@key(fields: "slug")');
    } finally {
      await open.close();
    }
  });
});
