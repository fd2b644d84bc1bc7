import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createSyntheticMarkets } from '../../support/fixtures.js';
import { contractOperation } from '../../support/graphql.js';
import { startTestServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { base64url } from '../../../src/graphql/planned/sql-json.js';
import { roleCursor } from '../../../src/services/catalog/catalog.service.js';

// Planned queries (one SQL statement building the answer as JSON) must answer exactly what the
// resolvers answer. The reference is the same server with SPEED_UPS off: graphql-js running the
// resolvers, whose figures come from src/domain's decimal maths, not from SQL.

const STATEMENTS = 'paygraph_sql_statements_total';
const serving = { responseCache: 'off', rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } } as const;

let database: TestDatabase;
let planned: RunningServer;
let reference: RunningServer;

/** The raw bytes of an answer, so that key order and number formatting are compared too (each error names its own request). */
async function answer(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, text: (await response.text()).replaceAll(/"requestId":"[^"]+"/g, '"requestId":"…"') };
}

/** Both servers' answers, and how many SQL statements the planned server sent for its own. */
async function bothWays(query: string, variables: Record<string, unknown> = {}) {
  const before = await metricValue(planned.url, STATEMENTS);
  const fast = await answer(planned.url, query, variables);
  const statements = (await metricValue(planned.url, STATEMENTS)) - before;
  const plain = await answer(reference.url, query, variables);
  return { fast, plain, statements, body: JSON.parse(fast.text) as { data?: any; errors?: any[] } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await createSyntheticMarkets(database, { countryCode: 'DE', countryName: 'Germany', currencyCode: 'EUR', roleCount: 12, periods: ['2022', '2023'] });
  await database.pool.query(`
    -- Latest snapshots (2023) with the cases the derived figures treat apart.
    UPDATE market_snapshot ms SET projected_median = CASE r.slug
        WHEN 'role-001' THEN 111000.00      -- UP
        WHEN 'role-002' THEN ms.median      -- FLAT
        WHEN 'role-003' THEN NULL           -- no projection: no growth, no PROJECTED bracket
        WHEN 'role-004' THEN 200010.00      -- +0.005 %: exactly half a hundredth, rounds away from zero
        WHEN 'role-005' THEN 199990.00      -- −0.005 %
        ELSE ms.median * 1.0375 END,
      median = CASE r.slug WHEN 'role-004' THEN 200000.00 WHEN 'role-005' THEN 200000.00 WHEN 'role-006' THEN 100001.25 ELSE ms.median END,
      p75 = CASE r.slug WHEN 'role-003' THEN NULL WHEN 'role-007' THEN 130000.50 ELSE ms.p75 END,
      p90 = CASE r.slug WHEN 'role-005' THEN NULL WHEN 'role-007' THEN 150000.49 ELSE ms.p90 END,
      mean = CASE r.slug WHEN 'role-008' THEN 123456.78 ELSE NULL END
    FROM role r WHERE r.id = ms.role_id AND ms.period = '2023';
    -- A role with a market but no snapshot at level ALL: in the page, latestSnapshot null.
    UPDATE market_snapshot ms SET level = 'MID' FROM role r WHERE r.id = ms.role_id AND r.slug = 'role-009';
    -- Tiers: the role category's own SPECIALIST replaces the general one, keeping its place; a
    -- general tier and one of the category only, ordered by their minimum.
    INSERT INTO premium_tier (tier, label, category, min_percent, max_percent) VALUES
      ('SPECIALIST', 'Synthetic specialist', 'Synthetic', 55.55, 95.05),
      ('EXPERT', 'Expert premium', '', 12.50, 30.00),
      ('NICHE', 'Niche premium', 'Synthetic', 5.00, 12.50);
    -- Latest snapshots without skills: one beside snapshots with skills, and the two of a page of their own.
    DELETE FROM snapshot_skill e USING market_snapshot ms, role r
      WHERE ms.id = e.snapshot_id AND r.id = ms.role_id AND r.slug IN ('role-011', 'role-012') AND ms.period = '2023';
    -- Computed skills, ties broken by name, and one unranked.
    INSERT INTO skill (name, category) VALUES ('Airflow', NULL), ('airbyte', 'Data');
    INSERT INTO snapshot_skill (snapshot_id, skill_id, rank, premium_percent, sample_size, prevalence, median, origin)
      SELECT ms.id, s.id, NULL, 4.25, 7, 0.1750, 104250.00, 'COMPUTED' FROM market_snapshot ms JOIN role r ON r.id = ms.role_id, skill s
      WHERE r.slug = 'role-001' AND ms.period = '2023' AND s.name IN ('Airflow', 'airbyte');
  `);
  [planned, reference] = await Promise.all([
    startTestServer(database, { serving: { ...serving, speedUps: true } }),
    startTestServer(database, { serving: { ...serving, speedUps: false } }),
  ]);
});

