import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation, createGraphQLClient } from '../../support/graphql.js';

// Expected figures come from the seed page (shared/seed): median 123,557 CAD, projected 131,591 CAD,
// 2 data points, specialists 40–80 % above the median.
const mlLeadCanada = { country: 'CA', role: 'machine-learning-lead' };

let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  client = await createGraphQLClient(database);
});

afterAll(async () => {
  await client.stop();
  await database.drop();
});

describe('Snapshot (contract)', () => {
  it('returns the seeded market with every figure computed on demand', async () => {
    const { data, errors } = await client.execute(contractOperation('Snapshot'), mlLeadCanada);
    expect(errors).toBeUndefined();
    const snapshot = data!.marketSnapshot;
    expect(snapshot).toMatchObject({
      period: '2026-04',
      asOf: '2026-04-01',
      sampleSize: 2,
      source: 'IMPORTED',
      confidence: { level: 'INSUFFICIENT', sampleSize: 2 },
      median: { amount: '123557.00', currencyCode: 'CAD', formatted: '$123,557' },
      projectedMedian: { amount: '131591.00', currencyCode: 'CAD', formatted: '$131,591' },
      percentiles: { p10: null, p25: null, p50: { amount: '123557.00' }, p75: null, p90: null },
      growthDelta: {
        basis: 'PROJECTION',
        from: { amount: '123557.00' },
        to: { amount: '131591.00' },
        absolute: { amount: '8034.00', currencyCode: 'CAD', formatted: '$8,034' },
        percent: 6.5,
        direction: 'UP',
      },
    });
    expect(snapshot.confidence.note).toMatch(/2 data points/);
    expect(snapshot.id).toEqual(expect.any(String));
    expect(snapshot.premiumBrackets).toEqual([
      { tier: 'BASELINE', label: 'Market median', min: { amount: '123557.00' }, max: { amount: '123557.00' }, premiumPercentMin: 0, premiumPercentMax: 0 },
      { tier: 'PROJECTED', label: 'Projected median', min: { amount: '131591.00' }, max: { amount: '131591.00' }, premiumPercentMin: 6.5, premiumPercentMax: 6.5 },
      // 123557 × 1.4 = 172979.8 → 172980; 123557 × 1.8 = 222402.6 → 222403
      { tier: 'SPECIALIST', label: 'Specialist premium', min: { amount: '172980.00' }, max: { amount: '222403.00' }, premiumPercentMin: 40, premiumPercentMax: 80 },
    ]);
    expect(snapshot.skills).toEqual([
      { rank: 1, premiumPercent: null, skill: { name: 'Python (NumPy/Pandas)', category: 'Programming' } },
      { rank: 2, premiumPercent: null, skill: { name: 'Statistics', category: 'Mathematics' } },
    ]);
    expect(snapshot.certifications).toEqual([{ premiumPercent: null, certification: { name: 'AWS Machine Learning Specialty', issuer: 'Amazon Web Services' } }]);
    expect(snapshot.advice.map((entry: { category: string }) => entry.category).sort()).toEqual(
      ['AI_READINESS', 'CAREER_MOAT', 'COST_OF_LIVING', 'GROWTH_CATALYST', 'MARKET_POSITIONING', 'NEGOTIATION'],
    );
  });

  it('accepts a lower-case country code', async () => {
    const { data } = await client.execute(contractOperation('Snapshot'), { country: 'ca', role: 'machine-learning-lead' });
    expect(data!.marketSnapshot.median.amount).toBe('123557.00');
  });

  it('answers NOT_FOUND for an unknown country or role, naming it', async () => {
    const unknownCountry = await client.execute(contractOperation('Snapshot'), { country: 'ZZ', role: 'machine-learning-lead' });
    expect(unknownCountry.data?.marketSnapshot).toBeNull();
    expect(unknownCountry.errors?.[0]).toMatchObject({ message: 'No country with code "ZZ"', extensions: { code: 'NOT_FOUND' } });
    const bothUnknown = await client.execute(contractOperation('Snapshot'), { country: 'ZZ', role: 'astronaut' });
    expect(bothUnknown.errors?.map((error) => error.message)).toEqual(['No country with code "ZZ"']);
    const unknownRole = await client.execute(contractOperation('Snapshot'), { country: 'CA', role: 'astronaut' });
    expect(unknownRole.errors?.[0]).toMatchObject({ message: 'No role with slug "astronaut"', extensions: { code: 'NOT_FOUND' } });
  });

  it('answers BAD_USER_INPUT for a malformed country code', async () => {
    const { errors } = await client.execute(contractOperation('Snapshot'), { country: 'Canada', role: 'machine-learning-lead' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['countryCode'] });
    expect(errors?.[0]?.message).toMatch(/alpha-2/);
  });
});

describe('SnapshotAtPeriod (contract)', () => {
  it('returns the market at a period; with no earlier period the previous-period delta is null', async () => {
    const { data, errors } = await client.execute(contractOperation('SnapshotAtPeriod'), { ...mlLeadCanada, period: '2026-04' });
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot).toEqual({
      period: '2026-04',
      sampleSize: 2,
      median: { amount: '123557.00', currencyCode: 'CAD' },
      percentiles: { p25: null, p75: null },
      growthDelta: null,
    });
  });

  it('returns null for a period the market has no snapshot of', async () => {
    const { data, errors } = await client.execute(contractOperation('SnapshotAtPeriod'), { ...mlLeadCanada, period: '2019' });
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot).toBeNull();
  });

  it('rejects a malformed period with BAD_USER_INPUT', async () => {
    const { errors } = await client.execute(contractOperation('SnapshotAtPeriod'), { ...mlLeadCanada, period: '2026-13' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['period'] });
  });
});

