import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createGraphQLClient } from '../../support/graphql.js';
import { expectedEntries, expectedSnapshot, insertObservations, rebuild, roundedRatio, type ExpectedEntry, type TestObservation } from '../../support/observations.js';
import { percentileCont } from '../../support/percentile-cont.js';

const ROLE_COUNT = 6;
let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;
const rowsByRole = new Map<string, TestObservation[]>();

/** Role i's market: 2022 and 2023, MID and SENIOR, with skills and a certification listed by some rows. */
function roleRows(countryId: number, roleId: number, i: number): TestObservation[] {
  const rows: TestObservation[] = [];
  const add = (count: number, period: string, level: TestObservation['level'], amount: (index: number) => number, lists: (index: number) => Pick<TestObservation, 'skills' | 'certifications'>) => {
    for (let index = 0; index < count; index++) rows.push({ countryId, roleId, period, level, amount: amount(index), currencyCode: 'USD', ...lists(index) });
  };
  add(12, '2022', 'MID', (k) => 90000 + 1500 * k + 100 * i, (k) => ({ skills: k % 2 ? ['SQL'] : null }));
  add(15, '2023', 'MID', (k) => 95000 + 1700 * k + 100 * i, (k) => ({ skills: k < 5 ? ['SQL', 'Spark'] : k < 9 ? ['sql'] : null, certifications: k < 3 ? ['CKA'] : null }));
  add(12, '2023', 'SENIOR', (k) => 130000 + 2300 * k + 200 * i, (k) => ({ skills: k < 6 ? ['spark '] : ['Go'], certifications: k === 0 ? ['CKA'] : null }));
  add(4, '2023', 'EXECUTIVE', (k) => 200000 + 9000 * k + 300 * i, () => ({}));
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { id: countryId } = await database.prisma.country.create({ data: { code: 'US', name: 'United States', currencyCode: 'USD' } });
  for (let i = 1; i <= ROLE_COUNT; i++) {
    const slug = `role-${i}`;
    const { id: roleId } = await database.prisma.role.create({ data: { slug, title: `Role ${i}`, category: 'Test' } });
    rowsByRole.set(slug, roleRows(countryId, roleId, i));
  }
  await insertObservations(database, [...rowsByRole.values()].flat());
  await rebuild(database);
  client = await createGraphQLClient(database);
});
afterAll(async () => {
  await client?.stop();
  await database?.drop();
});

const ENTRY_FIELDS = 'rank premiumPercent sampleSize prevalence median { amount currencyCode } confidence { level sampleSize } origin';
const ADVICE_FIELDS = 'category title body origin facts { label amount { amount currencyCode } percent sampleSize }';

/** The confidence level of a sample size, as the schema documents it. */
const levelOf = (n: number) => (n >= 30 ? 'HIGH' : n >= 10 ? 'MODERATE' : n >= 3 ? 'LOW' : 'INSUFFICIENT');

const asGraph = (entry: ExpectedEntry) => ({
  rank: entry.rank,
  premiumPercent: Number(entry.premiumPercent),
  sampleSize: entry.sampleSize,
  prevalence: Number(entry.prevalence),
  median: { amount: entry.median, currencyCode: 'USD' },
  confidence: { level: levelOf(entry.sampleSize), sampleSize: entry.sampleSize },
  origin: 'COMPUTED',
});

const rowsOf = (slug: string, period: string, level = 'ALL') => rowsByRole.get(slug)!.filter((row) => row.period === period && (level === 'ALL' || row.level === level));

describe('MarketSnapshot.skills and certifications computed from observations', () => {
  it('answers the figures the reference computes, for ALL and for each level', async () => {
    for (const level of ['ALL', 'MID', 'SENIOR'] as const) {
      const { data, errors } = await client.execute(
        `query ($level: ExperienceLevel!) { marketSnapshot(countryCode: "US", roleSlug: "role-2", period: "2023", level: $level) {
          skills { ${ENTRY_FIELDS} skill { name category } } certifications { ${ENTRY_FIELDS} certification { name issuer } } } }`,
        { level },
      );
      expect(errors, level).toBeUndefined();
      const rows = rowsOf('role-2', '2023', level);
      const skills = expectedEntries(rows, 'skills');
      expect(skills.length, level).toBeGreaterThan(0);
      expect(data!.marketSnapshot.skills, level).toEqual(skills.map((entry) => ({ ...asGraph(entry), skill: { name: expect.stringMatching(new RegExp(`^${entry.key}$`, 'i')), category: null } })));
      expect(data!.marketSnapshot.certifications, level).toEqual(expectedEntries(rows, 'certifications').map((entry) => ({ ...asGraph(entry), certification: { name: 'CKA', issuer: null } })));
    }
  });
});