afterAll(async () => {
  await Promise.all([planned?.close(), reference?.close()]);
  await database?.drop();
});

/** Every field the planned statement covers, through aliases, fragments and __typename. */
const EVERY_PLANNED_FIELD = `
  query Everything($country: String!, $first: Int, $after: String) {
    __typename
    place: country(code: $country) { ...Place }
    again: country(code: $country) { ... on Node { id } code }
  }
  fragment Place on Country {
    __typename id code name currencyCode
    roles(first: $first, after: $after) {
      __typename totalCount
      pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
      edges { __typename cursor node { ...RoleFields } }
    }
  }
  fragment RoleFields on Role {
    __typename id slug title category
    latest: latestSnapshot {
      __typename id period level sampleSize source
      median { __typename amount currencyCode conversion { rate } }
      mean { amount currencyCode }
      projectedMedian { amount }
      percentiles { __typename p10 { amount } p25 { amount } p50 { amount } p75 { amount } p90 { amount currencyCode } }
      growthDelta { __typename basis fromPeriod from { amount currencyCode } to { amount } absolute { amount } percent direction }
      growth: growthDelta(basis: PROJECTION) { percent }
      premiumBrackets { __typename tier label min { amount currencyCode } max { amount } premiumPercentMin premiumPercentMax exceedsObserved observedCeiling { amount } }
      skills { __typename rank premiumPercent sampleSize prevalence median { amount currencyCode } origin skill { __typename name category } }
      ... on MarketSnapshot { period }
    }
  }`;

/** A page of roles with the latest snapshot's `snapshotFields`. */
const pageOf = (snapshotFields: string, rolesArguments = 'first: $first, after: $after') => `
  query Page($country: String!, $first: Int, $after: String) {
    country(code: $country) { code roles(${rolesArguments}) { totalCount edges { node { slug latestSnapshot { period ${snapshotFields} } } } } }
  }`;