describe('CountryGraph (contract)', () => {
  it('walks Country → Role → latest snapshot → skills, with the role scoped to the country', async () => {
    const { data, errors } = await client.execute(contractOperation('CountryGraph'), { country: 'CA', first: 10 });
    expect(errors).toBeUndefined();
    const country = data!.country;
    expect(country).toMatchObject({ code: 'CA', name: 'Canada', currencyCode: 'CAD' });
    expect(country.roles.totalCount).toBe(1);
    expect(country.roles.pageInfo).toEqual({ hasNextPage: false, endCursor: country.roles.edges[0].cursor });
    expect(country.roles.edges[0].node).toMatchObject({
      slug: 'machine-learning-lead',
      title: 'Machine Learning Lead',
      category: 'Data Science & AI',
      latestSnapshot: {
        period: '2026-04',
        sampleSize: 2,
        median: { amount: '123557.00', currencyCode: 'CAD' },
        growthDelta: { percent: 6.5, direction: 'UP' },
        skills: [{ skill: { name: 'Python (NumPy/Pandas)' } }, { skill: { name: 'Statistics' } }],
      },
    });
    expect(country.roles.edges[0].node.latestSnapshot.premiumBrackets.find((b: { tier: string }) => b.tier === 'SPECIALIST')).toEqual({
      tier: 'SPECIALIST',
      min: { amount: '172980.00' },
      max: { amount: '222403.00' },
    });
  });

  it('returns null for an unknown country', async () => {
    const { data, errors } = await client.execute(contractOperation('CountryGraph'), { country: 'ZZ', first: 10 });
    expect(errors).toBeUndefined();
    expect(data!.country).toBeNull();
  });
});

describe('Node (contract)', () => {
  it('fetches a country, a role and a snapshot by their global ids', async () => {
    const graph = await client.execute(contractOperation('CountryGraph'), { country: 'CA', first: 1 });
    const snapshot = await client.execute(contractOperation('Snapshot'), mlLeadCanada);
    const ids = {
      country: graph.data!.country.id,
      role: graph.data!.country.roles.edges[0].node.id,
      snapshot: snapshot.data!.marketSnapshot.id,
    };
    expect(new Set(Object.values(ids)).size).toBe(3);
    expect((await client.execute(contractOperation('Node'), { id: ids.country })).data!.node).toEqual({ id: ids.country, __typename: 'Country', code: 'CA' });
    expect((await client.execute(contractOperation('Node'), { id: ids.role })).data!.node).toEqual({ id: ids.role, __typename: 'Role', slug: 'machine-learning-lead' });
    expect((await client.execute(contractOperation('Node'), { id: ids.snapshot })).data!.node).toEqual({
      id: ids.snapshot,
      __typename: 'MarketSnapshot',
      period: '2026-04',
      median: { amount: '123557.00' },
    });
  });

  it('returns null for an id that names nothing', async () => {
    for (const id of ['nonsense', Buffer.from('Country:ZZ').toString('base64url'), Buffer.from('MarketSnapshot:999999').toString('base64url'), '']) {
      const { data, errors } = await client.execute(contractOperation('Node'), { id });
      expect(errors).toBeUndefined();
      expect(data!.node).toBeNull();
    }
  });
});

describe('round trips of the single-market operations', () => {
  const statementsOf = async (operation: string, variables: Record<string, unknown>) => {
    const before = database.statementCount();
    const { data, errors } = await client.execute(contractOperation(operation), variables);
    expect(errors).toBeUndefined();
    return { data: data!, statements: database.statementCount() - before };
  };

  it('answers Snapshot in at most 3 SQL statements, with its skills, certifications and advice', async () => {
    const { data, statements } = await statementsOf('Snapshot', mlLeadCanada);
    expect(data.marketSnapshot.skills.length).toBeGreaterThan(0);
    expect(data.marketSnapshot.certifications.length).toBeGreaterThan(0);
    expect(data.marketSnapshot.advice.length).toBeGreaterThan(0);
    expect(data.marketSnapshot.premiumBrackets.length).toBeGreaterThan(0);
    // the market (country, role and snapshot together), then the snapshot's related rows together
    expect(statements).toBe(2);
  });

  it('answers MarketReport in at most 3 SQL statements', async () => {
    const { data, statements } = await statementsOf('MarketReport', mlLeadCanada);
    expect(data.marketReport.sections.length).toBeGreaterThan(0);
    // the market; history, tiers, skills and certifications together; the templates
    expect(statements).toBe(3);
  });

  it('reads two markets asked for in one request in as many statements as one', async () => {
    const one = database.statementCount();
    await client.execute(`{ a: marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { amount } skills { rank } advice { title } } }`);
    const two = database.statementCount();
    const { data, errors } = await client.execute(`{
      a: marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median { amount } skills { rank } advice { title } }
      b: marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead", period: "2026-04") { median { amount } skills { rank } advice { title } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.b).toEqual(data!.a);
    expect(database.statementCount() - two).toBe(two - one);
  });
});
