import { createReadStream } from 'node:fs';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { percentileCont } from '../../support/percentile-cont.js';
import { readCsvRows } from '../../../src/services/import/csv/csv-reader.js';
import { aiJobsFormat } from '../../../src/services/import/formats/ai-jobs.js';
import type { ImportFormat } from '../../../src/services/import/formats/index.js';
import { mappedFormat } from '../../../src/services/import/formats/mapped.js';
import { parseMapping, readMapping } from '../../../src/services/import/formats/mapping.js';
import { projectRoot } from '../../../src/config.js';
import { ObservationImportService, type ImportSummary } from '../../../src/services/import/import.service.js';
import { rebuildStaleSnapshots } from '../../../src/services/snapshots/snapshot-rebuild.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { AI_JOBS_FILE, expectedFigures, readAiJobs, type AiJobsRow } from './ai-jobs-data.js';

let database: TestDatabase;
let importer: ObservationImportService;
let firstImport: ImportSummary;
const rows = readAiJobs();

function importFile(file: string, sourceKey = `ai-jobs:${path.basename(file)}`, format: ImportFormat = aiJobsFormat) {
  return importer.importFile(file, format, { sourceKey, roleCategory: format.roleCategory });
}

/** The same file read by csv-parse and checked in JavaScript, row by row. */
function importFileRowByRow(file: string, sourceKey: string, format: ImportFormat = aiJobsFormat) {
  return importer.importRows(readCsvRows(createReadStream(file), format), {
    sourceKey,
    roleCategory: format.roleCategory,
    fieldName: format.columnOf,
  });
}

/** A source's observations, in row order. */
async function loadedRows(sourceKey: string) {
  const { rows: loaded } = await database.pool.query(
    `SELECT coalesce(o.row_number::text, o.row_key) AS row_key, c.code AS country, r.slug AS role, o.level, o.period, o.job_title, o.employment_type, o.amount, o.currency_code,
            o.original_amount, o.original_currency, o.remote_ratio, o.company_location, o.company_size
     FROM observation o JOIN observation_source s ON s.id = o.source_id JOIN country c ON c.id = o.country_id JOIN role r ON r.id = o.role_id
     WHERE s.key = $1 ORDER BY o.row_number`,
    [sourceKey],
  );
  return loaded;
}

const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

interface SnapshotRow {
  sample_size: number;
  median: string;
  mean: string | null;
  p10: string | null;
  p25: string | null;
  p75: string | null;
  p90: string | null;
  median_ci_lower: string | null;
  median_ci_upper: string | null;
  projected_median: string | null;
  projected_low: string | null;
  projected_high: string | null;
  projection_horizon: string | null;
  projection_method: string | null;
  projection_periods: string[];
  projection_note: string | null;
  source: string;
  currency_code: string;
  as_of: Date;
  provenance: string;
}

async function snapshot(country: string, role: string, period: string, level = 'ALL'): Promise<SnapshotRow | undefined> {
  const { rows: found } = await database.pool.query<SnapshotRow>(
    `SELECT s.* FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id
     WHERE c.code = $1 AND r.slug = $2 AND s.period = $3 AND s.level = $4`,
    [country, role, period, level],
  );
  return found[0];
}

const figuresOf = (row: SnapshotRow | undefined) =>
  row && {
    sampleSize: row.sample_size,
    p10: row.p10,
    p25: row.p25,
    median: row.median,
    p75: row.p75,
    p90: row.p90,
    mean: row.mean,
    ciLower: row.median_ci_lower,
    ciUpper: row.median_ci_upper,
  };

const salaries = (match: (row: AiJobsRow) => boolean) => rows.filter(match).map((row) => row.usd);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  importer = new ObservationImportService(database);
  await importer.syncRoleAliases(aiJobsFormat.roleCategory);
  firstImport = await importFile(AI_JOBS_FILE);
});
afterAll(() => database.drop());

