import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.js';
import { type TestDatabase } from '../../support/database.js';
import { createGraphQLClient } from '../../support/graphql.js';
import { percentileCont } from '../../support/percentile-cont.js';
import { expectedFigures, readAiJobs } from '../../services/import/ai-jobs-data.js';
import { createBundledDataDatabase } from '../../support/bundled-data.js';

// The bundled data set imported over the seed, and the expected markets computed here from the CSV rows.

const LEVELS: Record<string, string> = { EN: 'ENTRY', MI: 'MID', SE: 'SENIOR', EX: 'EXECUTIVE' };
const rows = readAiJobs();
/** Job title → role slug as the committed alias file says (titles are ASCII: a slug is lower case and hyphens). */
const slugOfTitle = (() => {
  const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const [, ...lines] = readFileSync(path.join(projectRoot, 'prisma', 'role-aliases.csv'), 'utf8').trim().split('\n');
  const aliases = new Map(lines.map((line) => line.split(',')).map(([alias, roleSlug]) => [slug(alias!), roleSlug!]));
  return (title: string) => aliases.get(slug(title)) ?? slug(title);
})();

interface ExpectedMarket {
  key: string;
  country: string;
  role: string;
  period: string;
  currency: string;
  sampleSize: number;
  median: string;
  p90: string | null;
}

/** The seed's market (the page paygraph started from), as that page states it. */
const SEED_MARKET: ExpectedMarket = { key: 'CA machine-learning-lead', country: 'CA', role: 'machine-learning-lead', period: '2026-04', currency: 'CAD', sampleSize: 2, median: '123557.00', p90: null };
/** A market this file adds, in a currency no observation relates to any other. */
const KIWI_MARKET: ExpectedMarket = { key: 'NZ data-engineer', country: 'NZ', role: 'data-engineer', period: '2024', currency: 'NZD', sampleSize: 12, median: '150000.00', p90: null };