describe('MarketSnapshot.advice of a computed market', () => {
  it('rests on the market\'s figures, each stated with its sample size', async () => {
    const { data, errors } = await client.execute(`{ marketSnapshot(countryCode: "US", roleSlug: "role-3", period: "2023") { advice { ${ADVICE_FIELDS} } } }`);
    expect(errors).toBeUndefined();
    const advice: Array<{ category: string; origin: string; body: string; facts: unknown[] }> = data!.marketSnapshot.advice;
    expect(advice.every((entry) => entry.origin === 'COMPUTED')).toBe(true);

    const cents = (amount: string) => BigInt(amount.replace('.', ''));
    const percentBetween = (from: string, to: string) => Number(roundedRatio((cents(to) - cents(from)) * 100n, cents(from), 2));
    const money = (amount: string) => ({ amount, currencyCode: 'USD' });
    const all = rowsOf('role-3', '2023');
    const now = expectedSnapshot(all);
    const before = expectedSnapshot(rowsOf('role-3', '2022'));
    const mid = expectedSnapshot(rowsOf('role-3', '2023', 'MID'));
    const senior = expectedSnapshot(rowsOf('role-3', '2023', 'SENIOR'));
    const sorted = all.map((row) => row.amount).sort((a, b) => a - b);
    const [p25, p75] = [0.25, 0.75].map((fraction) => percentileCont(sorted, fraction)!.toFixed(2)) as [string, string];
    const topSkill = expectedEntries(all, 'skills')[0]!;
    expect(topSkill.rank).toBe(1);
    // Spelt as most rows spell it: "spark " by 6 rows of each role, "Spark" by 5; "SQL" by 5, "sql" by 4.
    const skillName = topSkill.key === 'sql' ? 'SQL' : 'spark';

    expect(advice.map((entry) => [entry.category, entry.facts])).toEqual([
      [
        'MARKET_POSITIONING',
        [
          { label: 'Median, 2022', amount: money(before.median), percent: null, sampleSize: before.sampleSize },
          { label: 'Median, 2023', amount: money(now.median), percent: null, sampleSize: now.sampleSize },
          { label: 'Change 2022–2023', amount: null, percent: percentBetween(before.median, now.median), sampleSize: Math.min(before.sampleSize, now.sampleSize) },
        ],
      ],
      [
        'GROWTH_CATALYST',
        [
          { label: 'Median, MID, 2023', amount: money(mid.median), percent: null, sampleSize: mid.sampleSize },
          { label: 'Median, SENIOR, 2023', amount: money(senior.median), percent: null, sampleSize: senior.sampleSize },
          { label: 'SENIOR over MID', amount: null, percent: percentBetween(mid.median, senior.median), sampleSize: Math.min(mid.sampleSize, senior.sampleSize) },
        ],
      ],
      [
        'NEGOTIATION',
        [
          { label: 'P25', amount: money(p25), percent: null, sampleSize: now.sampleSize },
          { label: 'Median', amount: money(now.median), percent: null, sampleSize: now.sampleSize },
          { label: 'P75', amount: money(p75), percent: null, sampleSize: now.sampleSize },
          { label: 'P25–P75 span, % of the median', amount: null, percent: Number(roundedRatio((cents(p75) - cents(p25)) * 100n, cents(now.median), 2)), sampleSize: now.sampleSize },
        ],
      ],
      [
        'GROWTH_CATALYST',
        [
          { label: `Median listing ${skillName}`, amount: money(topSkill.median), percent: null, sampleSize: topSkill.sampleSize },
          { label: 'Market median', amount: money(now.median), percent: null, sampleSize: now.sampleSize },
          { label: `Premium of ${skillName}`, amount: null, percent: Number(topSkill.premiumPercent), sampleSize: topSkill.sampleSize },
        ],
      ],
    ]);
    expect(advice[3]!.body).toContain('not the effect of the skill itself');
  });

  it('says how thin the data is for a level with few observations', async () => {
    const { data, errors } = await client.execute(`{ marketSnapshot(countryCode: "US", roleSlug: "role-3", period: "2023", level: EXECUTIVE) { advice { ${ADVICE_FIELDS} } } }`);
    expect(errors).toBeUndefined();
    const [thin, ...rest] = data!.marketSnapshot.advice;
    expect(thin).toMatchObject({ category: 'MARKET_POSITIONING', title: 'Few data points behind these figures', origin: 'COMPUTED', facts: [{ label: 'Observations, 2023', amount: null, percent: null, sampleSize: 4 }] });
    // The market's MID-to-SENIOR step and the executives' own P25–P75; no skill is listed by them.
    expect(rest.map((entry: { category: string }) => entry.category)).toEqual(['GROWTH_CATALYST', 'NEGOTIATION']);
  });

  it('leaves out what the figures cannot support: no earlier period, no SENIOR level, no skill listed by 10 observations', async () => {
    const { data } = await client.execute(`{ marketSnapshot(countryCode: "US", roleSlug: "role-3", period: "2022") { advice { ${ADVICE_FIELDS} } } }`);
    expect(data!.marketSnapshot.advice.map((entry: { category: string }) => entry.category)).toEqual(['NEGOTIATION']);
  });
});

describe('round trips', () => {
  it('runs as many SQL statements for 6 markets as for 2, skills, certifications and advice included', async () => {
    const query = `query ($first: Int!) { country(code: "US") { roles(first: $first) { edges { node { latestSnapshot {
      skills { ${ENTRY_FIELDS} skill { name category } } certifications { ${ENTRY_FIELDS} certification { name issuer } } advice { ${ADVICE_FIELDS} } } } } } } }`;
    const statementsFor = async (first: number) => {
      const before = database.statementCount();
      const { data, errors } = await client.execute(query, { first });
      expect(errors).toBeUndefined();
      expect(data!.country.roles.edges).toHaveLength(first);
      for (const edge of data!.country.roles.edges) expect(edge.node.latestSnapshot.advice.length).toBeGreaterThan(0);
      return database.statementCount() - before;
    };
    const forTwo = await statementsFor(2);
    expect(await statementsFor(ROLE_COUNT)).toBe(forTwo);
  });
});