describe('importing the ai-jobs file into an empty database', () => {
  it('loads every row, identical rows included (they are different people)', async () => {
    const distinctContents = new Set(rows.map((row) => row.text)).size;
    expect(rows.length - distinctContents).toBe(1171);
    expect(firstImport).toMatchObject({ read: 3755, imported: 3755, duplicates: 0, rejected: 0, rejections: [] });
    const { rows: counted } = await database.pool.query('SELECT count(*)::int AS n FROM observation');
    expect(counted[0].n).toBe(3755);
  });

  it('gives United States, Data Engineer, 2022 the figures of the issue (409 observations, P10 94,740 … P90 220,000)', async () => {
    expect(figuresOf(await snapshot('US', 'data-engineer', '2022'))).toMatchObject({
      sampleSize: 409,
      p10: '94740.00',
      p25: '117000.00',
      median: '145000.00',
      p75: '180000.00',
      p90: '220000.00',
    });
  });

  it.each([
    ['US', 'data-engineer', '2022', (row: AiJobsRow) => row.title === 'Data Engineer'],
    ['US', 'data-scientist', '2023', (row: AiJobsRow) => row.title === 'Data Scientist'],
    ['GB', 'data-engineer', '2022', (row: AiJobsRow) => row.title === 'Data Engineer'],
    ['CA', 'data-analyst', '2022', (row: AiJobsRow) => row.title === 'Data Analyst'],
    // "ML Engineer" is an alias of machine-learning-engineer.
    ['US', 'machine-learning-engineer', '2023', (row: AiJobsRow) => row.title === 'Machine Learning Engineer' || row.title === 'ML Engineer'],
  ])('matches an independent computation for %s %s %s (all levels)', async (country, role, period, isRole) => {
    const amounts = salaries((row) => row.residence === country && row.year === period && isRole(row));
    expect(amounts.length).toBeGreaterThan(0);
    expect(figuresOf(await snapshot(country, role, period))).toEqual(expectedFigures(amounts));
  });

  it('computes each experience level on its own (US, Data Engineer, 2022, senior)', async () => {
    const amounts = salaries((row) => row.residence === 'US' && row.year === '2022' && row.title === 'Data Engineer' && row.level === 'SE');
    expect(figuresOf(await snapshot('US', 'data-engineer', '2022', 'SENIOR'))).toEqual(expectedFigures(amounts));
  });

  it('leaves percentiles a thin sample cannot support null, and says how thin it is', async () => {
    const byMarket = new Map<string, AiJobsRow[]>();
    for (const row of rows) byMarket.set(`${row.residence}|${row.title}|${row.year}`, [...(byMarket.get(`${row.residence}|${row.title}|${row.year}`) ?? []), row]);
    const titled = (title: string) => title === 'Data Engineer' || title === 'Data Scientist' || title === 'Data Analyst';
    for (const size of [1, 3, 5, 7]) {
      const [key, market] = [...byMarket].find(([key, found]) => found.length === size && titled(key.split('|')[1]!))!;
      const [country, title, period] = key.split('|');
      const stored = await snapshot(country!, title!.toLowerCase().replace(' ', '-'), period!);
      expect(figuresOf(stored)).toEqual(expectedFigures(market.map((row) => row.usd)));
      expect(stored!.p10).toBeNull();
      expect(stored!.p90).toBeNull();
      if (size < 4) expect([stored!.p25, stored!.p75]).toEqual([null, null]);
      if (size < 6) expect([stored!.median_ci_lower, stored!.median_ci_upper]).toEqual([null, null]);
    }
  });

  it('dates computed snapshots at the end of their year and names the source', async () => {
    const stored = (await snapshot('US', 'data-engineer', '2022'))!;
    expect(stored.source).toBe('COMPUTED');
    expect(stored.currency_code).toBe('USD');
    expect(stored.as_of.toISOString().slice(0, 10)).toBe('2022-12-31');
    expect(stored.provenance).toBe(
      'Computed by paygraph from 409 salary observations in USD, 2022, all experience levels; source: ai-jobs:ai-jobs-salaries-2020-2023.csv.',
    );
  });

  it("projects each snapshot from its market's own yearly medians up to its period, weighted by sample size", async () => {
    const market = (period: string) => expectedFigures(salaries((row) => row.residence === 'US' && row.year === period && row.title === 'Data Engineer'));
    const [y2020, y2021, y2022, y2023] = [market('2020'), market('2021'), market('2022'), market('2023')];
    expect([y2020.sampleSize, y2021.sampleSize, y2022.sampleSize, y2023.sampleSize]).toEqual([3, 19, 409, 472]);
    const none = { projected_median: null, projected_low: null, projected_high: null, projection_horizon: null, projection_method: null, projection_periods: [] };
    // Up to 2022 only 2021 and 2022 have 10 or more observations: no trend with a range, and the reason.
    expect(await snapshot('US', 'data-engineer', '2020')).toMatchObject({ ...none, projection_note: expect.stringMatching(/^A trend with a range needs at least 3 periods .* has none up to 2020\. Left out, with fewer than 10 observations: 2020 \(n = 3\)\.$/) });
    expect(await snapshot('US', 'data-engineer', '2022')).toMatchObject({ ...none, projection_note: expect.stringContaining('has only 2 (2021 (n = 19), 2022 (n = 409)) up to 2022') });

    // 2023: weighted least squares over 2021–2023 (2020's 3 people left out), computed here in
    // floating point from the stored medians and sample sizes, read off at 2024.
    const points = [[2021, y2021], [2022, y2022], [2023, y2023]] as const;
    const w = points.map(([, figures]) => figures.sampleSize);
    const x = points.map(([year]) => year);
    const y = points.map(([, figures]) => Number(figures.median));
    const W = w.reduce((a, b) => a + b);
    const xBar = w.reduce((sum, wi, i) => sum + wi * x[i]!, 0) / W;
    const yBar = w.reduce((sum, wi, i) => sum + wi * y[i]!, 0) / W;
    const sxx = w.reduce((sum, wi, i) => sum + wi * (x[i]! - xBar) ** 2, 0);
    const slope = w.reduce((sum, wi, i) => sum + wi * (x[i]! - xBar) * (y[i]! - yBar), 0) / sxx;
    const fit = (at: number) => yBar + slope * (at - xBar);
    const s2 = w.reduce((sum, wi, i) => sum + wi * (y[i]! - fit(x[i]!)) ** 2, 0) / (points.length - 2);
    const halfWidth = 12.706 * Math.sqrt(s2 * (1 / W + (2024 - xBar) ** 2 / sxx)); // t(0.975, 1 degree of freedom)
    const whole = (value: number) => Math.round(value).toFixed(2);
    const stored = (await snapshot('US', 'data-engineer', '2023'))!;
    expect(stored).toMatchObject({
      projected_median: whole(fit(2024)),
      projected_low: whole(Math.max(0, fit(2024) - halfWidth)),
      projected_high: whole(fit(2024) + halfWidth),
      projection_horizon: '2024',
      projection_method: 'WEIGHTED_LINEAR_TREND',
      projection_periods: ['2021', '2022', '2023'],
    });
    expect(stored.projection_note).toContain('Left out, with fewer than 10 observations: 2020 (n = 3).');
  });

  it('derives the exchange rate each currency implies, per year (median of salary ÷ salary_in_usd)', async () => {
    const { rows: rates } = await database.pool.query('SELECT base_currency, currency_code, period, rate::float8 AS rate, sample_size FROM exchange_rate');
    for (const [currency, year] of [['CAD', '2022'], ['EUR', '2021'], ['GBP', '2023'], ['INR', '2022']] as const) {
      const ratios = rows.filter((row) => row.currency === currency && row.year === year).map((row) => row.salary / row.usd).sort((a, b) => a - b);
      const stored = rates.find((rate) => rate.currency_code === currency && rate.period === year);
      expect(stored).toMatchObject({ base_currency: 'USD', sample_size: ratios.length });
      expect(stored.rate).toBeCloseTo(percentileCont(ratios, 0.5)!, 9);
    }
    expect(rates.some((rate) => rate.currency_code === 'USD')).toBe(false);
  });

  it('leaves a snapshot stated by a source untouched', async () => {
    const seeded = (await snapshot('CA', 'machine-learning-lead', '2026-04'))!;
    expect(seeded).toMatchObject({ source: 'IMPORTED', median: '123557.00', sample_size: 2 });
  });
});

