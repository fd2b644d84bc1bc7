import type pg from 'pg';
import { copyField, copyFrom } from './copy-in.js';
import { inTransaction, lockAgainstRebuild, RETRY_NOW } from './transaction.js';
import { countryDetails } from './countries.js';
import type { ValidObservation } from './observation.js';
import { slugify } from './roles.js';

export type KeyedObservation = ValidObservation & { rowKey: string };

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
  /** False when the source had no rows as the import began: then no row can be loaded already. */
  sourceHadRows = true;
  /** The source's ObservationSource id, known after prepare(). */
  sourceId = 0;

  constructor(
    private readonly client: pg.PoolClient,
    readonly roleCategory: string,
  ) {}

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
    this.sourceId = source.rows[0]!.id;
    const { rows } = await this.client.query('SELECT 1 FROM observation WHERE source_id = $1 LIMIT 1', [this.sourceId]);
    this.sourceHadRows = rows.length > 0;
    // On the import's own connection: an import never waits for a second one.
    const countries = await this.client.query<{ id: number; code: string }>('SELECT id, code FROM country');
    const roles = await this.client.query<{ id: number; slug: string }>('SELECT id, slug FROM role');
    const aliases = await this.client.query<{ alias: string; slug: string }>('SELECT a.alias, r.slug FROM role_alias a JOIN role r ON r.id = a.role_id');
    this.countryIds = new Map(countries.rows.map((country) => [country.code, country.id]));
    this.roleIds = new Map(roles.rows.map((role) => [role.slug, role.id]));
    this.aliases = new Map(aliases.rows.map((alias) => [alias.alias, alias.slug]));
  }

  /** True when the role exists (as the catalogue was read, or created by a committed batch). */
  hasRole(slug: string): boolean {
    return this.roleIds.has(slug);
  }

  hasCountry(code: string): boolean {
    return this.countryIds.has(code);
  }

  /** Remembers catalogue entries a batch written outside this loader created (see staged-import.ts). */
  remember(countries: ReadonlyMap<string, number>, roles: ReadonlyMap<string, number>): void {
    for (const [code, id] of countries) this.countryIds.set(code, id);
    for (const [slug, id] of roles) this.roleIds.set(slug, id);
  }

  /** The role a job title maps to: its alias's role, else the role named by its slug. */
  roleSlugOf(jobTitle: string): string {
    let slug = this.slugOfTitle.get(jobTitle);
    if (slug === undefined) {
      const titleSlug = slugify(jobTitle);
      slug = this.aliases.get(titleSlug) ?? titleSlug;
      this.slugOfTitle.set(jobTitle, slug);
    }
    return slug;
  }

  /**
   * Loads one batch in its own transaction, retried on deadlock or serialization failure.
   * @returns how many observations were new (the rest were already loaded).
   */
  async load(sourceKey: string, batch: readonly KeyedObservation[]): Promise<number> {
    const { inserted, countries, roles } = await inTransaction(this.client, async () => {
      await lockAgainstRebuild(this.client, 'batch');
      try {
        return await this.loadInTransaction(this.client, sourceKey, batch);
      } catch (error) {
        // A row key this import already loaded in an earlier batch (a reader that repeats keys):
        // from now on look every batch's keys up, starting with this one.
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION || this.sourceHadRows) throw error;
        this.sourceHadRows = true;
        throw Object.assign(new Error('retry with look-ups'), { code: RETRY_NOW });
      }
    });
    // Only ids of a committed transaction may be remembered.
    this.remember(countries, roles);
    return inserted;
  }

  private async loadInTransaction(client: pg.PoolClient, sourceKey: string, batch: readonly KeyedObservation[]) {
    const seen = new Set<string>();
    if (this.sourceHadRows) {
      const { rows } = await client.query<{ row_key: string }>(
        'SELECT row_key FROM observation WHERE source_id = $1 AND row_key = ANY($2::text[])',
        [this.sourceId, batch.map((row) => row.rowKey)],
      );
      for (const row of rows) seen.add(row.row_key);
    }
    const fresh = batch.filter((row) => !seen.has(row.rowKey) && Boolean(seen.add(row.rowKey)));
    if (!fresh.length) return { inserted: 0, countries: new Map<string, number>(), roles: new Map<string, number>() };

    const countries = await this.ensureCountries(client, fresh);
    const roles = await this.ensureRoles(client, fresh);
    const stale = new Set<string>();
    const source = this.sourceId;
    let lines = '';
    for (const row of fresh) {
      const countryId = this.countryIds.get(row.countryCode) ?? countries.get(row.countryCode)!;
      const slug = this.roleSlugOf(row.jobTitle);
      const roleId = this.roleIds.get(slug) ?? roles.get(slug)!;
      stale.add(`${countryId}\t${roleId}\t${row.period}`);
      // Level, period, amount and currency are validated: letters, digits and a dot, nothing to escape.
      lines += `${source}\t${copyField(row.rowKey)}\t${countryId}\t${roleId}\t${row.level}\t${row.period}\t${copyField(row.jobTitle)}\t${copyField(row.employmentType)}\t${row.amount}\t${row.currencyCode}\t${copyField(row.originalAmount)}\t${copyField(row.originalCurrency)}\t${copyField(row.remoteRatio)}\t${copyField(row.companyLocation)}\t${copyField(row.companySize)}\n`;
    }
    const inserted = await copyFrom(
      client,
      `observation (source_id, row_key, country_id, role_id, level, period, job_title, employment_type, amount, currency_code,
                    original_amount, original_currency, remote_ratio, company_location, company_size)`,
      lines,
    );
    const markets = [...stale].sort().map((market) => market.split('\t'));
    await client.query(
      `WITH market AS (SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) AS m(country_id, role_id, period)),
       stale AS (INSERT INTO stale_market (country_id, role_id, period) SELECT * FROM market ON CONFLICT DO NOTHING)
       INSERT INTO market_source (country_id, role_id, period, source_key) SELECT *, $4 FROM market ON CONFLICT DO NOTHING`,
      [markets.map((market) => market[0]), markets.map((market) => market[1]), markets.map((market) => market[2]), sourceKey],
    );
    return { inserted, countries, roles };
  }

  /** Creates the batch's countries that do not exist yet; returns the ids of those it had to look up. */
  private async ensureCountries(client: pg.PoolClient, batch: readonly KeyedObservation[]): Promise<Map<string, number>> {
    const missing = [...new Set(batch.map((row) => row.countryCode))].filter((code) => !this.countryIds.has(code));
    if (!missing.length) return new Map();
    const details = missing.map(countryDetails);
    await client.query(
      'INSERT INTO country (code, name, currency_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (code) DO NOTHING',
      [missing, details.map((country) => country.name), details.map((country) => country.currencyCode)],
    );
    const { rows } = await client.query<{ id: number; code: string }>('SELECT id, code FROM country WHERE code = ANY($1::text[])', [missing]);
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** Creates the batch's roles that do not exist yet, titled as first seen; returns the ids it looked up. */
  private async ensureRoles(client: pg.PoolClient, batch: readonly KeyedObservation[]): Promise<Map<string, number>> {
    const titles = new Map<string, string>();
    for (const row of batch) {
      const slug = this.roleSlugOf(row.jobTitle);
      if (!this.roleIds.has(slug) && !titles.has(slug)) titles.set(slug, row.jobTitle);
    }
    if (!titles.size) return new Map();
    const slugs = [...titles.keys()];
    await client.query(
      'INSERT INTO role (slug, title, category) SELECT slug, title, $3 FROM unnest($1::text[], $2::text[]) AS t(slug, title) ON CONFLICT (slug) DO NOTHING',
      [slugs, [...titles.values()], this.roleCategory],
    );
    const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM role WHERE slug = ANY($1::text[])', [slugs]);
    return new Map(rows.map((row) => [row.slug, row.id]));
  }
}