describe('planned queries', () => {
  it.each([
    ['the contract CountryGraph', contractOperation('CountryGraph'), { country: 'DE', first: 12 }],
    ['the seed market', contractOperation('CountryGraph'), { country: 'CA', first: 5 }],
    ['every planned field, first page', EVERY_PLANNED_FIELD, { country: 'DE', first: 5 }],
    ['every planned field, default page size', EVERY_PLANNED_FIELD, { country: 'de' }],
    ['an empty page (first: 0)', EVERY_PLANNED_FIELD, { country: 'DE', first: 0 }],
    ['the largest page (first: 100)', EVERY_PLANNED_FIELD, { country: 'DE', first: 100 }],
    ['a country paygraph does not have', EVERY_PLANNED_FIELD, { country: 'ZZ', first: 5 }],
    ['a connection without its page (totalCount alone)', 'query Total($country: String!) { country(code: $country) { roles(first: 5) { totalCount } } }', { country: 'DE' }],
    ['skills twice, under aliases with different fields', pageOf('top: skills { rank skill { name } } all: skills { median { amount currencyCode } skill { name category } }'), { country: 'DE', first: 12 }],
    ['a page whose snapshots have no skills', EVERY_PLANNED_FIELD, { country: 'DE', first: 2, after: roleCursor('role-010') }],
    ['a page without aggregates (edges alone)', 'query Edges($country: String!) { country(code: $country) { roles(first: 5) { edges { cursor } } } }', { country: 'DE' }],
  ])('answers %s in one statement, byte for byte as the resolvers do', async (_, query, variables) => {
    const { fast, plain, statements, body } = await bothWays(query, variables);
    expect(body.errors).toBeUndefined();
    expect(fast).toEqual(plain);
    expect(statements).toBe(1);
  });

  it('pages on with the cursors it issued, as the resolvers do', async () => {
    const first = await bothWays(EVERY_PLANNED_FIELD, { country: 'DE', first: 4 });
    const after = first.body.data.place.roles.pageInfo.endCursor as string;
    expect(first.body.data.place.roles.pageInfo.hasNextPage).toBe(true);
    const second = await bothWays(EVERY_PLANNED_FIELD, { country: 'DE', first: 4, after });
    expect(second.fast).toEqual(second.plain);
    expect(second.statements).toBe(1);
    expect(second.body.data.place.roles.pageInfo.hasPreviousPage).toBe(true);
    expect(second.body.data.place.roles.edges[0].node.slug).toBe('role-005');
  });

  it('computes growth and brackets as src/domain does: the cases read by hand', async () => {
    const { body } = await bothWays(EVERY_PLANNED_FIELD, { country: 'DE', first: 12 });
    const bySlug = Object.fromEntries(body.data.place.roles.edges.map((edge: any) => [edge.node.slug, edge.node.latest]));
    expect(bySlug['role-004'].growthDelta).toMatchObject({ percent: 0.01, direction: 'UP', absolute: { amount: '10.00' } });
    expect(bySlug['role-005'].growthDelta).toMatchObject({ percent: -0.01, direction: 'DOWN', absolute: { amount: '-10.00' } });
    expect(bySlug['role-002'].growthDelta).toMatchObject({ percent: 0, direction: 'FLAT' });
    expect(bySlug['role-003'].growthDelta).toBeNull();
    expect(bySlug['role-009']).toBeNull();
    // 100001.25 × 1.5555 = 155551.944375 → 155552; × 1.9505 = 195052.438125 → 195052.
    const specialist = bySlug['role-006'].premiumBrackets.find((bracket: any) => bracket.tier === 'SPECIALIST');
    expect(specialist).toMatchObject({ label: 'Synthetic specialist', min: { amount: '155552.00' }, max: { amount: '195052.00' }, premiumPercentMin: 55.55 });
    expect(bySlug['role-006'].premiumBrackets.map((bracket: any) => bracket.tier)).toEqual(['BASELINE', 'PROJECTED', 'NICHE', 'EXPERT', 'SPECIALIST', 'TOP_QUARTILE']);
    expect(bySlug['role-003'].premiumBrackets.map((bracket: any) => bracket.tier)).toEqual(['BASELINE', 'NICHE', 'EXPERT', 'SPECIALIST']);
    expect(bySlug['role-001'].skills.map((entry: any) => entry.skill.name)).toEqual(['SQL', 'Spark', 'airbyte', 'Airflow']);
    expect(bySlug['role-011'].skills).toEqual([]);
  });

  it.each([
    ['an argument the statement does not read (basis)', pageOf('growthDelta(basis: PREVIOUS_PERIOD) { percent }'), { country: 'DE', first: 3 }],
    ['a currency conversion', pageOf('median(currency: "USD") { amount currencyCode }'), { country: 'CA', first: 3 }],
    ['a field it has no SQL for', pageOf('skills { confidence { level } skill { name } }'), { country: 'DE', first: 3 }],
    ['@include', pageOf('period @include(if: true)'), { country: 'DE', first: 3 }],
    ['an ordered page', pageOf('period', 'first: $first, after: $after, orderBy: [{ field: MEDIAN, direction: DESC }]'), { country: 'DE', first: 3 }],
  ])('leaves %s to the resolvers, with the same answer', async (_, query, variables) => {
    const { fast, plain, statements, body } = await bothWays(query, variables);
    expect(body.data.country).not.toBeNull();
    expect(fast).toEqual(plain);
    expect(statements).toBeGreaterThan(1);
  });

  it.each([
    ['a malformed country code', { country: 'C4', first: 3 }, 'BAD_USER_INPUT'],
    ['a page over the maximum', { country: 'DE', first: 101 }, 'BAD_USER_INPUT'],
    ['a forged cursor', { country: 'DE', first: 3, after: 'bm90LWEtY3Vyc29y' }, 'BAD_USER_INPUT'],
  ])('answers %s with the resolvers\' error', async (_, variables, code) => {
    const { fast, plain, body } = await bothWays(contractOperation('CountryGraph'), variables);
    expect(body.errors?.[0].extensions.code).toBe(code);
    expect(fast).toEqual(plain);
  });

  it('answers with the resolvers\' error where they throw: a tier whose minimum exceeds its maximum, a median of zero', async () => {
    const query = contractOperation('CountryGraph');
    await database.pool.query(`INSERT INTO premium_tier (tier, label, category, min_percent, max_percent) VALUES ('BROKEN', 'Broken', 'Synthetic', 60, 50)`);
    try {
      const broken = await bothWays(query, { country: 'DE', first: 3 });
      expect(broken.body.errors?.[0].path).toEqual(['country', 'roles', 'edges', 0, 'node', 'latestSnapshot', 'premiumBrackets']);
      expect(broken.fast).toEqual(broken.plain);
    } finally {
      await database.pool.query(`DELETE FROM premium_tier WHERE tier = 'BROKEN'`);
    }
    await database.pool.query(`UPDATE market_snapshot SET median = 0 WHERE id = (SELECT ms.id FROM market_snapshot ms JOIN role r ON r.id = ms.role_id WHERE r.slug = 'role-010' AND ms.period = '2023')`);
    const zero = await bothWays(query, { country: 'DE', first: 12 });
    expect(zero.body.errors?.[0].path).toContain('premiumBrackets');
    expect(zero.fast).toEqual(zero.plain);
  });
});