describe('importing again', () => {
  it('adds nothing and counts every row as a duplicate', async () => {
    const { rows: before } = await database.pool.query('SELECT count(*)::int AS n, max(updated_at) AS changed FROM market_snapshot');
    expect(await importFile(AI_JOBS_FILE)).toMatchObject({ read: 3755, imported: 0, duplicates: 3755, rejected: 0, snapshots: 0 });
    const { rows: after } = await database.pool.query('SELECT count(*)::int AS n, max(updated_at) AS changed FROM market_snapshot');
    expect(after).toEqual(before);
    const { rows: counted } = await database.pool.query('SELECT count(*)::int AS n FROM observation');
    expect(counted[0].n).toBe(3755);
  });

  it('treats the same rows under another source name as new observations', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    const file = path.join(directory, 'excerpt.csv');
    await writeFile(file, `${HEADER}\n2022,SE,FT,Data Engineer,1000000,USD,1000000,US,0,US,L\n`);
    const summary = await importFile(file, 'another-survey');
    // The market is recomputed whole: all levels together and each of its four levels.
    expect(summary).toMatchObject({ imported: 1, duplicates: 0, snapshots: 5 });
    const amounts = [...salaries((row) => row.residence === 'US' && row.year === '2022' && row.title === 'Data Engineer'), 1_000_000];
    expect(figuresOf(await snapshot('US', 'data-engineer', '2022'))).toEqual(expectedFigures(amounts));
    expect((await snapshot('US', 'data-engineer', '2022'))!.provenance).toMatch(/sources: ai-jobs:ai-jobs-salaries-2020-2023\.csv, another-survey\.$/);
  });
});

