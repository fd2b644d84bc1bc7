import type pg from 'pg';
import { copyField, copyFrom, copyTextArray, CopyStream } from '../../../db/copy-in.js';
import { copyLine, isRowNumber, ObservationBatch, OBSERVATION_COPY_TARGET, type KeyedObservation } from './observation-batch.js';
import { beginTransaction, inTransaction, isRetryable, lockAgainstRebuild, RETRY_NOW } from '../../../db/transaction.js';
import { countryDetails } from '../../catalog/countries.js';
import { slugify } from '../roles.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Runs `work` holding a session lock on a source (released at the end, or when the connection
 * drops), so that two imports of one source run one after the other; imports of other sources
 * run in parallel. `work` gets the locked connection: an import uses no other.
 */
export async function withSourceLock<T>(pool: pg.Pool, sourceKey: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended('observation-source:' || $1, 0))", [sourceKey]);
    try {
      return await work(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended('observation-source:' || $1, 0))", [sourceKey]).catch(() => (broken = true));
    }
  } finally {
    // A connection whose lock could not be released must not go back to the pool with it.
    client.release(broken);
  }
}

/** A batch whose lines stream into the COPY of its open transaction while it is being filled (see ObservationLoader.load). */
interface StreamingBatch {
  batch: ObservationBatch;
  /** The COPY, once the transaction has begun. */
  copy: Promise<CopyStream>;
}

/**
 * Writes batches of checked observations. Each batch is one transaction: the countries and
 * roles it needs, its observations (a row already loaded from the same source and row is
 * skipped, as is a second row with the same key), the markets it makes stale and the source of
 * each market commit together or not at all. The rows go in with COPY, the fastest way into PostgreSQL.
 */
export class ObservationLoader {
  private countryIds = new Map<string, number>();
  private roleIds = new Map<string, number>();
  /** Alias slug → role slug. */
  private aliases = new Map<string, string>();
  private slugOfTitle = new Map<string, string>();
  /** Periods by their number in a market number (see marketOf), and back. */
  private periods: string[] = [];
  private periodNumbers = new Map<string, number>();
  /** Markets whose source a committed batch has recorded (market_source): a market's sources are never removed. */
  private sourcedMarkets = new Set<number>();
  /**
   * Markets committed batches have marked stale since the rebuild generation `markedGeneration`
   * (see SnapshotRebuild): a rebuild claims every mark, so a new generation means none is left.
   */
  private markedMarkets = new Set<number>();
  private markedGeneration: string | undefined;
  /** False when the source had no rows as the import began: then no row can be loaded already. */
  private sourceHadRows = true;
  private source = 0;
  private streaming: StreamingBatch | undefined;
  /** Whether a batch has committed since finish() last ran. */
  private undurable = false;

  constructor(
    private readonly client: pg.PoolClient,
    readonly roleCategory: string,
  ) {}

  /** The source's ObservationSource id, known after prepare(). */
  get sourceId(): number {
    return this.source;
  }