/** Each market's snapshot at `level` in `period`, or in its latest period, from the CSV rows (plus the two fixtures at level ALL). */
function expectedMarkets({ level = 'ALL', period }: { level?: string; period?: string } = {}): ExpectedMarket[] {
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    if (level !== 'ALL' && LEVELS[row.level] !== level) continue;
    const key = `${row.residence} ${slugOfTitle(row.title)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const markets: ExpectedMarket[] = [];
  for (const [key, group] of groups) {
    const year = period ?? group.map((row) => row.year).sort().at(-1)!;
    const amounts = group.filter((row) => row.year === year).map((row) => row.usd);
    if (!amounts.length) continue;
    const figures = expectedFigures(amounts);
    const [country, role] = key.split(' ') as [string, string];
    markets.push({ key, country, role, period: year, currency: 'USD', sampleSize: figures.sampleSize, median: figures.median, p90: figures.p90 });
  }
  const fixtures = level === 'ALL' ? [SEED_MARKET, KIWI_MARKET].filter((fixture) => !period || fixture.period === period) : [];
  return [...markets.filter((market) => !fixtures.some((fixture) => fixture.key === market.key)), ...fixtures];
}

/** The rate the import derives: the median of salary ÷ salary in USD of the year's rows in `currency`, 10 decimals. */
function impliedRate(currency: string, year: string): { rate: string; sampleSize: number } {
  const ratios = rows.filter((row) => row.currency === currency && row.year === year).map((row) => row.salary / row.usd).sort((a, b) => a - b);
  return { rate: percentileCont(ratios, 0.5)!.toFixed(10), sampleSize: ratios.length };
}

const scaled = (decimal: string, digits: number) => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole! + fraction.padEnd(digits, '0').slice(0, digits));
};
const cents = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
/** amount ÷ rate to the cent, half up (both positive). */
const dividedBy = (amount: string, rate: string) => cents((2n * scaled(amount, 2) * 10n ** 10n + scaled(rate, 10)) / (2n * scaled(rate, 10)));
/** amount × rate to the cent, half up. */
const timesRate = (amount: string, rate: string) => cents((scaled(amount, 2) * scaled(rate, 10) + 5n * 10n ** 9n) / 10n ** 10n);

let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;

beforeAll(async () => {
  database = await createBundledDataDatabase();
  await database.pool.query(`
    INSERT INTO market_snapshot (country_id, role_id, level, period, currency_code, sample_size, median, as_of, source, provenance, updated_at)
    SELECT (SELECT id FROM country WHERE code = 'NZ'), (SELECT id FROM role WHERE slug = 'data-engineer'), 'ALL', '2024', 'NZD', 12, 150000, '2024-12-31', 'IMPORTED', 'A survey in NZD', now()`);
  // A client walking every page of a connection, many times over: no rate limit.
  client = await createGraphQLClient(database, { rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } });
}, 120_000);

afterAll(async () => {
  await client?.stop();
  await database?.drop();
});

const MARKETS = `query Markets($filter: MarketFilter, $orderBy: [MarketOrder!], $currency: String, $first: Int, $after: String) {
  markets(filter: $filter, orderBy: $orderBy, currency: $currency, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    leftOut { reason count currencyCodes }
    edges {
      cursor
      median { amount currencyCode conversion { original { amount currencyCode } rate ratePeriod rateSampleSize } }
      p90 { amount currencyCode }
      node { id period level sampleSize median { amount currencyCode } growthDelta { percent } country { code name } role { slug title category } }
    }
  }
}`;

type Edge = { cursor: string; median: { amount: string; currencyCode: string; conversion: any }; p90: { amount: string } | null; node: any };
type Variables = { filter?: Record<string, unknown>; orderBy?: { field: string; direction?: string }[]; currency?: string; first?: number; after?: string };

async function page(variables: Variables) {
  const { data, errors } = await client.execute(MARKETS, variables);
  expect(errors).toBeUndefined();
  return data!.markets as { totalCount: number; pageInfo: any; leftOut: any[]; edges: Edge[] };
}

/** Every page of a connection, following endCursor. */
async function allPages(variables: Variables, first = 100) {
  const edges: Edge[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const current = await page({ ...variables, first, after });
    expect(current.pageInfo.hasPreviousPage).toBe(after !== undefined);
    edges.push(...current.edges);
    pages++;
    if (!current.pageInfo.hasNextPage) return { edges, totalCount: current.totalCount, leftOut: current.leftOut, pages };
    after = current.pageInfo.endCursor;
  }
}

const keyOf = (edge: Edge) => `${edge.node.country.code} ${edge.node.role.slug}`;
const keysOf = (markets: ExpectedMarket[]) => markets.map((market) => market.key).sort();

/** The connection holds exactly `expected`, each once, with their figures. */
function expectMarkets(edges: Edge[], expected: ExpectedMarket[]) {
  expect(edges.map(keyOf).sort()).toEqual(keysOf(expected));
  const byKey = new Map(expected.map((market) => [market.key, market]));
  for (const edge of edges) {
    const market = byKey.get(keyOf(edge))!;
    expect(edge.node, market.key).toMatchObject({ period: market.period, sampleSize: market.sampleSize, median: { amount: market.median, currencyCode: market.currency } });
    expect(edge.p90?.amount ?? null, market.key).toBe(market.p90);
  }
}

describe('markets: filters', () => {
  it('holds every market once, at its latest period and level ALL, in pages of 20 by default, by country name then role title', async () => {
    const first = await page({});
    expect(first.edges).toHaveLength(20);
    const { edges, totalCount } = await allPages({}, 100);
    const expected = expectedMarkets();
    expect(totalCount).toBe(expected.length);
    expectMarkets(edges, expected);
    const names = edges.map((edge) => [edge.node.country.name, edge.node.role.title] as const);
    names.forEach((pair, index) => index && expect(pair[0] > names[index - 1]![0] || (pair[0] === names[index - 1]![0] && pair[1] >= names[index - 1]![1])).toBe(true));
    expect(edges.every((edge) => edge.node.level === 'ALL')).toBe(true);
  });

  it.each([
    ['countryCodes (any case)', { countryCodes: ['us', 'GB'] }, (market: ExpectedMarket) => ['US', 'GB'].includes(market.country)],
    ['roleSlugs', { roleSlugs: ['data-engineer', 'research-scientist'] }, (market: ExpectedMarket) => ['data-engineer', 'research-scientist'].includes(market.role)],
    ['minSampleSize', { minSampleSize: 30 }, (market: ExpectedMarket) => market.sampleSize >= 30],
    ['minConfidence MODERATE (10 data points)', { minConfidence: 'MODERATE' }, (market: ExpectedMarket) => market.sampleSize >= 10],
    ['categories', { categories: ['Data Science & AI'] }, () => true],
    ['an unknown category', { categories: ['Plumbing'] }, () => false],
  ])('filters by %s', async (_name, filter, keep) => {
    const { edges, totalCount } = await allPages({ filter });
    const expected = expectedMarkets().filter(keep);
    expect(totalCount).toBe(expected.length);
    expectMarkets(edges, expected);
  });

  it('filters by period: the markets that have that period, at that period', async () => {
    const { edges } = await allPages({ filter: { period: '2022', countryCodes: ['US', 'GB', 'DE', 'IN'] } });
    expectMarkets(edges, expectedMarkets({ period: '2022' }).filter((market) => ['US', 'GB', 'DE', 'IN'].includes(market.country)));
  });

  it('filters by level: each market at that level, in its latest period there', async () => {
    const { edges } = await allPages({ filter: { level: 'SENIOR', countryCodes: ['US', 'GB', 'ES'] } });
    expect(edges.every((edge) => edge.node.level === 'SENIOR')).toBe(true);
    expectMarkets(edges, expectedMarkets({ level: 'SENIOR' }).filter((market) => ['US', 'GB', 'ES'].includes(market.country)));
  });

  it('filters by median range in the compared currency', async () => {
    const { edges } = await allPages({ filter: { median: { min: '100000', max: '150000' }, countryCodes: ['US', 'GB', 'CA'] }, currency: 'USD' });
    const expected = expectedMarkets().filter((market) => ['US', 'GB'].includes(market.country) || (market.country === 'CA' && market.currency === 'USD'));
    // The seed's CAD market converts to about 90,000 USD: outside the range.
    expectMarkets(edges, expected.filter((market) => Number(market.median) >= 100_000 && Number(market.median) <= 150_000));
  });

  it('filters by skills: markets where every named skill has a computed premium', async () => {
    const premiums = [
      ['US', 'data-engineer', 'Statistics', 12.5],
      ['US', 'data-engineer', 'Python (NumPy/Pandas)', 8],
      ['GB', 'data-engineer', 'Statistics', 5],
      ['DE', 'data-scientist', 'Statistics', null],
    ] as const;
    for (const [country, role, skill, premium] of premiums) {
      await database.pool.query(
        `INSERT INTO snapshot_skill (snapshot_id, skill_id, rank, premium_percent)
         SELECT ms.id, (SELECT id FROM skill WHERE name = $3), 9, $4 FROM market_snapshot ms
         WHERE ms.country_id = (SELECT id FROM country WHERE code = $1) AND ms.role_id = (SELECT id FROM role WHERE slug = $2) AND ms.level = 'ALL'
         ORDER BY ms.period DESC LIMIT 1`,
        [country, role, skill, premium],
      );
    }
    const statistics = await allPages({ filter: { skills: ['statistics'] } });
    expect(statistics.edges.map(keyOf).sort()).toEqual(['GB data-engineer', 'US data-engineer']);
    const both = await allPages({ filter: { skills: ['Statistics', 'Python (NumPy/Pandas)'] } });
    expect(both.edges.map(keyOf)).toEqual(['US data-engineer']);
  });

  it('refuses a malformed country code or period as BAD_USER_INPUT naming the filter field', async () => {
    const badCode = await client.execute(MARKETS, { filter: { countryCodes: ['USA'] } });
    expect(badCode.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['filter.countryCodes'] });
    const badPeriod = await client.execute(MARKETS, { filter: { period: '2022-13' } });
    expect(badPeriod.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('markets: order and cursors', () => {
  const filter = { countryCodes: ['US', 'GB', 'CA', 'DE', 'IN', 'ES', 'FR', 'NZ'] };
  const expected = () => expectedMarkets().filter((market) => filter.countryCodes.includes(market.country));
  const numberOrNull = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));
  const figure: Record<string, (edge: Edge) => number | string | null> = {
    MEDIAN: (edge) => Number(edge.median.amount),
    P90: (edge) => numberOrNull(edge.p90?.amount),
    GROWTH_PERCENT: (edge) => numberOrNull(edge.node.growthDelta?.percent),
    SAMPLE_SIZE: (edge) => edge.node.sampleSize,
    ROLE_TITLE: (edge) => edge.node.role.title,
    COUNTRY_NAME: (edge) => edge.node.country.name,
  };

  it.each(Object.keys(figure).flatMap((field) => [[field, 'ASC'], [field, 'DESC']]))('orders by %s %s across pages of 7, markets without the figure last', async (field, direction) => {
    const { edges, totalCount } = await allPages({ filter, orderBy: [{ field: field!, direction: direction! }], currency: 'USD' }, 7);
    const markets = expected().filter((market) => market.currency !== 'NZD');
    expect(totalCount).toBe(markets.length);
    expect(edges.map(keyOf).sort()).toEqual(keysOf(markets));
    const values = edges.map(figure[field!]!);
    const present = values.filter((value) => value !== null);
    expect(values.slice(present.length).every((value) => value === null)).toBe(true);
    const sorted = [...present].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
    expect(present).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
  });

  it('breaks ties so that pages of 3 neither repeat nor skip a market (sample sizes tie by the dozen)', async () => {
    const { edges, pages } = await allPages({ filter, orderBy: [{ field: 'SAMPLE_SIZE' }] }, 3);
    const markets = expected();
    expect(pages).toBe(Math.ceil(markets.length / 3));
    expect(new Set(edges.map(keyOf)).size).toBe(edges.length);
    expect(edges.map(keyOf).sort()).toEqual(keysOf(markets));
    expect(edges.map((edge) => edge.node.sampleSize)).toEqual(markets.map((market) => market.sampleSize).sort((a, b) => a - b));
  });

  it('refuses a forged cursor, and one issued for another query, as BAD_USER_INPUT on `after`', async () => {
    const { pageInfo } = await page({ filter, first: 2 });
    for (const after of ['bWFya2V0OjI6', Buffer.from('market:2:xxxxxxxxxxxx').toString('base64url'), 'not a cursor']) {
      const { errors } = await client.execute(MARKETS, { filter, first: 2, after });
      expect(errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['after'] });
    }
    const other = await client.execute(MARKETS, { filter: { countryCodes: ['US'] }, first: 2, after: pageInfo.endCursor });
    expect(other.errors![0]).toMatchObject({ message: expect.stringMatching(/another filter, order or currency/), extensions: { code: 'BAD_USER_INPUT', fields: ['after'] } });
  });
});

describe('markets: currencies', () => {
  it('refuses to order by MEDIAN or P90, or to filter by median, across currencies without `currency`', async () => {
    for (const variables of [{ orderBy: [{ field: 'MEDIAN' }] }, { orderBy: [{ field: 'P90', direction: 'DESC' }] }, { filter: { median: { min: '1' } } }]) {
      const { data, errors } = await client.execute(MARKETS, variables);
      expect(data).toBeNull();
      expect(errors![0]).toMatchObject({ message: expect.stringMatching(/3 currencies \(CAD, NZD, USD\).*currency/), extensions: { code: 'BAD_USER_INPUT', fields: ['currency'] } });
    }
  });

  it('orders by MEDIAN without `currency` when the markets share one', async () => {
    const { edges } = await allPages({ filter: { countryCodes: ['US'] }, orderBy: [{ field: 'MEDIAN', direction: 'DESC' }] });
    expect(edges.map((edge) => Number(edge.median.amount))).toEqual(expectedMarkets().filter((market) => market.country === 'US').map((market) => Number(market.median)).sort((a, b) => b - a));
    expect(edges.every((edge) => edge.median.conversion === null)).toBe(true);
  });

  it('converts at the stored rate of the nearest year, says which, and leaves out (and counts) what no rate converts', async () => {
    const { edges, leftOut } = await allPages({ filter: { countryCodes: ['CA', 'NZ'] }, currency: 'usd', orderBy: [{ field: 'MEDIAN', direction: 'DESC' }] });
    expect(leftOut).toEqual([{ reason: 'NO_EXCHANGE_RATE', count: 1, currencyCodes: ['NZD'] }]);
    const seed = edges.find((edge) => keyOf(edge) === SEED_MARKET.key)!;
    // 2026-04 has no rate: the nearest year that has one is 2023, and USD→CAD inverted converts CAD.
    const cad2023 = impliedRate('CAD', '2023');
    expect(seed.median).toEqual({
      amount: dividedBy(SEED_MARKET.median, cad2023.rate),
      currencyCode: 'USD',
      conversion: { original: { amount: SEED_MARKET.median, currencyCode: 'CAD' }, rate: expect.any(String), ratePeriod: '2023', rateSampleSize: cad2023.sampleSize },
    });
    expect(Number(seed.median.conversion.rate)).toBeCloseTo(1 / Number(cad2023.rate), 9);
    expect(edges.filter((edge) => edge !== seed).every((edge) => edge.median.conversion === null && edge.median.currencyCode === 'USD')).toBe(true);
  });

  it('converts USD markets into another currency with that year\'s rate', async () => {
    const { edges } = await allPages({ filter: { countryCodes: ['US'], roleSlugs: ['data-engineer'] }, currency: 'EUR' });
    const eur2023 = impliedRate('EUR', '2023');
    const market = expectedMarkets().find((candidate) => candidate.key === 'US data-engineer')!;
    expect(edges.map((edge) => edge.median)).toEqual([
      { amount: timesRate(market.median, eur2023.rate), currencyCode: 'EUR', conversion: { original: { amount: market.median, currencyCode: 'USD' }, rate: eur2023.rate, ratePeriod: '2023', rateSampleSize: eur2023.sampleSize } },
    ]);
  });

  it('refuses a currency that is not ISO 4217', async () => {
    const { errors } = await client.execute(MARKETS, { currency: 'XYZ' });
    expect(errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['currency'] });
  });
});

describe('comparing one role across countries', () => {
  const dataEngineer2023 = (minSampleSize: number) => `{
    role(slug: "data-engineer") {
      markets(filter: { period: "2023", minSampleSize: ${minSampleSize} }, orderBy: [{ field: MEDIAN, direction: DESC }], currency: "USD") {
        totalCount
        edges { median { amount currencyCode } node { sampleSize country { code } } }
      }
    }
  }`;

  // The README's example asks for 10 data points (only the US has as many); 2 shows the order across countries.
  it.each([10, 2])('Role.markets: Data Engineer, 2023, by median in USD, countries with at least %i data points', async (minSampleSize) => {
    const { data, errors } = await client.execute(dataEngineer2023(minSampleSize));
    expect(errors).toBeUndefined();
    const expected = expectedMarkets({ period: '2023' })
      .filter((market) => market.role === 'data-engineer' && market.sampleSize >= minSampleSize)
      .sort((a, b) => Number(b.median) - Number(a.median));
    expect(expected.length).toBeGreaterThan(minSampleSize === 2 ? 5 : 0);
    expect(data!.role.markets).toEqual({
      totalCount: expected.length,
      edges: expected.map((market) => ({ median: { amount: market.median, currencyCode: 'USD' }, node: { sampleSize: market.sampleSize, country: { code: market.country } } })),
    });
  });

  it('is the root markets query with roleSlugs: [one]', async () => {
    const root = await page({ filter: { roleSlugs: ['data-engineer'], period: '2023', minSampleSize: 2 }, orderBy: [{ field: 'MEDIAN', direction: 'DESC' }], currency: 'USD' });
    const { data } = await client.execute(dataEngineer2023(2));
    expect(root.edges.map((edge) => edge.node.country.code)).toEqual(data!.role.markets.edges.map((edge: any) => edge.node.country.code));
  });
});

describe('Country.roles', () => {
  it('gives a page of 20 by slug without `first`', async () => {
    const { data, errors } = await client.execute('{ country(code: "US") { roles { totalCount edges { node { slug } } } } }');
    expect(errors).toBeUndefined();
    const slugs = [...new Set(rows.filter((row) => row.residence === 'US').map((row) => slugOfTitle(row.title)))].sort();
    expect(data!.country.roles).toEqual({ totalCount: slugs.length, edges: slugs.slice(0, 20).map((slug) => ({ node: { slug } })) });
  });

  it('orders by the latest median with `orderBy`, pages following on', async () => {
    const query = `query ($after: String) { country(code: "US") { roles(first: 5, after: $after, orderBy: [{ field: MEDIAN, direction: DESC }]) {
      totalCount pageInfo { endCursor } edges { node { slug latestSnapshot { median { amount } } } } } } }`;
    const first = await client.execute(query);
    expect(first.errors).toBeUndefined();
    const second = await client.execute(query, { after: first.data!.country.roles.pageInfo.endCursor });
    const us = expectedMarkets().filter((market) => market.country === 'US');
    const medians = us.map((market) => Number(market.median)).sort((a, b) => b - a);
    const got = [...first.data!.country.roles.edges, ...second.data!.country.roles.edges].map((edge: any) => Number(edge.node.latestSnapshot.median.amount));
    expect(first.data!.country.roles.totalCount).toBe(us.length);
    expect(got).toEqual(medians.slice(0, 10));
  });
});

describe('round trips', () => {
  const NESTED = `query ($first: Int) { markets(first: $first, filter: { countryCodes: ["US", "GB", "CA", "DE"] }, orderBy: [{ field: MEDIAN, direction: DESC }], currency: "USD") {
    totalCount leftOut { count } edges { cursor median { amount conversion { rate } }
      node { id period growthDelta(basis: PREVIOUS_PERIOD) { percent } premiumBrackets { tier } skills { rank } country { name } role { title latestSnapshot { period } } } } } }`;

  it('a page is one statement, whatever its size', async () => {
    for (const first of [1, 50, 100]) {
      const before = database.statementCount();
      const { errors } = await client.execute('query ($first: Int) { markets(first: $first, currency: "EUR", orderBy: [{ field: P90 }]) { totalCount leftOut { count } edges { cursor median { amount } node { id period sampleSize country { code } role { slug } } } } }', { first });
      expect(errors).toBeUndefined();
      expect(database.statementCount() - before, `first: ${first}`).toBe(1);
    }
  });

  it('nested fields batch: the same statements for 5 and for 100 markets', async () => {
    const statementsFor = async (first: number) => {
      const before = database.statementCount();
      const { errors } = await client.execute(NESTED, { first });
      expect(errors).toBeUndefined();
      return database.statementCount() - before;
    };
    const forFive = await statementsFor(5);
    expect(await statementsFor(100)).toBe(forFive);
    // the page, then market histories (growth), premium tiers and skills in one statement
    expect(forFive).toBe(2);
  });

  it('every country with its 50 best-paid roles: one statement for the roles of all countries', async () => {
    const before = database.statementCount();
    const { data, errors } = await client.execute(`{ countries { code roles(first: 50, orderBy: [{ field: MEDIAN, direction: DESC }], currency: "USD") {
      totalCount edges { node { slug latestSnapshot { period sampleSize median { amount currencyCode } } } } } } }`);
    expect(errors).toBeUndefined();
    // countries, then the ordered pages of every country's roles (their latest snapshots come with them)
    expect(database.statementCount() - before).toBe(2);
    const us = data!.countries.find((country: any) => country.code === 'US').roles;
    expect(us.edges.map((edge: any) => Number(edge.node.latestSnapshot.median.amount))).toEqual(
      expectedMarkets().filter((market) => market.country === 'US').map((market) => Number(market.median)).sort((a, b) => b - a).slice(0, 50),
    );
  });
});