describe('a source that repeats a row key', () => {
  it('loads the first and counts the others as duplicates, in the same batch or a later one', async () => {
    const fields = { countryCode: 'NZ', jobTitle: 'Data Engineer', level: 'MID', year: '2021', amount: '90000', currencyCode: 'NZD' };
    const summary = await importer.importRows(
      [[{ rowKey: 'x', fields }, { rowKey: 'x', fields: { ...fields, amount: '1' } }], [{ rowKey: 'y', fields }], [{ rowKey: 'x', fields: { ...fields, amount: '2' } }]],
      { sourceKey: 'repeating-reader', roleCategory: 'Test', batchSize: 2 },
    );
    expect(summary).toMatchObject({ read: 4, imported: 2, duplicates: 2, rejected: 0 });
    const { rows: loaded } = await database.pool.query(
      "SELECT coalesce(row_number::text, row_key) AS row_key, amount FROM observation WHERE source_id = (SELECT id FROM observation_source WHERE key = 'repeating-reader') ORDER BY 1",
    );
    expect(loaded).toEqual([
      { row_key: 'x', amount: '90000.00' },
      { row_key: 'y', amount: '90000.00' },
    ]);
  });

  it('loads the first even when it names a role that does not exist yet and the repeat one that does', async () => {
    const fields = { countryCode: 'NZ', jobTitle: 'Data Engineer', level: 'MID', year: '2021', amount: '90000', currencyCode: 'NZD' };
    const summary = await importer.importRows(
      [[{ rowKey: 'z', fields }, { rowKey: 'k', fields: { ...fields, jobTitle: 'Prompt Tamer' } }, { rowKey: 'k', fields: { ...fields, amount: '1' } }]],
      { sourceKey: 'repeating-new-role', roleCategory: 'Test' },
    );
    expect(summary).toMatchObject({ read: 3, imported: 2, duplicates: 1 });
    const { rows: loaded } = await database.pool.query(
      "SELECT o.row_key, r.slug, o.amount FROM observation o JOIN role r ON r.id = o.role_id WHERE source_id = (SELECT id FROM observation_source WHERE key = 'repeating-new-role') ORDER BY 1",
    );
    expect(loaded).toEqual([
      { row_key: 'k', slug: 'prompt-tamer', amount: '90000.00' },
      { row_key: 'z', slug: 'data-engineer', amount: '90000.00' },
    ]);
  });
});

describe('row keys', () => {
  it('keep the identity of the key as written: "7" and "007" are two rows, line 7 of a file is "7"', async () => {
    const fields = { countryCode: 'NZ', jobTitle: 'Data Engineer', level: 'MID', year: '2021', amount: '90000', currencyCode: 'NZD' };
    const keys = ['7', '007', '18446744073709551616', 'x\ty'];
    const options = { sourceKey: 'keyed-source', roleCategory: 'Test' };
    expect(await importer.importRows([keys.map((rowKey) => ({ rowKey, fields }))], options)).toMatchObject({ imported: 4, duplicates: 0 });
    expect(await importer.importRows([[...keys, '8'].map((rowKey) => ({ rowKey, fields }))], options)).toMatchObject({ imported: 1, duplicates: 4 });
    const { rows: stored } = await database.pool.query(
      "SELECT row_number::text, row_key FROM observation WHERE source_id = (SELECT id FROM observation_source WHERE key = 'keyed-source') ORDER BY row_number, row_key",
    );
    expect(stored).toEqual([
      { row_number: '7', row_key: null },
      { row_number: '8', row_key: null },
      { row_number: null, row_key: '007' },
      { row_number: null, row_key: '18446744073709551616' },
      { row_number: null, row_key: 'x\ty' },
    ]);

    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    const file = path.join(directory, 'keyed.csv');
    await writeFile(file, [HEADER, ...Array.from({ length: 8 }, () => '2021,MI,FT,Data Engineer,90000,NZD,60000,NZ,0,NZ,M')].join('\n') + '\n');
    // Lines 2 to 9: lines 7 and 8 are the rows the API sent as "7" and "8".
    expect(await importFile(file, 'keyed-source')).toMatchObject({ read: 8, imported: 6, duplicates: 2 });
  });
});

