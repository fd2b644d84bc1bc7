import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentileCont } from '../../support/percentile-cont.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { type TestDatabase } from '../../support/database.js';
import { contractOperation, createGraphQLClient } from '../../support/graphql.js';
import { expectedFigures, readAiJobs } from '../../services/import/ai-jobs-data.js';
import { createBundledDataDatabase } from '../../support/bundled-data.js';

let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;
let writerKey: string;
let readerKey: string;
const rows = readAiJobs();
const usDataEngineer = (year: string) => rows.filter((row) => row.residence === 'US' && row.title === 'Data Engineer' && row.year === year).map((row) => row.usd);

beforeAll(async () => {
  database = await createBundledDataDatabase();
  const keys = new ApiKeyService(database.prisma);
  writerKey = (await keys.create({ name: 'survey partner', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
  readerKey = (await keys.create({ name: 'template editor', scopes: [Scope.TEMPLATES_WRITE] })).key;
  client = await createGraphQLClient(database);
});

afterAll(async () => {
  await client.stop();
  await database.drop();
});

describe('computed snapshots through the contract operations', () => {
  it('SnapshotAtPeriod: United States, Data Engineer, 2022, with the change since 2021', async () => {
    const { data, errors } = await client.execute(contractOperation('SnapshotAtPeriod'), { country: 'US', role: 'data-engineer', period: '2022' });
    expect(errors).toBeUndefined();
    const [m2021, m2022] = [expectedFigures(usDataEngineer('2021')).median, expectedFigures(usDataEngineer('2022')).median];
    expect(data!.marketSnapshot).toEqual({
      period: '2022',
      sampleSize: 409,
      median: { amount: '145000.00', currencyCode: 'USD' },
      percentiles: { p25: { amount: '117000.00' }, p75: { amount: '180000.00' } },
      growthDelta: {
        from: { amount: m2021 },
        to: { amount: m2022 },
        percent: Math.round(((Number(m2022) - Number(m2021)) / Number(m2021)) * 10_000) / 100,
      },
    });
  });

  it('Snapshot: the latest period (2023) of a computed market, with every percentile and its projection', async () => {
    const { data, errors } = await client.execute(contractOperation('Snapshot'), { country: 'US', role: 'data-engineer' });
    expect(errors).toBeUndefined();
    const expected = expectedFigures(usDataEngineer('2023'));
    expect(data!.marketSnapshot).toMatchObject({
      period: '2023',
      asOf: '2023-12-31',
      source: 'COMPUTED',
      sampleSize: expected.sampleSize,
      confidence: { level: 'HIGH', sampleSize: expected.sampleSize },
      median: { amount: expected.median, currencyCode: 'USD' },
      percentiles: { p10: { amount: expected.p10 }, p25: { amount: expected.p25 }, p50: { amount: expected.median }, p75: { amount: expected.p75 }, p90: { amount: expected.p90 } },
      projectedMedian: { currencyCode: 'USD' },
      growthDelta: { basis: 'PROJECTION', from: { amount: expected.median } },
      skills: [],
    });
    // ai-jobs lists no skills: the advice is derived from the market's figures alone.
    const dollars = (amount: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(Number(amount));
    const m2022 = expectedFigures(usDataEngineer('2022')).median;
    expect(data!.marketSnapshot.advice.map(({ category, title }: { category: string; title: string }) => [category, title])).toEqual([
      ['MARKET_POSITIONING', m2022 === expected.median ? 'The median did not move since 2022' : expect.stringMatching(/^The median (rose|fell) [\d.]+ % since 2022$/)],
      ['GROWTH_CATALYST', expect.stringMatching(/^Senior level: median /)],
      ['NEGOTIATION', `The middle half earns ${dollars(expected.p25!)} to ${dollars(expected.p75!)}`],
    ]);
  });

  it('CountryGraph: the imported country, named from Intl, with its roles', async () => {
    const { data, errors } = await client.execute(contractOperation('CountryGraph'), { country: 'US', first: 100 });
    expect(errors).toBeUndefined();
    expect(data!.country).toMatchObject({ code: 'US', name: 'United States', currencyCode: 'USD' });
    const dataEngineer = data!.country.roles.edges.find((edge: any) => edge.node.slug === 'data-engineer').node;
    expect(dataEngineer).toMatchObject({ title: 'Data Engineer', category: 'Data Science & AI', latestSnapshot: { period: '2023', median: { amount: expectedFigures(usDataEngineer('2023')).median } } });
    const slugs = data!.country.roles.edges.map((edge: any) => edge.node.slug);
    expect(slugs).toContain('machine-learning-engineer');
    expect(slugs).not.toContain('ml-engineer');
  });

  it('serves one experience level on its own, with its interval, mean and projection method', async () => {
    const { data, errors } = await client.execute(`{
      marketSnapshot(countryCode: "US", roleSlug: "data-engineer", period: "2022", level: SENIOR) {
        level sampleSize median { amount } mean { amount }
        medianConfidenceInterval { confidence lower { amount } upper { amount } }
        projection { method periods }
        noProjectionReason
      }
    }`);
    expect(errors).toBeUndefined();
    const expected = expectedFigures(rows.filter((row) => row.residence === 'US' && row.title === 'Data Engineer' && row.year === '2022' && row.level === 'SE').map((row) => row.usd));
    expect(data!.marketSnapshot).toEqual({
      level: 'SENIOR',
      sampleSize: expected.sampleSize,
      median: { amount: expected.median },
      mean: { amount: expected.mean },
      medianConfidenceInterval: { confidence: 0.95, lower: { amount: expected.ciLower }, upper: { amount: expected.ciUpper } },
      // Senior US data engineers: 1 in 2020, 8 in 2021, 330 in 2022 — one period with 10 or more.
      projection: null,
      noProjectionReason:
        'A trend with a range needs at least 3 periods with 10 or more observations each; this market has only 1 (2022 (n = 330)) up to 2022. Left out, with fewer than 10 observations: 2020 (n = 1), 2021 (n = 8).',
    });
  });
});

describe('amounts in another currency', () => {
  it('converts with the rate the observations imply for that year, and says which', async () => {
    const ratios = rows.filter((row) => row.currency === 'CAD' && row.year === '2022').map((row) => row.salary / row.usd).sort((a, b) => a - b);
    const rate = percentileCont(ratios, 0.5)!.toFixed(10);
    const [whole, fraction] = rate.split('.');
    // 145000 × rate, exactly, in cents: rate has 10 decimals, so divide by 10^8 and round half up.
    const cents = (145_000n * BigInt(whole! + fraction!) + 50_000_000n) / 100_000_000n;
    const { data, errors } = await client.execute(`{
      marketSnapshot(countryCode: "US", roleSlug: "data-engineer", period: "2022") {
        median(currency: "cad") { amount currencyCode conversion { original { amount currencyCode } rate ratePeriod rateSource } }
        percentiles(currency: "CAD") { p50 { amount } }
        medianIn(currency: "CAD") { amount currencyCode }
        usd: median { amount conversion { rate } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.marketSnapshot.median).toEqual({
      amount: `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`,
      currencyCode: 'CAD',
      conversion: {
        original: { amount: '145000.00', currencyCode: 'USD' },
        rate,
        ratePeriod: '2022',
        rateSource: `USD→CAD: Median of CAD ÷ USD over ${ratios.length} salary observations stating both amounts, 2022`,
      },
    });
    expect(data!.marketSnapshot.percentiles.p50).toEqual({ amount: data!.marketSnapshot.median.amount });
    expect(data!.marketSnapshot.medianIn).toEqual({ amount: data!.marketSnapshot.median.amount, currencyCode: 'CAD' });
    expect(data!.marketSnapshot.usd).toEqual({ amount: '145000.00', conversion: null });
  });

  it('answers CONVERSION_UNAVAILABLE for a currency no observation relates to the figures', async () => {
    const { data, errors } = await client.execute('{ marketSnapshot(countryCode: "US", roleSlug: "data-engineer", period: "2022") { sampleSize medianIn(currency: "KRW") { amount } } }');
    expect(errors?.[0]).toMatchObject({
      message: 'No exchange rate from USD to KRW is known: none of the imported observations relates them',
      extensions: { code: 'CONVERSION_UNAVAILABLE', currency: 'KRW', from: 'USD' },
    });
    expect(data!.marketSnapshot).toEqual({ sampleSize: 409, medianIn: null });
  });
});

const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { read imported duplicates rejected snapshots userErrors { field message } }
}`;

const observation = (id: string, amount: string, overrides: Record<string, unknown> = {}) => ({
  id,
  countryCode: 'FR',
  jobTitle: 'Prompt Engineer',
  level: 'MID',
  year: 2023,
  amount,
  currencyCode: 'EUR',
  ...overrides,
});

describe('importObservations', () => {
  const batch = {
    source: 'partner-survey-2023',
    observations: [
      observation('a', '52000'),
      observation('b', '-10'),
      observation('c', '61000.50', { level: 'SENIOR' }),
      observation('d', '58000', { countryCode: 'XX' }),
      observation('e', '47000', { level: 'ALL' }),
      observation('f', '70000', { jobTitle: '  ' }),
      observation('a', '99999'),
      observation('g', '55000', { year: 20234 }),
      observation('h', '64000', { currencyCode: 'EURO' }),
    ],
  };

  it('needs an API key', async () => {
    const { data, errors } = await client.execute(IMPORT, { input: batch });
    expect(data?.importObservations ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('needs the observations:write scope', async () => {
    const { errors } = await client.execute(IMPORT, { input: batch }, { apiKey: readerKey });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads the valid observations and reports each invalid one with its path, without throwing', async () => {
    const { data, errors } = await client.execute(IMPORT, { input: batch }, { apiKey: writerKey });
    expect(errors).toBeUndefined();
    expect(data!.importObservations).toEqual({
      read: 9,
      imported: 2,
      duplicates: 1,
      rejected: 6,
      // France × Prompt Engineer × 2023: all levels, MID and SENIOR.
      snapshots: 3,
      userErrors: [
        { field: ['input', 'observations', '1', 'amount'], message: 'amount must be a positive amount, got "-10"' },
        { field: ['input', 'observations', '3', 'countryCode'], message: 'countryCode unknown country code "XX" (expected ISO 3166-1 alpha-2, e.g. "US")' },
        { field: ['input', 'observations', '4', 'level'], message: 'level unknown experience level "ALL" (expected ENTRY, MID, SENIOR, EXECUTIVE)' },
        { field: ['input', 'observations', '5', 'jobTitle'], message: 'jobTitle the job title is missing' },
        { field: ['input', 'observations', '7', 'year'], message: 'year cannot parse the year "20234"' },
        { field: ['input', 'observations', '8', 'currencyCode'], message: 'currencyCode unknown currency "EURO" (expected an ISO 4217 code such as "USD")' },
      ],
    });
    const { data: market } = await client.execute(`{
      marketSnapshot(countryCode: "FR", roleSlug: "prompt-engineer", period: "2023") {
        sampleSize source median { amount currencyCode } percentiles { p25 { amount } } medianConfidenceInterval { lower { amount } }
        confidence { level } country { name currencyCode } role { title category }
      }
    }`);
    // The first of the two rows with id "a" counts; the second is a duplicate.
    expect(market!.marketSnapshot).toEqual({
      sampleSize: 2,
      source: 'COMPUTED',
      median: { amount: '56500.25', currencyCode: 'EUR' },
      percentiles: { p25: null },
      medianConfidenceInterval: null,
      confidence: { level: 'INSUFFICIENT' },
      country: { name: 'France', currencyCode: 'EUR' },
      role: { title: 'Prompt Engineer', category: 'Uncategorised' },
    });
  });

  it('adds nothing when the same batch comes again', async () => {
    const { data } = await client.execute(IMPORT, { input: batch }, { apiKey: writerKey });
    expect(data!.importObservations).toMatchObject({ read: 9, imported: 0, duplicates: 3, rejected: 6, snapshots: 0 });
  });

  it('refuses a batch over the size limit as a whole', async () => {
    const observations = Array.from({ length: 1001 }, (_, index) => observation(`big-${index}`, '50000'));
    const { errors } = await client.execute(IMPORT, { input: { source: 'too-big', observations } }, { apiKey: writerKey });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { rows } = await database.pool.query("SELECT count(*)::int AS n FROM observation o JOIN observation_source s ON s.id = o.source_id WHERE s.key = 'too-big'");
    expect(rows[0].n).toBe(0);
  });
});
