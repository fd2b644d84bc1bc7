/**
 * Loading a CSV file in SQL: PostgreSQL parses it (COPY … FORMAT csv into a temp table of text
 * columns), a set-based check sets aside every row that is not made only of values the validation
 * accepts verbatim (verbatimValues), and batches of the rest go from the temp table into
 * observation with INSERT … SELECT. The rows set aside are few in practice; they are read back
 * and go through validateObservation like any other source's, so every rejection reason comes
 * from one place. A file COPY would read differently from csv-parse (see CsvShape), or that it
 * refuses, is not staged at all.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import type pg from 'pg';
import { copyStreamFrom } from './copy-in.js';
import { COUNTRY_CODES, CURRENCY_CODES, countryDetails } from './countries.js';
import type { SourceRow } from './csv-reader.js';
import { CsvShape } from './csv-shape.js';
import type { ImportFormat } from './formats/index.js';
import { normalizedJobTitle, verbatimValues, type ObservationField } from './observation.js';
import type { ObservationLoader } from './observation-loader.js';
import { inTransaction, lockAgainstRebuild } from './transaction.js';

/** SQLSTATE class 22, data exceptions: COPY refusing the file's content (missing or extra fields, a bad encoding). */
const DATA_EXCEPTION = /^22/;
/** The header must end within this many bytes. */
const HEADER_LIMIT = 1 << 16;
/** Rows set aside that are read back at once. */
const PAGE = 1000;

/** A file in the temp table import_row: one row per record, `ord` its position (its line is ord + 1). */
export interface StagedFile {
  records: number;
  /** The file's header: column names in order. */
  header: string[];
}

/** The header line, split; undefined for one that is quoted or not within the first 64 KiB (read row by row). */
async function readHeader(file: string): Promise<string[] | undefined> {
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(HEADER_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (end === -1) return undefined;
    const line = buffer.subarray(0, end).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
    return line.includes('"') ? undefined : line.split(',').map((column) => column.trim());
  } finally {
    await handle.close();
  }
}

/** The temp table's column for the header column at `index`. */
const stagingColumn = (index: number) => `c${index + 1}`;

/**
 * Copies `file` into the temp table import_row on `client` (replacing one left by an earlier
 * import on the connection), if it can be: `format` must describe its staging, the header must
 * have the format's columns, and every line must be one record that COPY takes.
 * @returns the staged file, or undefined when the file must be read row by row instead.
 * @throws when reading the file or the database fails.
 */
export async function stageCsvFile(client: pg.PoolClient, file: string, format: ImportFormat, onBytes?: (bytes: number) => void): Promise<StagedFile | undefined> {
  const header = format.staging && (await readHeader(file));
  if (!header || format.columns.some((column) => !header.includes(column))) return undefined;
  const columns = header.map((_, index) => stagingColumn(index)).join(', ');
  await client.query('DROP TABLE IF EXISTS import_row, import_title, import_aside');
  await client.query(`CREATE TEMP TABLE import_row (ord int GENERATED ALWAYS AS IDENTITY, ${header.map((_, index) => `${stagingColumn(index)} text`).join(', ')})`);
  const shape = new CsvShape();
  let bytes = 0;
  const scanned = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      shape.scan(chunk);
      bytes += chunk.length;
      onBytes?.(bytes);
      done(null, chunk);
    },
  });
  pipeline(createReadStream(file), scanned, () => undefined);
  let records: number;
  try {
    records = await copyStreamFrom(client, `COPY import_row (${columns}) FROM STDIN (FORMAT csv, HEADER true, FORCE_NOT_NULL (${columns}))`, scanned);
  } catch (error) {
    if (!DATA_EXCEPTION.test(String((error as { code?: unknown }).code))) throw error;
    records = -1;
  }
  if (records < 0 || !shape.regular || shape.lines !== records + 1) {
    await client.query('DROP TABLE import_row');
    return undefined;
  }
  await client.query('CREATE INDEX ON import_row USING brin (ord) WITH (pages_per_range = 4)');
  // Without statistics the planner guesses a thousand rows and joins batches row by row; a small
  // sample is enough to tell it the row count and the range of ord.
  await inTransaction(client, async () => {
    await client.query('SET LOCAL default_statistics_target = 10');
    await client.query('ANALYZE import_row');
  });
  return { records, header };
}

/**
 * The rows of a staged file: those set aside for validateObservation, and batches of the others
 * loaded in SQL. Call setAside() first.
 */