describe('a batch streaming into the database as it is read', () => {
  const observation = (key: string, amount: number) => ({ rowKey: key, fields: { countryCode: 'NZ', jobTitle: 'Data Engineer', level: 'MID', year: '2018', amount: String(amount), currencyCode: 'NZD' } });
  const keyed = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, index) => observation(`${prefix}${from + index}`, 40000 + from + index));
  const loadedCount = async (sourceKey: string) =>
    (await database.pool.query('SELECT count(*)::int AS n FROM observation WHERE source_id = (SELECT id FROM observation_source WHERE key = $1)', [sourceKey])).rows[0].n;
  /** Connections of this database left in a transaction: an import must leave none. */
  const openTransactions = async () =>
    (await database.pool.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")).rows[0].n;

  it('has the database write the rows of the batch being read before the batch is full', async () => {
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    async function* reader() {
      yield keyed('s', 1000);
      yield keyed('s', 600, 1000);
      await paused;
      yield keyed('s', 400, 1600);
    }
    const importing = importer.importRows(reader(), { sourceKey: 'streamed-while-read', roleCategory: 'Test', batchSize: 1000 });
    // The second batch has 600 of its 1,000 rows: the 512 written so far are at the server, in
    // its COPY already (which counts rows only as it inserts them, a thousand at a time).
    await expect
      .poll(
        async () =>
          (
            await database.pool.query(
              "SELECT coalesce(max(bytes_processed), 0)::int AS n FROM pg_stat_progress_copy WHERE relid = 'observation'::regclass AND command = 'COPY FROM' AND datname = current_database()",
            )
          ).rows[0].n,
        { timeout: 10_000 },
      )
      .toBeGreaterThan(512 * 50);
    expect(await loadedCount('streamed-while-read')).toBe(1000);
    resume();
    expect(await importing).toMatchObject({ read: 2000, imported: 2000, duplicates: 0, rejected: 0 });
    expect(await loadedCount('streamed-while-read')).toBe(2000);
    expect(await openTransactions()).toBe(0);
  });

  it('rolls the streaming batch back when the reader fails, keeping the batches committed, and a new import completes it', async () => {
    async function* failing() {
      yield keyed('f', 1000);
      yield keyed('f', 600, 1000);
      throw new Error('the disk went away');
    }
    await expect(importer.importRows(failing(), { sourceKey: 'failed-while-streaming', roleCategory: 'Test', batchSize: 1000 })).rejects.toThrow('the disk went away');
    expect(await loadedCount('failed-while-streaming')).toBe(1000);
    expect(await openTransactions()).toBe(0);
    expect(await importer.importRows([keyed('f', 1600)], { sourceKey: 'failed-while-streaming', roleCategory: 'Test', batchSize: 1000 })).toMatchObject({ imported: 600, duplicates: 1000 });
  });

  it('closes the batch that was streaming when the rows end with a full batch', async () => {
    expect(await importer.importRows([keyed('e', 2000)], { sourceKey: 'ended-on-a-full-batch', roleCategory: 'Test', batchSize: 1000 })).toMatchObject({ imported: 2000 });
    expect(await openTransactions()).toBe(0);
    expect(await loadedCount('ended-on-a-full-batch')).toBe(2000);
  });

  it('loads a streamed batch again with look-ups when it repeats a key of an earlier batch', async () => {
    const summary = await importer.importRows([[observation('a', 1), observation('b', 2)], [observation('c', 3), observation('a', 4)], [observation('d', 5)]], {
      sourceKey: 'repeated-in-a-streamed-batch',
      roleCategory: 'Test',
      batchSize: 2,
    });
    expect(summary).toMatchObject({ read: 5, imported: 4, duplicates: 1 });
    const { rows: loaded } = await database.pool.query(
      "SELECT row_key, amount FROM observation WHERE source_id = (SELECT id FROM observation_source WHERE key = 'repeated-in-a-streamed-batch') ORDER BY 1",
    );
    expect(loaded).toEqual([
      { row_key: 'a', amount: '1.00' },
      { row_key: 'b', amount: '2.00' },
      { row_key: 'c', amount: '3.00' },
      { row_key: 'd', amount: '5.00' },
    ]);
    expect(await openTransactions()).toBe(0);
  });
});

describe('a rebuild between two batches of an import', () => {
  it('leaves the import to mark its markets stale again, so its last rebuild counts every row', async () => {
    const fields = (amount: number) => ({ countryCode: 'NZ', jobTitle: 'Data Engineer', level: 'MID', year: '2019', amount: String(amount), currencyCode: 'NZD' });
    let committed!: () => void;
    const firstBatch = new Promise<void>((resolve) => (committed = resolve));
    async function* rows() {
      yield [1, 2].map((index) => ({ rowKey: `a${index}`, fields: fields(50000 + index) }));
      await firstBatch;
      // Another import's rebuild: it claims every stale market, this one's included.
      const client = await database.pool.connect();
      try {
        expect((await rebuildStaleSnapshots(client)).markets).toBeGreaterThan(0);
      } finally {
        client.release();
      }
      expect(figuresOf(await snapshot('NZ', 'data-engineer', '2019'))).toMatchObject({ sampleSize: 2 });
      yield [3, 4, 5].map((index) => ({ rowKey: `a${index}`, fields: fields(50000 + index) }));
    }
    const summary = await importer.importRows(rows(), { sourceKey: 'rebuilt-between', roleCategory: 'Test', batchSize: 2, onProgress: () => committed() });
    expect(summary).toMatchObject({ imported: 5 });
    expect(figuresOf(await snapshot('NZ', 'data-engineer', '2019'))).toEqual(expectedFigures([50001, 50002, 50003, 50004, 50005]));
  });
});

describe('imports at the same time', () => {
  it('never wait on each other for connections, and two imports of one source run one after the other', async () => {
    // More imports than the pool has connections (10): each holds exactly one.
    const sends = Array.from({ length: 14 }, (_, index) =>
      importer.importBatch({
        source: `concurrent-${index % 7}`,
        roleCategory: 'Test',
        observations: [{ id: 'only', countryCode: 'NL', jobTitle: 'Data Engineer', level: 'MID', year: '2023', amount: String(60000 + (index % 7)), currencyCode: 'EUR' }],
      }),
    );
    const results = await Promise.all(sends);
    for (let source = 0; source < 7; source++) {
      const pair = [results[source]!, results[source + 7]!];
      expect(pair.map((result) => result.imported).sort()).toEqual([0, 1]);
      expect(pair.map((result) => result.duplicates).sort()).toEqual([0, 1]);
    }
    expect(figuresOf(await snapshot('NL', 'data-engineer', '2023', 'MID'))).toEqual(
      expectedFigures([...salaries((row) => row.residence === 'NL' && row.year === '2023' && row.title === 'Data Engineer' && row.level === 'MI'), 60000, 60001, 60002, 60003, 60004, 60005, 60006]),
    );
  });
});

