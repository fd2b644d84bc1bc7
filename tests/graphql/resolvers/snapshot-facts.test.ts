import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { percentileCont } from '../../support/percentile-cont.js';
import { type TestDatabase } from '../../support/database.js';
import { contractOperation, createGraphQLClient } from '../../support/graphql.js';
import { expectedFigures, readAiJobs } from '../../services/import/ai-jobs-data.js';
import { createBundledDataDatabase } from '../../support/bundled-data.js';

// A market whose periods are in different currencies: a survey partner sends USD for 2021 and
// 2022, an HR system's API batch sends EUR for 2023 (Germany, "Pipeline Engineer", 12 people a
// year). The exchange rates are the ones the bundled ai-jobs file implies (median of
// salary ÷ salary_in_usd per year). Iceland's market has a 2022 in NOK, a currency no stored
// rate relates to USD.

let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;
const aiJobs = readAiJobs();

const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { imported rejected userErrors { field message } }
}`;

const amounts: Record<string, number[]> = {
  '2021': [88000, 90500, 91000, 93000, 94000, 95500, 97000, 98000, 99500, 101000, 104000, 110000],
  '2022': [92000, 94000, 96500, 97000, 99000, 100000, 101500, 103000, 104000, 106000, 108000, 115000],
  '2023': [90000, 91500, 93000, 94000, 95000, 96000, 98000, 99000, 101000, 103000, 105000, 112000],
};
const median = (values: number[]) => percentileCont([...values].sort((a, b) => a - b), 0.5)!;

async function importBatch(source: string, countryCode: string, year: string, currencyCode: string) {
  const observations = amounts[year]!.map((amount, index) => ({ id: `${year}-${index}`, countryCode, jobTitle: 'Pipeline Engineer', level: 'MID', year: Number(year), amount: String(amount), currencyCode }));
  const { data, errors } = await client.execute(IMPORT, { input: { source, observations } }, { apiKey: writerKey });
  expect(errors).toBeUndefined();
  expect(data!.importObservations).toMatchObject({ imported: 12, rejected: 0, userErrors: [] });
}

let writerKey: string;

beforeAll(async () => {
  database = await createBundledDataDatabase();
  writerKey = (await new ApiKeyService(database.prisma).create({ name: 'partners', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
  client = await createGraphQLClient(database);
  await importBatch('survey-usd', 'DE', '2021', 'USD');
  await importBatch('survey-usd', 'DE', '2022', 'USD');
  await importBatch('hr-api-eur', 'DE', '2023', 'EUR');
  await importBatch('survey-nok', 'IS', '2021', 'USD');
  await importBatch('survey-nok', 'IS', '2022', 'NOK');
  await importBatch('survey-usd', 'IS', '2023', 'USD');
});

afterAll(async () => {
  await client.stop();
  await database.drop();
});

/** The stored USD → EUR rate of a year, as PostgreSQL prints it (10 decimals). */
async function usdToEur(period: string): Promise<string> {
  const { rows } = await database.pool.query<{ rate: string }>("SELECT rate::text AS rate FROM exchange_rate WHERE base_currency = 'USD' AND currency_code = 'EUR' AND period = $1", [period]);
  return rows[0]!.rate;
}

/** amount × rate rounded half away from zero to cents, exactly (amount with ≤ 2 decimals, rate with 10). */
function convert(amount: number, rate: string): string {
  const cents = BigInt(Math.round(amount * 100));
  const rateUnits = BigInt(rate.replace('.', ''));
  const product = cents * rateUnits; // cents × 10^10
  const rounded = (product + 5_000_000_000n) / 10_000_000_000n;
  return `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`;
}

const SNAPSHOT = `query Snapshot($country: String!, $role: String!) {
  marketSnapshot(countryCode: $country, roleSlug: $role) {
    period median { amount currencyCode }
    growthDelta(basis: PREVIOUS_PERIOD) { fromPeriod percent from { amount currencyCode conversion { rate ratePeriod original { amount currencyCode } } } }
    projectedMedian { amount }
    projection { method periods horizon low { amount } high { amount } note }
    noProjectionReason
    sources { name licence url }
  }
}`;

describe('a market whose periods are in different currencies', () => {
  it('compares the previous period only after converting it at the stated rate of its year', async () => {
    const rate2022 = await usdToEur('2022');
    const from = convert(median(amounts['2022']!), rate2022);
    const to = median(amounts['2023']!);
    const { data, errors } = await client.execute(SNAPSHOT, { country: 'DE', role: 'pipeline-engineer' });
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot).toMatchObject({
      period: '2023',
      median: { amount: to.toFixed(2), currencyCode: 'EUR' },
      growthDelta: {
        fromPeriod: '2022',
        percent: Math.round(((to - Number(from)) / Number(from)) * 10000) / 100,
        from: { amount: from, currencyCode: 'EUR', conversion: { rate: rate2022, ratePeriod: '2022', original: { amount: median(amounts['2022']!).toFixed(2), currencyCode: 'USD' } } },
      },
      sources: [{ name: 'hr-api-eur', licence: null, url: null }],
    });
  });

  it('projects from the medians converted into the latest currency, weighted by sample size, and states the rates', async () => {
    const [rate2021, rate2022] = [await usdToEur('2021'), await usdToEur('2022')];
    const y = [Number(convert(median(amounts['2021']!), rate2021)), Number(convert(median(amounts['2022']!), rate2022)), median(amounts['2023']!)];
    // Equal weights (12 each): ordinary least squares over x = 2021..2023, read off at 2024, ± t(1 df) · SE.
    const yBar = (y[0]! + y[1]! + y[2]!) / 3;
    const slope = (y[2]! - y[0]!) / 2;
    const fit = (x: number) => yBar + slope * (x - 2022);
    const s2 = (12 * [2021, 2022, 2023].reduce((sum, x, i) => sum + (y[i]! - fit(x)) ** 2, 0)) / 1;
    const halfWidth = 12.706 * Math.sqrt(s2 * (1 / 36 + 4 / 24));
    const whole = (value: number) => Math.round(value).toFixed(2);
    const { data } = await client.execute(SNAPSHOT, { country: 'DE', role: 'pipeline-engineer' });
    const snapshot = data!.marketSnapshot;
    expect(snapshot).toMatchObject({
      projectedMedian: { amount: whole(fit(2024)) },
      projection: { method: 'WEIGHTED_LINEAR_TREND', periods: ['2021', '2022', '2023'], horizon: '2024', low: { amount: whole(Math.max(0, fit(2024) - halfWidth)) }, high: { amount: whole(fit(2024) + halfWidth) } },
      noProjectionReason: null,
    });
    expect(snapshot.projection.note).toContain(`is converted to ${convert(median(amounts['2021']!), rate2021)} EUR at ${rate2021} EUR per USD (rate of 2021: USD→EUR: Median of EUR ÷ USD over`);
    expect(snapshot.projection.note).toContain(`at ${rate2022} EUR per USD (rate of 2022:`);
  });

  it('refuses to compare or project across a currency no stored rate converts, and says why', async () => {
    const { data, errors } = await client.execute(SNAPSHOT, { country: 'IS', role: 'pipeline-engineer' });
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot).toMatchObject({ period: '2023', growthDelta: null, projection: null, projectedMedian: null });
    expect(data!.marketSnapshot.noProjectionReason).toMatch(/has only 2 \(2021 \(n = 12\), 2023 \(n = 12\)\) up to 2023\. Left out, with no stored exchange rate to USD: 2022 \(NOK\)\.$/);
  });

  it('states the conversion in the report', async () => {
    const rate2022 = await usdToEur('2022');
    const { data, errors } = await client.execute(`{ marketReport(countryCode: "DE", roleSlug: "pipeline-engineer") { sections { kind body } markdown } }`);
    expect(errors).toBeUndefined();
    const overview = data!.marketReport.sections.find((section: { kind: string }) => section.kind === 'MARKET_OVERVIEW').body;
    expect(overview).toContain(`at ${Number(rate2022).toFixed(4)} EUR per USD, the 2022 rate`);
    expect(overview).toMatch(/In 2024|in 2024/);
    expect(data!.marketReport.markdown).toContain('_Data sources: hr-api-eur (licence not known)._');
  });
});

describe('the specialist tier against the observed P90', () => {
  it('flags a tier whose top is above what the market data shows', async () => {
    const expected = expectedFigures(aiJobs.filter((row) => row.residence === 'US' && row.title === 'Data Engineer' && row.year === '2023').map((row) => row.usd));
    const { data, errors } = await client.execute(`{ marketSnapshot(countryCode: "US", roleSlug: "data-engineer") { premiumBrackets { tier max { amount } exceedsObserved observedCeiling { amount } } } }`);
    expect(errors).toBeUndefined();
    const specialistTop = Math.round(Number(expected.median) * 1.8);
    const specialist = data!.marketSnapshot.premiumBrackets.find((bracket: { tier: string }) => bracket.tier === 'SPECIALIST');
    expect(specialist).toEqual({ tier: 'SPECIALIST', max: { amount: specialistTop.toFixed(2) }, exceedsObserved: specialistTop > Math.round(Number(expected.p90)), observedCeiling: { amount: expected.p90 } });
    expect(data!.marketSnapshot.premiumBrackets.find((bracket: { tier: string }) => bracket.tier === 'TOP_QUARTILE')).toMatchObject({ exceedsObserved: false });
  });
});

describe('sources', () => {
  // confidence has no planned SQL: both reads run through the resolvers, whose statements are compared.
  const roles = (withSources: boolean) => `{ country(code: "US") { roles(first: 30) { edges { node { latestSnapshot { period confidence { level } ${withSources ? 'sources { name licence }' : ''} } } } } } }`;

  it('names every source of a snapshot with its licence, in one statement for every snapshot on the page', async () => {
    const before = database.statementCount();
    const plain = await client.execute(roles(false));
    const plainStatements = database.statementCount() - before;
    const between = database.statementCount();
    const { data, errors } = await client.execute(roles(true));
    expect(errors).toBeUndefined();
    expect(plain.errors).toBeUndefined();
    expect(database.statementCount() - between - plainStatements).toBe(1);
    const snapshots = data!.country.roles.edges.map((edge: { node: { latestSnapshot: unknown } }) => edge.node.latestSnapshot).filter(Boolean);
    expect(snapshots.length).toBeGreaterThan(10);
    for (const snapshot of snapshots) expect(snapshot.sources).toEqual([{ name: 'ai-jobs:ai-jobs-salaries-2020-2023.csv', licence: 'CC0 1.0' }]);
  });

  it('names the seed page as the seed snapshot\'s source, its licence unknown', async () => {
    const { data } = await client.execute(`{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { sources { name licence } } }`);
    expect(data!.marketSnapshot.sources).toEqual([{ name: 'seed:market-intelligence-ml-lead-canada', licence: null }]);
  });
});

describe('round trips of a computed market', () => {
  it("answers the contract's Snapshot in 2 statements, derived advice included", async () => {
    const before = database.statementCount();
    const { data, errors } = await client.execute(contractOperation('Snapshot'), { country: 'US', role: 'data-engineer' });
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot.advice.length).toBeGreaterThan(0);
    // the market; then its related rows, previous period and the MID and SENIOR markets its advice compares with
    expect(database.statementCount() - before).toBe(2);
  });
});