export class StagedRows {
  /** Header column → its import_row column, the last one winning as in readCsvRows. */
  private readonly columnIndex: Map<string, number>;
  private readonly staging: NonNullable<ImportFormat['staging']>;
  /** Roles and countries the file's rows name that do not exist yet: created by the batch that first needs them. */
  private missingSlugs: string[] = [];
  private missingCountries: string[] = [];
  /** Rows set aside, by batch number. */
  private asideByBatch = new Map<number, number>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly file: StagedFile,
    private readonly format: ImportFormat,
    private readonly loader: ObservationLoader,
    private readonly batchSize: number,
  ) {
    this.columnIndex = new Map(file.header.map((column, index) => [column, index]));
    this.staging = format.staging!;
  }

  /** The import_row column of an observation field, qualified with `r`. */
  private column(field: ObservationField): string {
    return `r.${stagingColumn(this.columnIndex.get(this.format.columnOf(field))!)}`;
  }

  get batches(): number {
    return Math.ceil(this.file.records / this.batchSize);
  }

  /** Rows of batch `batch` (0-based) that setAside() kept for SQL. */
  rowsInBatch(batch: number): number {
    return Math.min(this.batchSize, this.file.records - batch * this.batchSize) - (this.asideByBatch.get(batch) ?? 0);
  }

  /**
   * Maps the file's job titles to roles (import_title, valid titles only) and copies every row
   * that is not made of verbatim values into import_aside.
   * @returns how many rows were set aside.
   */
  async setAside(): Promise<number> {
    const title = this.column('jobTitle');
    const country = this.column('countryCode');
    const { rows: distinct } = await this.client.query<{ title: string | null; country: string | null }>(
      `SELECT ${title} AS title, ${country} AS country FROM import_row r GROUP BY GROUPING SETS ((${title}), (${country}))`,
    );
    const titles = distinct.flatMap((row) => (row.title === null ? [] : [row.title]));
    const mapped = titles.flatMap((raw) => {
      const jobTitle = normalizedJobTitle(raw);
      return jobTitle === undefined ? [] : [{ raw, jobTitle, slug: this.loader.roleSlugOf(jobTitle) }];
    });
    this.missingSlugs = [...new Set(mapped.map((entry) => entry.slug).filter((slug) => !this.loader.hasRole(slug)))];
    const codes = new Set(COUNTRY_CODES);
    this.missingCountries = distinct.flatMap((row) => (row.country !== null && codes.has(row.country) && !this.loader.hasCountry(row.country) ? [row.country] : []));
    await this.client.query(
      `CREATE TEMP TABLE import_title AS SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t(raw, job_title, slug)`,
      [mapped.map((entry) => entry.raw), mapped.map((entry) => entry.jobTitle), mapped.map((entry) => entry.slug)],
    );
    await this.client.query('ANALYZE import_title');

    const verbatim = verbatimValues();
    const field = (name: ObservationField) => this.column(name);
    // The length test first: cheaper than split_part, and almost always enough.
    const amount = (value: string) => `${value} ~ $5 AND (length(${value}) <= $9 OR length(split_part(${value}, '.', 1)) <= $9)`;
    const { rowCount } = await this.client.query(
      `CREATE TEMP TABLE import_aside AS
       SELECT r.* FROM import_row r LEFT JOIN import_title t ON t.raw = ${field('jobTitle')}
       WHERE NOT (t.raw IS NOT NULL AND ${field('level')} = ANY($1::text[])
         AND (${field('employmentType')} = '' OR ${field('employmentType')} = ANY($2::text[]))
         AND ${field('countryCode')} = ANY($3::text[]) AND ${field('year')} = ANY($4::text[])
         AND ${amount(field('amount'))}
         AND (${field('originalAmount')} = '' OR (${amount(field('originalAmount'))} AND ${field('originalCurrency')} = ANY($6::text[])))
         AND (${field('remoteRatio')} = '' OR ${field('remoteRatio')} = ANY($7::text[]))
         AND (${field('companyLocation')} = '' OR ${field('companyLocation')} = ANY($3::text[]))
         AND (${field('companySize')} = '' OR ${field('companySize')} = ANY($8::text[])))`,
      [
        Object.keys(this.staging.levels),
        this.staging.employmentTypes,
        COUNTRY_CODES,
        verbatim.years,
        verbatim.amountPattern,
        CURRENCY_CODES,
        verbatim.remoteRatios,
        verbatim.companySizes,
        verbatim.amountDigits,
      ],
    );
    await this.client.query('ALTER TABLE import_aside ADD PRIMARY KEY (ord)');
    await this.client.query('ANALYZE import_aside');
    const { rows: perBatch } = await this.client.query<{ batch: number; n: number }>(
      'SELECT (ord - 1) / $1 AS batch, count(*)::int AS n FROM import_aside GROUP BY 1',
      [this.batchSize],
    );
    this.asideByBatch = new Map(perBatch.map((row) => [row.batch, row.n]));
    return rowCount ?? 0;
  }

  /** The rows set aside, in file order, as a reader would give them (keyed by line). */
  async *asideRows(): AsyncGenerator<SourceRow[]> {
    for (let after = 0; ; ) {
      const { rows } = await this.client.query<Record<string, string | number>>('SELECT * FROM import_aside WHERE ord > $1 ORDER BY ord LIMIT $2', [after, PAGE]);
      if (!rows.length) return;
      after = rows.at(-1)!.ord as number;
      yield rows.map((row) => {
        const result = this.format.toObservation((column) => {
          const index = this.columnIndex.get(column);
          return index === undefined ? undefined : (row[stagingColumn(index)] as string);
        });
        const rowKey = String((row.ord as number) + 1);
        return 'reason' in result ? { rowKey, problem: result } : { rowKey, fields: result };
      });
    }
  }

  /**
   * Loads batch `batch` (0-based) of the rows kept for SQL in its own transaction, with the
   * roles and countries it needs first, and the markets it changes marked stale: as
   * ObservationLoader.load does for rows read in JavaScript. Rows already loaded are skipped.
   * @returns how many observations were new.
   */
  async loadBatch(batch: number, sourceKey: string): Promise<number> {
    const first = batch * this.batchSize + 1;
    const last = first + this.batchSize - 1;
    const inBatch = `r.ord BETWEEN ${first} AND ${last} AND NOT EXISTS (SELECT 1 FROM import_aside a WHERE a.ord = r.ord)`;
    // ON CONFLICT DO NOTHING would double the cost of inserting; the source's lock keeps anyone
    // else from loading its rows meanwhile, so looking them up first is enough.
    const fresh = this.loader.sourceHadRows ? 'AND NOT EXISTS (SELECT 1 FROM observation o WHERE o.source_id = $1 AND o.row_key = (r.ord + 1)::text)' : '';
    const created = { countries: new Map<string, number>(), roles: new Map<string, number>() };
    const inserted = await inTransaction(this.client, async () => {
      await lockAgainstRebuild(this.client, 'batch');
      if (this.missingSlugs.length) {
        const { rows } = await this.client.query<{ id: number; slug: string }>(
          `INSERT INTO role (slug, title, category)
           SELECT DISTINCT ON (t.slug) t.slug, t.job_title, $2 FROM import_row r JOIN import_title t ON t.raw = ${this.column('jobTitle')}
           WHERE ${inBatch} AND t.slug = ANY($1::text[]) ORDER BY t.slug, r.ord
           ON CONFLICT (slug) DO NOTHING RETURNING id, slug`,
          [this.missingSlugs, this.loader.roleCategory],
        );
        for (const row of rows) created.roles.set(row.slug, row.id);
      }
      if (this.missingCountries.length) {
        const details = this.missingCountries.map(countryDetails);
        const { rows } = await this.client.query<{ id: number; code: string }>(
          `INSERT INTO country (code, name, currency_code)
           SELECT d.* FROM unnest($1::text[], $2::text[], $3::text[]) AS d(code, name, currency_code)
           WHERE d.code IN (SELECT ${this.column('countryCode')} FROM import_row r WHERE ${inBatch})
           ON CONFLICT (code) DO NOTHING RETURNING id, code`,
          [this.missingCountries, details.map((country) => country.name), details.map((country) => country.currencyCode)],
        );
        for (const row of rows) created.countries.set(row.code, row.id);
      }
      const column = (name: ObservationField) => this.column(name);
      const { rows } = await this.client.query<{ inserted: number }>(
        `WITH inserted AS (
           INSERT INTO observation (source_id, row_key, country_id, role_id, level, period, job_title, employment_type, amount, currency_code,
                                    original_amount, original_currency, remote_ratio, company_location, company_size)
           SELECT $1, (r.ord + 1)::text, c.id, ro.id, lv.level, ${column('year')}, t.job_title, nullif(${column('employmentType')}, ''),
                  ${column('amount')}::numeric, $2, nullif(${column('originalAmount')}, '')::numeric,
                  CASE WHEN ${column('originalAmount')} <> '' THEN ${column('originalCurrency')} END,
                  nullif(${column('remoteRatio')}, '')::int, nullif(${column('companyLocation')}, ''), nullif(${column('companySize')}, '')
           FROM import_row r
           JOIN import_title t ON t.raw = ${column('jobTitle')}
           JOIN role ro ON ro.slug = t.slug
           JOIN country c ON c.code = ${column('countryCode')}
           JOIN unnest($3::text[], $4::"ExperienceLevel"[]) AS lv(code, level) ON lv.code = ${column('level')}
           WHERE ${inBatch} ${fresh}
           RETURNING country_id, role_id, period
         ),
         market AS (SELECT DISTINCT country_id, role_id, period FROM inserted),
         stale AS (INSERT INTO stale_market (country_id, role_id, period) SELECT * FROM market ON CONFLICT DO NOTHING),
         sourced AS (INSERT INTO market_source (country_id, role_id, period, source_key) SELECT *, $5 FROM market ON CONFLICT DO NOTHING)
         SELECT count(*)::int AS inserted FROM inserted`,
        [this.loader.sourceId, this.staging.currencyCode, Object.keys(this.staging.levels), Object.values(this.staging.levels), sourceKey],
      );
      return rows[0]!.inserted;
    });
    // Only ids of a committed transaction may be remembered.
    this.loader.remember(created.countries, created.roles);
    this.missingSlugs = this.missingSlugs.filter((slug) => !this.loader.hasRole(slug));
    this.missingCountries = this.missingCountries.filter((code) => !this.loader.hasCountry(code));
    return inserted;
  }

  /** Drops the temp tables. */
  async drop(): Promise<void> {
    await this.client.query('DROP TABLE IF EXISTS import_row, import_title, import_aside');
  }
}