describe('rejected rows', () => {
  it('reports each bad row with its line and reason, and loads the good ones (a file read row by row: quoted line break, blank line)', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    const file = path.join(directory, 'bad-rows.csv');
    await writeFile(
      file,
      [
        HEADER,
        '2021,MI,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 2: good
        '2021,MI,FT,Prompt Wrangler,-5,USD,-5,DE,0,DE,S', // 3: negative salary
        '2021,MI,FT,Prompt Wrangler,0,USD,0,DE,0,DE,S', // 4: zero
        '2021,MI,FT,Prompt Wrangler,50000,XYZ,50000,DE,0,DE,S', // 5: unknown currency
        '20x1,MI,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 6: year
        '2021,MI,FT,,50000,USD,50000,DE,0,DE,S', // 7: missing title
        '2021,MI,FT,Prompt Wrangler,50000,USD,50000,ZZ,0,DE,S', // 8: unknown country
        '2021,MI,FT,Prompt Wrangler,50000,USD', // 9: too few fields
        '2021,XX,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 10: unknown level
        '2021,SE,FT,"Prompt', // 11–12: a quoted title over two lines
        'Wrangler",70000,USD,70000,DE,100,DE,M',
        '',
        '2021,EN,FT,Prompt Wrangler,30000,USD,30000,DE,50,DE,L', // 14: good, after a blank line
      ].join('\n') + '\n',
    );
    const summary = await importFile(file);
    expect(summary).toMatchObject({ read: 11, imported: 3, duplicates: 0, rejected: 8 });
    expect(summary.rejections).toEqual([
      // A row with several problems has an entry for each.
      { row: '3', field: 'salary_in_usd', reason: 'must be a positive amount, got "-5"' },
      { row: '3', field: 'salary', reason: 'must be a positive amount, got "-5"' },
      { row: '4', field: 'salary_in_usd', reason: 'must be a positive amount, got "0"' },
      { row: '4', field: 'salary', reason: 'must be a positive amount, got "0"' },
      { row: '5', field: 'salary_currency', reason: 'unknown currency "XYZ" (expected an ISO 4217 code such as "USD")' },
      { row: '6', field: 'work_year', reason: 'cannot parse the year "20x1"' },
      { row: '7', field: 'job_title', reason: 'the job title is missing' },
      { row: '8', field: 'employee_residence', reason: 'unknown country code "ZZ" (expected ISO 3166-1 alpha-2, e.g. "US")' },
      { row: '9', field: 'line', reason: 'expected 11 fields, found 6' },
      { row: '10', field: 'experience_level', reason: 'unknown experience level "XX" (expected EN, MI, SE or EX)' },
    ]);
    expect((await loadedRows('ai-jobs:bad-rows.csv')).map(({ row_key, job_title, amount }) => ({ row_key, job_title, amount }))).toEqual([
      { row_key: '2', job_title: 'Prompt Wrangler', amount: '50000.00' },
      { row_key: '11', job_title: 'Prompt Wrangler', amount: '70000.00' },
      { row_key: '14', job_title: 'Prompt Wrangler', amount: '30000.00' },
    ]);
    expect(figuresOf(await snapshot('DE', 'prompt-wrangler', '2021'))).toEqual(expectedFigures([50000, 70000, 30000]));
  });
});

