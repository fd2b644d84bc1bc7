import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createSyntheticMarkets } from '../../support/fixtures.js';
import { contractOperation, createGraphQLClient } from '../../support/graphql.js';

const ROLE_COUNT = 60;
let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await createSyntheticMarkets(database, { countryCode: 'DE', countryName: 'Germany', currencyCode: 'EUR', roleCount: ROLE_COUNT, periods: ['2022', '2023'] });
  client = await createGraphQLClient(database);
});
afterAll(async () => {
  await client.stop();
  await database.drop();
});

const countryGraph = (variables: { country: string; first: number; after?: string | null }) => client.execute(contractOperation('CountryGraph'), variables);

describe('Country.roles pagination', () => {
  it('walks every role exactly once, page by page, in slug order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors } = await countryGraph({ country: 'DE', first: 25, after });
      expect(errors).toBeUndefined();
      const roles = data!.country.roles;
      expect(roles.totalCount).toBe(ROLE_COUNT);
      seen.push(...roles.edges.map((edge: { node: { slug: string } }) => edge.node.slug));
      pages++;
      if (!roles.pageInfo.hasNextPage) break;
      after = roles.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    const expected = Array.from({ length: ROLE_COUNT }, (_, i) => `role-${String(i + 1).padStart(3, '0')}`);
    expect(seen).toEqual(expected);
  });

  it('gives each edge the cursor that continues after it', async () => {
    const first = await countryGraph({ country: 'DE', first: 5 });
    const third = first.data!.country.roles.edges[2];
    const next = await countryGraph({ country: 'DE', first: 2, after: third.cursor });
    expect(next.data!.country.roles.edges.map((edge: { node: { slug: string } }) => edge.node.slug)).toEqual(['role-004', 'role-005']);
  });

  it('reports the last page exactly: hasNextPage false when the page ends on the last role', async () => {
    const { data } = await countryGraph({ country: 'DE', first: ROLE_COUNT });
    expect(data!.country.roles.edges).toHaveLength(ROLE_COUNT);
    expect(data!.country.roles.pageInfo.hasNextPage).toBe(false);
    const beyond = await countryGraph({ country: 'DE', first: 10, after: data!.country.roles.pageInfo.endCursor });
    expect(beyond.data!.country.roles).toMatchObject({ totalCount: ROLE_COUNT, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('returns an empty page for first: 0, with the total', async () => {
    const { data, errors } = await countryGraph({ country: 'DE', first: 0 });
    expect(errors).toBeUndefined();
    expect(data!.country.roles).toEqual({ totalCount: ROLE_COUNT, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('rejects a negative or oversized page and a forged cursor with BAD_USER_INPUT', async () => {
    for (const first of [-1, 101]) {
      const { errors } = await countryGraph({ country: 'DE', first });
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
    }
    const forged = await countryGraph({ country: 'DE', first: 5, after: 'not-a-cursor' });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['after'] } });
  });

  it('scopes roles to the country: each latest snapshot is that country’s, in its currency', async () => {
    const { data } = await countryGraph({ country: 'DE', first: 2 });
    const [first, second] = data!.country.roles.edges.map((edge: { node: any }) => edge.node.latestSnapshot);
    // role 1, period index 1 (2023): 100000 + 1000 + 5000
    expect(first).toMatchObject({ period: '2023', sampleSize: 40, median: { amount: '106000.00', currencyCode: 'EUR' } });
    expect(second.median.amount).toBe('107000.00');
    // 2022 → 2023 of role 1: 101000 → 106000 would be PREVIOUS_PERIOD; the contract asks PROJECTION, absent here
    expect(first.growthDelta).toBeNull();
    expect(first.premiumBrackets.map((bracket: { tier: string }) => bracket.tier)).toEqual(['BASELINE', 'SPECIALIST', 'TOP_QUARTILE']);
    expect(first.skills).toEqual([{ skill: { name: 'SQL' } }, { skill: { name: 'Spark' } }]);
  });
});

describe('Role reached from the root', () => {
  it('needs a countryCode for market fields, and uses it', async () => {
    const missing = await client.execute('{ role(slug: "role-001") { latestSnapshot { period } } }');
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['countryCode'] } });
    const { data, errors } = await client.execute(`{
      role(slug: "role-001") {
        slug
        latestSnapshot(countryCode: "DE") { period median { amount } growthDelta(basis: PREVIOUS_PERIOD) { fromPeriod from { amount } to { amount } percent direction } }
        snapshots(countryCode: "DE") { period }
      }
    }`);
    expect(errors).toBeUndefined();
    // 101000 → 106000: +5000, 4.950495…% → 4.95
    expect(data!.role).toEqual({
      slug: 'role-001',
      latestSnapshot: {
        period: '2023',
        median: { amount: '106000.00' },
        growthDelta: { fromPeriod: '2022', from: { amount: '101000.00' }, to: { amount: '106000.00' }, percent: 4.95, direction: 'UP' },
      },
      snapshots: [{ period: '2023' }, { period: '2022' }],
    });
  });

  it('returns null for an unknown role and lists roles by category', async () => {
    expect((await client.execute('{ role(slug: "nobody") { slug } }')).data!.role).toBeNull();
    const { data } = await client.execute('{ roles(category: "Data Science & AI") { slug } countries { code } }');
    expect(data!.roles).toEqual([{ slug: 'machine-learning-lead' }]);
    expect(data!.countries).toEqual([{ code: 'CA' }, { code: 'DE' }]);
  });
});

describe('round trips', () => {
  it('runs the same number of SQL statements for 5 and for 50 roles', async () => {
    const statementsFor = async (first: number) => {
      const before = database.statementCount();
      const { errors } = await countryGraph({ country: 'DE', first });
      expect(errors).toBeUndefined();
      return database.statementCount() - before;
    };
    const forFive = await statementsFor(5);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forFive);
    // One planned statement builds the whole answer (src/graphql/planned).
    expect(forFive).toBe(1);
  });

  const statementsOf = async (query: string) => {
    const before = database.statementCount();
    const result = await client.execute(query);
    return { ...result, statements: database.statementCount() - before };
  };

  it('reads the latest snapshots with the page, also through fragments and aliases', async () => {
    const { data, errors, statements } = await statementsOf(`{
      country(code: "DE") { roles(first: 50) { edges { node { slug ...Latest } } } }
    }
    fragment Latest on Role { ... on Role { newest: latestSnapshot { period sampleSize median { amount } } } }`);
    expect(errors).toBeUndefined();
    expect(statements).toBe(1);
    // The same markets one at a time through the root field, which reads them another way.
    for (const { node } of data!.country.roles.edges.slice(0, 3)) {
      const single = await client.execute(`{ marketSnapshot(countryCode: "DE", roleSlug: "${node.slug}", level: ALL) { period sampleSize median { amount } } }`);
      expect(node.newest).toEqual(single.data!.marketSnapshot);
    }
  });

  it('reads a latest snapshot with arguments on its own, and counts only when asked', async () => {
    const senior = await statementsOf('{ country(code: "DE") { roles(first: 5) { edges { node { latestSnapshot(level: SENIOR) { period } } } } } }');
    expect(senior.errors).toBeUndefined();
    // DE's synthetic markets have level ALL only: a page-level read of ALL here would answer wrongly.
    expect(senior.data!.country.roles.edges.map((edge: { node: { latestSnapshot: unknown } }) => edge.node.latestSnapshot)).toEqual(Array(5).fill(null));
    expect(senior.statements).toBe(3);
    const counted = await statementsOf('{ country(code: "DE") { roles(first: 5) { totalCount } } }');
    expect(counted.data!.country.roles.totalCount).toBe(ROLE_COUNT);
    expect(counted.statements).toBe(1);
  });
});
