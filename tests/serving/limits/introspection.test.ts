import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { seedDatabase } from '../../../src/db/seed.js';
import { ApiKeyService } from '../../../src/services/api-keys/api-key.service.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startTestServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

let database: TestDatabase;
let development: RunningServer;
let production: RunningServer;
let productionWithIntrospection: RunningServer;
/** What a gateway sends where introspection is off: /subgraph needs a key of scope subgraph:read. */
let asGateway: Record<string, string>;
// Refusals are charged at least MAX_QUERY_COST: these tests send more than one window's budget of them.
const rateLimit = { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  [development, production, productionWithIntrospection] = await Promise.all([
    startTestServer(database, { production: false, serving: { rateLimit } }),
    startTestServer(database, { production: true, serving: { rateLimit } }),
    startTestServer(database, { production: true, serving: { ...loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }), rateLimit } }),
  ]);
  const { key } = await new ApiKeyService(database.prisma).create({ name: 'gateway', scopes: ['subgraph:read'] });
  asGateway = { authorization: `Bearer ${key}` };
});
afterAll(async () => {
  await Promise.all([development, production, productionWithIntrospection].map((server) => server?.close()));
  await database.drop();
});

const subgraphOf = (server: RunningServer) => server.url.replace(/graphql$/, 'subgraph');

/** What codegen, Postman, IDE plugins and GraphiQL send, with every option a client may turn on. */
const STANDARD_INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  experimentalDirectiveDeprecation: true,
  oneOf: true,
});

describe('introspection where it is enabled', () => {
  it("answers graphql-js's standard introspection query, every option on, with a schema a client can build", async () => {
    for (const url of [development.url, subgraphOf(development), productionWithIntrospection.url]) {
      const { status, body } = await postGraphQL(url, STANDARD_INTROSPECTION);
      expect(status, url).toBe(200);
      expect(body.errors, url).toBeUndefined();
      const queryType = buildClientSchema(body.data as IntrospectionQuery).getQueryType()!;
      expect(queryType.getFields().countries?.description, url).toBe('Every country with market data, by name.');
    }
  });

  const refusals = [
    {
      name: '__type asked for four times',
      query: `{ ${['a', 'b', 'c', 'd'].map((alias) => `${alias}: __type(name: "Query") { name }`).join(' ')} }`,
      refusal: { limit: 'introspectionFields', maximum: 3, actual: 4 },
    },
    {
      name: 'ofType nested past the standard query',
      query: `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } }`,
      refusal: { limit: 'introspectionDepth', maximum: 15, actual: 16 },
    },
    {
      name: 'four aliases inside introspection',
      query: '{ __schema { types { a: name b: name c: name d: name } } }',
      refusal: { limit: 'introspectionAliases', maximum: 3, actual: 4 },
    },
  ];
  it.each(refusals)('refuses $name with QUERY_LIMIT_EXCEEDED', async ({ query, refusal }) => {
    for (const url of [development.url, subgraphOf(development)]) {
      const { status, body } = await postGraphQL(url, query);
      expect(status, url).toBe(400);
      expect(body.data, url).toBeUndefined();
      expect(body.errors[0].extensions, url).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', ...refusal });
    }
  });

  it('refuses __schema spread by fragments that each spread the next twice, quickly', async () => {
    const fragments = Array.from({ length: 29 }, (_, level) => `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`).join(' ');
    const started = performance.now();
    const { status, body } = await postGraphQL(development.url, `{ ...F0 } ${fragments} fragment F29 on Query { __schema { types { name } } }`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'introspectionFields', actual: 2 ** 29 });
  });

  it('refuses lists of types nested three deep (their results multiply)', async () => {
    const { status, body } = await postGraphQL(development.url, '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ message: 'Maximum introspection depth exceeded', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it("measures introspection apart from the operation's own depth limit", async () => {
    const nested = (innermost: string) => `country(code: "CA") { roles(first: 1) { edges { node { latestSnapshot { role { latestSnapshot { role { latestSnapshot { role { latestSnapshot { ${innermost} } } } } } } } } } } }`;
    const twelveDeep = await postGraphQL(development.url, `{ __schema { types { name } } ${nested('period')} }`);
    expect(twelveDeep.body.errors).toBeUndefined();
    expect(twelveDeep.body.data.__schema.types.length).toBeGreaterThan(10);
    const thirteenDeep = await postGraphQL(development.url, `{ __schema { types { name } } ${nested('role { slug }')} }`);
    expect(thirteenDeep.body.errors[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 12, actual: 13 });
  });
});

describe('introspection in production', () => {
  it('is refused naming the switch that enables it, on /graphql and /subgraph', async () => {
    for (const url of [production.url, subgraphOf(production)]) {
      const { status, body } = await postGraphQL(url, STANDARD_INTROSPECTION, {}, asGateway);
      expect(status, url).toBe(400);
      expect(body.data, url).toBeUndefined();
      expect(body.errors[0].extensions.code, url).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors[0].message, url).toContain('INTROSPECTION=true');
      expect(body.errors[0].message, url).not.toMatch(/ApolloServer/);
    }
  });

  it('leaves __typename alone', async () => {
    const { body } = await postGraphQL(production.url, '{ __typename countries { __typename code } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.__typename).toBe('Query');
  });
});