describe('a file whose every line is one record', () => {
  // Split line by line; records made of values taken as written go straight into their batch,
  // the others through validateObservation. The result must be exactly the csv-parse import's.
  const lines = [
    HEADER,
    '2021,MI,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 2: good
    '2021,MI,FT,Prompt Wrangler,-5,USD,-5,DE,0,DE,S', // 3: negative salary
    '2021,mi,ft, Prompt   Wrangler ,050000.5,usd,050000.50, de ,050,de,s', // 4: good once trimmed and upper-cased
    '2021,MI,FT,Prompt Wrangler,50000,XYZ,50000,DE,0,DE,S', // 5: unknown currency
    '20x1,MI,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 6: year
    '2021,MI,FT,,50000,USD,50000,DE,0,DE,S', // 7: missing title
    '2021,MI,FT,Prompt Wrangler,50000,USD,50000,ZZ,0,DE,S', // 8: unknown country
    '2021,XX,FT,Prompt Wrangler,50000,USD,50000,DE,0,DE,S', // 9: unknown level
    '2021,SE,FT,"Wrangler, Prompt",70000,USD,70000,DE,100,DE,M', // 10: good, a quoted comma
    '2021,EN,XX,Prompt Wrangler,30000,USD,30000,DE,50,DE,L', // 11: unknown employment type
    '2021,EN,,Prompt Wrangler,,,30000,FR,,,', // 12: good, optional fields empty
    '2099,EN,FT,Prompt Wrangler,30000,USD,30000,DE,50,DE,L', // 13: a year to come
    '2021,EN,FT,Prompt Wrangler,1234567890123,USD,30000,DE,50,DE,L', // 14: salary too large
    '2021,EN,FT,Prompt Wrangler,30000,USD,30000.123,DE,50,DE,L', // 15: three decimals
    '2021,EN,FT,Prompt Wrangler,30000,USD,30000,DE,101,DE,L', // 16: remote ratio
    '2021,EN,FT,Prompt Wrangler,30000,USD,30000,DE,50,DE,XL', // 17: company size
    '2021,EN,FT,???,30000,USD,30000,DE,50,DE,L', // 18: a title without letters
    '2021,EN,FT,Prompt Wrangler,30000,USD,30000,DE,50,QQ,L', // 19: unknown company location
  ];

  it('gives every rejected row its line and reason, and loads the others exactly as an import read by csv-parse does', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    for (const [name, ending] of [['split.csv', '\n'], ['split-crlf.csv', '\r\n']] as const) {
      const file = path.join(directory, name);
      await writeFile(file, lines.join(ending) + ending);
      const split = await importFile(file, `split:${name}`);
      const rowByRow = await importFileRowByRow(file, `row-by-row:${name}`);
      expect(split).toMatchObject({ read: 18, imported: 4, duplicates: 0, rejected: 14 });
      expect(split.rejections).toEqual(rowByRow.rejections);
      expect([...new Set(split.rejections.map((rejection) => rejection.row))]).toEqual(['3', '5', '6', '7', '8', '9', '11', '13', '14', '15', '16', '17', '18', '19']);
      expect(await loadedRows(`split:${name}`)).toEqual(await loadedRows(`row-by-row:${name}`));
    }
    expect((await loadedRows('split:split.csv')).find((row) => row.row_key === '4')).toMatchObject({
      country: 'DE', level: 'MID', job_title: 'Prompt Wrangler', employment_type: 'FT', amount: '50000.50', original_amount: '50000.50', original_currency: 'USD', remote_ratio: 50, company_location: 'DE', company_size: 'S',
    });
  });

  it('counts every row as a duplicate the second time', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    const file = path.join(directory, 'again.csv');
    await writeFile(file, lines.join('\n') + '\n');
    const first = await importFile(file);
    expect(await importFile(file)).toEqual({ ...first, imported: 0, duplicates: first.imported, snapshots: 0 });
  });

  /** 600 random rows of odd values (three values in four the first of their column, which is taken as written), as a file. */
  async function oddValuesFile() {
    const amounts = ['50000', '050000', '', '0', '-5', '1.5', '1.234', '1e5', '999999999999.99', '1000000000000', ' 7'];
    const choices = [
      ['2021', ' 2021', '2099', '20x1', '', '1899', '2023'],
      ['SE', 'se', 'XX', '', ' MI', 'EX'],
      ['FT', 'ft', '', 'XX', 'PT', 'F\0T'],
      ['Data Engineer', ' Data  Engineer ', '', '???', 'ML Engineer', 'Prompt Wrangler', 'Ingénieur', 'a\tb', 'x\\y', '"Wrangler, Prompt"', 'Data\0Engineer'],
      amounts,
      ['USD', 'usd', 'XYZ', '', 'EUR'],
      amounts,
      ['US', 'us', 'ZZ', '', ' DE', 'FJ'],
      ['0', '50', '100', '101', '050', '', 'x'],
      ['US', '', 'zz', 'de'],
      ['S', 'M', 'L', 'XL', 's', ''],
    ];
    let seed = 11;
    const next = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 2 ** 16) % below;
    };
    // The first value of each column is taken as written: three times in four it is the one picked.
    const pick = (values: string[]) => (next(4) ? values[0]! : values[next(values.length)]!);
    const content = [HEADER, ...Array.from({ length: 600 }, () => choices.map(pick).join(','))].join('\n') + '\n';
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-'));
    const file = path.join(directory, 'odd-values.csv');
    await writeFile(file, content);
    return file;
  }

  it('loads and rejects 600 random rows of odd values exactly as an import read by csv-parse does', async () => {
    const file = await oddValuesFile();
    const split = await importFile(file, 'split:odd-values.csv');
    const rowByRow = await importFileRowByRow(file, 'row-by-row:odd-values.csv');
    expect(split.imported).toBeGreaterThan(50);
    expect(split.rejected).toBeGreaterThan(300);
    expect(split).toEqual({ ...rowByRow, snapshots: split.snapshots });
    expect(await loadedRows('split:odd-values.csv')).toEqual(await loadedRows('row-by-row:odd-values.csv'));
  });

  it('loads and rejects them through a mapping exactly as an import read by csv-parse does, and as the ai-jobs format does', async () => {
    const file = await oddValuesFile();
    const aiJobs = mappedFormat(await readMapping(path.join(projectRoot, 'data', 'mappings', 'ai-jobs.json')));
    // Codes a mapping reads differently from how they are written: only some are taken as written.
    const odd = mappedFormat(
      parseMapping(
        JSON.stringify({
          fields: {
            period: { column: 'work_year' }, title: { column: 'job_title' }, amount: { column: 'salary_in_usd' }, currency: { value: 'USD' },
            level: { column: 'experience_level', map: { SE: 'SENIOR', se: 'MID', ' MI': 'EXECUTIVE', MI: 'MID', EX: 'ENTRY' } },
            employmentType: { column: 'employment_type', map: { FT: 'ft', PT: 'Part time', XX: 'XX' } },
            originalAmount: { column: 'salary' }, originalCurrency: { column: 'salary_currency' }, country: { column: 'employee_residence' },
            remoteRatio: { column: 'remote_ratio' }, companyLocation: { column: 'company_location' }, companySize: { column: 'company_size' },
          },
        }),
        'odd.json',
      ),
    );
    expect(aiJobs.verbatim).toBeDefined();
    expect(odd.verbatim).toMatchObject({ levels: { SE: 'SENIOR', se: 'MID', MI: 'MID', EX: 'ENTRY' }, employmentTypes: ['FT', 'XX'] });
    for (const [name, format] of [['ai-jobs-mapping', aiJobs], ['odd-mapping', odd]] as const) {
      const split = await importFile(file, `split:${name}`, format);
      const rowByRow = await importFileRowByRow(file, `row-by-row:${name}`, format);
      expect(split.imported, name).toBeGreaterThan(50);
      expect(split, name).toEqual({ ...rowByRow, snapshots: split.snapshots });
      expect(await loadedRows(`split:${name}`), name).toEqual(await loadedRows(`row-by-row:${name}`));
    }
    await importFile(file, 'ai-jobs:odd-values-again.csv');
    expect(await loadedRows('split:ai-jobs-mapping')).toEqual(await loadedRows('ai-jobs:odd-values-again.csv'));
  });

  it('takes no mapped record as written when the mapping reads a field otherwise than from a column as written', () => {
    const fields = {
      period: { column: 'work_year' }, title: { column: 'job_title' }, amount: { column: 'salary_in_usd' }, currency: { value: 'USD' },
      level: { column: 'experience_level' }, employmentType: { column: 'employment_type' }, originalAmount: { column: 'salary' },
      originalCurrency: { column: 'salary_currency' }, country: { column: 'employee_residence' }, remoteRatio: { column: 'remote_ratio' },
      companyLocation: { column: 'company_location' }, companySize: { column: 'company_size' },
    };
    const format = (changed: object) => mappedFormat(parseMapping(JSON.stringify({ fields: { ...fields, ...changed } }), 'm.json'));
    expect(format({}).verbatim).toMatchObject({ levels: { ENTRY: 'ENTRY', MID: 'MID', SENIOR: 'SENIOR', EXECUTIVE: 'EXECUTIVE' }, employmentTypes: [] });
    for (const changed of [
      { currency: { column: 'salary_currency' } }, { currency: { value: 'usd' } }, { country: { column: 'employee_residence', parse: 'location' } },
      { companyLocation: { column: 'company_location', map: { US: 'DE' } } }, { amount: { column: 'salary_in_usd', map: { 1: '2' } } },
      { level: { column: 'experience_level', parse: 'years', thresholds: { MID: 2 } } }, { level: undefined }, { rowKey: { column: 'job_title' } },
      { skills: { column: 'job_title' } }, { certifications: { column: 'job_title' } }, { category: { column: 'job_title' } }, { remoteRatio: undefined },
    ]) {
      expect(format(changed).verbatim, JSON.stringify(changed)).toBeUndefined();
    }
  });
});