describe('planned queries with the response cache', () => {
  it('give the cache hint the resolvers give: the answer is stored and served again without SQL', async () => {
    const cached = await startTestServer(database, { serving: { ...serving, responseCache: 'memory', speedUps: true } });
    try {
      const query = contractOperation('CountryGraph');
      const before = await metricValue(cached.url, STATEMENTS);
      const first = await answer(cached.url, query, { country: 'DE', first: 3 });
      const afterFirst = await metricValue(cached.url, STATEMENTS);
      const response = await fetch(cached.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { country: 'DE', first: 3 } }) });
      expect(afterFirst - before).toBe(1);
      expect(await response.text()).toBe(first.text);
      expect(response.headers.get('age')).not.toBeNull();
      expect(await metricValue(cached.url, STATEMENTS)).toBe(afterFirst);
    } finally {
      await cached.close();
    }
  });
});

describe('planned SQL pieces', () => {
  it('writes base64url as Node does, for text long enough that encode() breaks its lines', async () => {
    const texts = ['role:a', 'role:ab', 'role:abc', `role:${'long-slug-'.repeat(30)}`, 'Role:naïve-ñ-ロール'];
    const { rows } = await database.pool.query<{ encoded: string[] }>(`SELECT array_agg(${base64url('t')} ORDER BY n) AS encoded FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n)`, [texts]);
    expect(rows[0]!.encoded).toEqual(texts.map((text) => Buffer.from(text).toString('base64url')));
  });
});