  /**
   * Reads the catalogue once (countries, roles and role aliases as they are now) and whether
   * the source has rows already. The loader's connection must hold the source's lock (see
   * withSourceLock) from here until the last batch, so that no one else loads rows of it meanwhile.
   */
  async prepare(sourceKey: string): Promise<void> {
    const source = await this.client.query<{ id: number }>(
      `WITH created AS (INSERT INTO observation_source (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING id)
       SELECT id FROM created UNION ALL SELECT id FROM observation_source WHERE key = $1`,
      [sourceKey],
    );
    this.source = source.rows[0]!.id;
    // One probe of each identity index: they are partial, so `source_id = $1` alone would scan the table.
    const { rows } = await this.client.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT FROM observation WHERE source_id = $1 AND row_number IS NOT NULL)
           OR EXISTS (SELECT FROM observation WHERE source_id = $1 AND row_key IS NOT NULL) AS found`,
      [this.source],
    );
    this.sourceHadRows = rows[0]!.found;
    // On the import's own connection: an import never waits for a second one.
    const countries = await this.client.query<{ id: number; code: string }>('SELECT id, code FROM country');
    const roles = await this.client.query<{ id: number; slug: string }>('SELECT id, slug FROM role');
    const aliases = await this.client.query<{ alias: string; slug: string }>('SELECT a.alias, r.slug FROM role_alias a JOIN role r ON r.id = a.role_id');
    this.countryIds = new Map(countries.rows.map((country) => [country.code, country.id]));
    this.roleIds = new Map(roles.rows.map((role) => [role.slug, role.id]));
    this.aliases = new Map(aliases.rows.map((alias) => [alias.alias, alias.slug]));
  }

  /** The country's id, when it exists (as the catalogue was read, or created by a committed batch). */
  countryIdOf(code: string): number | undefined {
    return this.countryIds.get(code);
  }

  /** The id of the role a job title maps to, when that role exists. */
  roleIdOf(jobTitle: string): number | undefined {
    return this.roleIds.get(this.roleSlugOf(jobTitle));
  }

  /** The role a job title maps to: its alias's role, else the role named by its slug. */
  private roleSlugOf(jobTitle: string): string {
    let slug = this.slugOfTitle.get(jobTitle);
    if (slug === undefined) {
      const titleSlug = slugify(jobTitle);
      slug = this.aliases.get(titleSlug) ?? titleSlug;
      this.slugOfTitle.set(jobTitle, slug);
    }
    return slug;
  }

  /**
   * A market (country × role × period) as one number, cheaper to collect per row than a string.
   * @throws for a role id of 2^20 or more, or a 4,097th period in one import (which it cannot hold).
   */
  marketOf(countryId: number, roleId: number, period: string): number {
    let periodNumber = this.periodNumbers.get(period);
    if (periodNumber === undefined) {
      periodNumber = this.periods.push(period) - 1;
      this.periodNumbers.set(period, periodNumber);
    }
    if (roleId >= 2 ** 20 || periodNumber >= 2 ** 12) throw new Error(`Market numbers hold role ids below 2^20 and 4,096 periods; got role ${roleId}, period ${period}`);
    return (countryId * 2 ** 20 + roleId) * 2 ** 12 + periodNumber;
  }

  /** Adds a checked observation to `batch`: as a line, or pending when its country or role does not exist yet. */
  add(batch: ObservationBatch, row: KeyedObservation): void {
    const countryId = this.countryIds.get(row.countryCode);
    const roleId = this.roleIdOf(row.jobTitle);
    if (countryId === undefined || roleId === undefined) batch.addPending(row);
    else batch.append(row.rowKey, this.lineOf(row, countryId, roleId), this.marketOf(countryId, roleId, row.period));
  }

  private lineOf(row: KeyedObservation, countryId: number, roleId: number): string {
    // Level, period, amount and currency are validated: letters, digits and a dot, nothing to escape.
    return copyLine(
      this.source, row.rowKey, countryId, roleId, row.level, row.period, copyField(row.jobTitle), copyField(row.employmentType), row.amount, row.currencyCode,
      copyField(row.originalAmount), copyField(row.originalCurrency), copyField(row.remoteRatio), copyField(row.companyLocation), copyField(row.companySize),
      copyTextArray(row.skills), copyTextArray(row.certifications),
    );
  }

  /**
   * Loads one batch in its own transaction, retried on deadlock or serialization failure. The
   * transaction commits without waiting for the disk (see finish()).
   * `next`, the batch being filled meanwhile (if rows may follow), starts streaming its rows into
   * a transaction of its own once this one has committed, if the source had none when the import
   * began (its keys are then not looked up): the database writes them while the rest of it is
   * read, and its own load() ends it, or finish() if no row comes.
   * @returns how many observations were new (the rest were already loaded).
   */
  async load(sourceKey: string, batch: ObservationBatch, next?: ObservationBatch): Promise<number> {
    const streamed = this.streaming?.batch === batch ? this.streaming : undefined;
    this.streaming = undefined;
    const { inserted, countries, roles, markets, generation } =
      (streamed && (await this.finishStreamed(sourceKey, streamed))) ??
      (await inTransaction(this.client, async () => {
        try {
          return await this.loadInTransaction(sourceKey, batch);
        } catch (error) {
          // A row key this import already loaded (a reader that repeats keys): from now on look
          // every batch's keys up, starting with this one.
          if (!this.repeatedKey(error)) throw error;
          throw Object.assign(new Error('retry with look-ups'), { code: RETRY_NOW });
        }
      }));
    this.undurable = true;
    // Only ids of a committed transaction may be remembered.
    for (const [code, id] of countries) this.countryIds.set(code, id);
    for (const [slug, id] of roles) this.roleIds.set(slug, id);
    if (generation !== this.markedGeneration) {
      this.markedMarkets = new Set();
      this.markedGeneration = generation;
    }
    for (const market of markets) {
      this.sourcedMarkets.add(market);
      this.markedMarkets.add(market);
    }
    if (next && !this.sourceHadRows) this.stream(next);
    return inserted;
  }

  /**
   * Ends the import's loading: rolls back the batch streaming into its transaction, if one is (no
   * row came for it, or the import stopped before its load), then waits until every batch committed
   * is on disk. A batch commits without waiting for that, which each batch's commit did for ~5 ms:
   * if the database server (not the import) crashes first, it may lose the last batches committed,
   * whole, and a new import of the source loads them again.
   */
  async finish(): Promise<void> {
    const streamed = this.streaming;
    this.streaming = undefined;
    if (streamed) await this.rollBack(await streamed.copy.catch(() => undefined), 'the import stopped');
    if (!this.undurable) return;
    // A transaction that commits with an id writes a commit record, and its commit waits for the log up to it.
    await this.client.query('BEGIN; SELECT pg_current_xact_id(); COMMIT');
    this.undurable = false;
  }

  /** Ends `copy`, if it began, with none of its rows, then rolls its transaction back. */
  private async rollBack(copy: CopyStream | undefined, reason: string): Promise<void> {
    await copy?.fail(reason);
    await this.client.query('ROLLBACK').catch(() => undefined);
  }

  /**
   * Begins `batch`'s transaction and its COPY, into which its lines go as they are written (those
   * written meanwhile wait in the batch).
   */
  private stream(batch: ObservationBatch): void {
    const copy = (async () => {
      await beginTransaction(this.client);
      const copy = CopyStream.start(this.client, OBSERVATION_COPY_TARGET);
      batch.streamTo((lines) => copy.write(lines));
      return copy;
    })();
    // Awaited by the batch's load(); this only keeps Node from calling a failure unhandled meanwhile.
    copy.catch(() => undefined);
    this.streaming = { batch, copy };
  }

  /**
   * Commits a streamed batch's transaction.
   * @returns undefined when the batch must be loaded again from the start, as a batch that did not
   * stream is: on a deadlock or a serialization failure, or a key the import already loaded.
   */
  private async finishStreamed(sourceKey: string, streamed: StreamingBatch) {
    let copy: CopyStream | undefined;
    try {
      copy = await streamed.copy;
      const result = await this.loadInTransaction(sourceKey, streamed.batch, copy);
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.rollBack(copy, 'the batch failed');
      if (this.repeatedKey(error) || isRetryable(error)) return undefined;
      throw error;
    }
  }

  /**
   * Whether `error` is a row key this import already loaded, when the source had no rows as it
   * began (a reader that repeats keys): then from now on every batch's keys are looked up.
   */
  private repeatedKey(error: unknown): boolean {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION || this.sourceHadRows) return false;
    this.sourceHadRows = true;
    return true;
  }

  /** Loads `batch` in the current transaction; `streamed` is its COPY when its lines are in it already. */
  private async loadInTransaction(sourceKey: string, batch: ObservationBatch, streamed?: CopyStream) {
    // A streamed COPY ends first: until it does, the connection takes no other statement.
    batch.endStream();
    const streamedRows = streamed ? await streamed.end() : 0;
    // Taken once the streamed rows are in: a rebuild never waits for rows still being read.
    await lockAgainstRebuild(this.client, 'batch');
    await this.client.query('SET LOCAL synchronous_commit = off');
    const countries = await this.ensureCountries(batch.pending);
    const roles = await this.ensureRoles(batch.pending);
    // Written in this attempt only: a transaction tried again starts from the batch as it was.
    const late = new ObservationBatch(0);
    for (const row of batch.pending) {
      const countryId = this.countryIds.get(row.countryCode) ?? countries.get(row.countryCode)!;
      const slug = this.roleSlugOf(row.jobTitle);
      const roleId = this.roleIds.get(slug) ?? roles.get(slug)!;
      late.append(row.rowKey, this.lineOf(row, countryId, roleId), this.marketOf(countryId, roleId, row.period));
    }
    // A batch streams only when its source had no rows: then no key is looked up.
    const fresh = this.sourceHadRows ? await this.freshRows(batch, late) : undefined;
    const lines = batch.select(fresh?.lines);
    const pending = late.select(fresh?.pending);
    if (!lines.rows && !pending.rows) return { inserted: 0, countries, roles, markets: [], generation: this.markedGeneration };

    const unsent = streamed ? pending.data : pending.rows ? Buffer.concat([lines.data, pending.data]) : lines.data;
    const inserted = streamedRows + (unsent.length ? await copyFrom(this.client, OBSERVATION_COPY_TARGET, unsent) : 0);
    const markets = [...(pending.rows ? new Set([...lines.markets, ...pending.markets]) : lines.markets)].sort((a, b) => a - b);
    const unmarked = markets.filter((market) => !this.markedMarkets.has(market));
    const { rows } = await this.client.query<{ generation: string }>(
      `WITH market AS (SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::bool[]) AS m(country_id, role_id, period, sourced)),
       stale AS (INSERT INTO stale_market (country_id, role_id, period) SELECT country_id, role_id, period FROM market ON CONFLICT DO NOTHING),
       sourced AS (INSERT INTO market_source (country_id, role_id, period, source_key)
                   SELECT country_id, role_id, period, $5 FROM market WHERE NOT sourced ON CONFLICT DO NOTHING)
       SELECT generation::text FROM snapshot_rebuild`,
      [...this.marketColumns(unmarked), unmarked.map((market) => this.sourcedMarkets.has(market)), sourceKey],
    );
    // The rebuild lock, held until the commit, keeps the generation read here current.
    const generation = rows[0]!.generation;
    if (generation !== this.markedGeneration && unmarked.length < markets.length) {
      // A rebuild has claimed the marks of the earlier batches: mark their markets again.
      const marked = markets.filter((market) => this.markedMarkets.has(market));
      await this.client.query(
        'INSERT INTO stale_market (country_id, role_id, period) SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING',
        this.marketColumns(marked),
      );
    }
    return { inserted, countries, roles, markets, generation };
  }

  /** Markets (see marketOf) as the columns country_id, role_id and period. */
  private marketColumns(markets: readonly number[]): [number[], number[], string[]] {
    return [markets.map((market) => Math.floor(market / 2 ** 32)), markets.map((market) => Math.floor(market / 2 ** 12) % 2 ** 20), markets.map((market) => this.periods[market % 2 ** 12]!)];
  }

  /**
   * Which rows to load: those whose key the source does not have yet, each key once, the first
   * time in the batch's order. `late` holds the batch's pending rows, written.
   * @returns tests of a row's position among the batch's lines and among its pending rows.
   */
  private async freshRows(batch: ObservationBatch, late: ObservationBatch): Promise<{ lines: (index: number) => boolean; pending: (index: number) => boolean }> {
    const keys = [...batch.keys, ...late.keys];
    const { rows } = await this.client.query<{ key: string }>(
      `SELECT coalesce(row_number::text, row_key) AS key FROM observation
       WHERE source_id = $1 AND (row_number = ANY($2::bigint[]) OR row_key = ANY($3::text[]))`,
      [this.source, keys.filter(isRowNumber).map(String), keys.filter((key) => !isRowNumber(key))],
    );
    const seen = new Set(rows.map((row) => row.key));
    const firstTime = (key: number | string) => {
      const text = String(key);
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    };
    const lines: boolean[] = [];
    const pending: boolean[] = [];
    for (let index = 0; index <= batch.keys.length; index++) {
      while (pending.length < late.keys.length && batch.pendingAfter[pending.length]! <= index) pending.push(firstTime(late.keys[pending.length]!));
      if (index < batch.keys.length) lines.push(firstTime(batch.keys[index]!));
    }
    return { lines: (index) => lines[index]!, pending: (index) => pending[index]! };
  }

  /** Creates the countries of `rows` that do not exist yet; returns the ids of those it had to look up. */
  private async ensureCountries(rows: readonly KeyedObservation[]): Promise<Map<string, number>> {
    const missing = [...new Set(rows.map((row) => row.countryCode))].filter((code) => !this.countryIds.has(code));
    if (!missing.length) return new Map();
    const details = missing.map(countryDetails);
    await this.client.query(
      'INSERT INTO country (code, name, currency_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (code) DO NOTHING',
      [missing, details.map((country) => country.name), details.map((country) => country.currencyCode)],
    );
    const { rows: found } = await this.client.query<{ id: number; code: string }>('SELECT id, code FROM country WHERE code = ANY($1::text[])', [missing]);
    return new Map(found.map((row) => [row.code, row.id]));
  }

  /**
   * Creates the roles of `rows` that do not exist yet, titled and categorised as first seen (the
   * row's own category, else the import's); returns the ids it looked up.
   */
  private async ensureRoles(rows: readonly KeyedObservation[]): Promise<Map<string, number>> {
    const roles = new Map<string, { title: string; category: string }>();
    for (const row of rows) {
      const slug = this.roleSlugOf(row.jobTitle);
      if (!this.roleIds.has(slug) && !roles.has(slug)) roles.set(slug, { title: row.jobTitle, category: row.roleCategory ?? this.roleCategory });
    }
    if (!roles.size) return new Map();
    const slugs = [...roles.keys()];
    await this.client.query(
      'INSERT INTO role (slug, title, category) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (slug) DO NOTHING',
      [slugs, [...roles.values()].map((role) => role.title), [...roles.values()].map((role) => role.category)],
    );
    const { rows: found } = await this.client.query<{ id: number; slug: string }>('SELECT id, slug FROM role WHERE slug = ANY($1::text[])', [slugs]);
    return new Map(found.map((row) => [row.slug, row.id]));
  }
}