describe('a trend that leads to no salary', () => {
  it('projects nothing rather than a median of zero or less, or one no amount can hold, and says why', async () => {
    // Ten observations of one amount per year: each year's median is that amount, with n = 10.
    const rows = (country: string, amounts: Record<string, string>) =>
      Object.entries(amounts).flatMap(([year, amount]) =>
        Array.from({ length: 10 }, (_, index) => ({ rowKey: `${country}-${year}-${index}`, fields: { countryCode: country, jobTitle: 'Trend Tester', level: 'MID', year, amount, currencyCode: 'USD' } })),
      );
    await importer.importRows(
      [
        [
          ...rows('FO', { 2020: '300000', 2021: '200000', 2022: '50000' }),
          ...rows('GL', { 2020: '1000', 2021: '2000', 2022: '999999999999.99' }),
          ...rows('AD', { 2020: '60000', 2021: '65000', 2022: '70000' }),
        ],
      ],
      { sourceKey: 'trends', roleCategory: 'Test' },
    );
    const none = { projected_median: null, projection_method: null, projection_periods: [] };
    // FO: slope −125,000 a year through a mean of 183,333 at 2021: −66,667 at 2023.
    expect(await snapshot('FO', 'trend-tester', '2022')).toMatchObject({ ...none, projection_note: expect.stringMatching(/^The trend of 2020, 2021, 2022 leads to no valid salary at 2023/) });
    expect(await snapshot('GL', 'trend-tester', '2022')).toMatchObject(none); // about 1.3 × 10^12
    // AD: collinear, +5,000 a year: 75,000 at 2023, with no spread around the line.
    expect(await snapshot('AD', 'trend-tester', '2022')).toMatchObject({
      projected_median: '75000.00',
      projected_low: '75000.00',
      projected_high: '75000.00',
      projection_horizon: '2023',
      projection_method: 'WEIGHTED_LINEAR_TREND',
      projection_periods: ['2020', '2021', '2022'],
    });
  });
});
