import DataLoader from 'dataloader';
import type { SqlReader } from '../db/client.js';
import type { Advice, CertificationEntry, DataSourceRow, MarketKey, SkillEntry, SnapshotRow, StoredPremiumTier } from './read-rows.js';
import { marketParameters, SNAPSHOT_COLUMNS } from './read-columns.js';

// The rows hanging off snapshots (skills, certifications, advice, a market's history, the tier
// table) are read by loaders that share one statement per tick: whichever of them are asked for
// in the same turn of the event loop become the branches of one UNION ALL, each returning one
// JSON array per key, shaped in PostgreSQL as the graph needs it (decimals as text, never floats).
// A snapshot with everything asked for costs one round trip instead of four.

/** One kind of related rows: SQL over its keys' parameters, yielding (i, rows) per 1-based key ordinal i. */
interface Part<Key> {
  /** A short code: a statement is named by the codes of its parts, within PostgreSQL's 63 characters. */
  name: string;
  parameters(keys: readonly Key[]): unknown[];
  /** A SELECT of `i` and `rows` (a json array); `$${first}`… are its parameters. */
  sql(first: number): string;
  cacheKeyFn?: (key: Key) => string;
}

interface Pending {
  part: number;
  keys: readonly unknown[];
  settle: (rowsByOrdinal: Map<number, unknown[]>) => void;
  fail: (error: unknown) => void;
}

const statementName = (codes: string[]) => `paygraph_related_${codes.join('_')}`;

/** Collects the loads of one tick into one statement. */
class RelatedRowsReader {
  private pending: Pending[] | undefined;

  constructor(
    private readonly read: SqlReader,
    private readonly parts: Part<unknown>[],
  ) {}

  load(part: number, keys: readonly unknown[]): Promise<Map<number, unknown[]>> {
    return new Promise((settle, fail) => {
      if (!this.pending) {
        this.pending = [];
        // DataLoaders asked in the same tick all dispatch in the tick queue before this runs.
        process.nextTick(() => void this.run());
      }
      this.pending.push({ part, keys, settle, fail });
    });
  }

  private async run() {
    const batch = this.pending!.sort((a, b) => a.part - b.part);
    this.pending = undefined;
    const values: unknown[] = [];
    const branches = batch.map(({ part, keys }, index) => {
      const sql = this.parts[part]!.sql(values.length + 1);
      values.push(...this.parts[part]!.parameters(keys));
      return `SELECT ${index} AS branch, b.i::int AS i, b.rows FROM (${sql}) b`;
    });
    // Named by the set of parts, so each combination is prepared once per connection.
    const name = statementName(batch.map(({ part }) => this.parts[part]!.name));
    try {
      const rows = await this.read<{ branch: number; i: number; rows: unknown[] }>({ name, text: branches.join('\nUNION ALL\n') }, values);
      const byBranch = batch.map(() => new Map<number, unknown[]>());
      for (const row of rows) byBranch[row.branch]!.set(row.i, row.rows);
      batch.forEach((pending, index) => pending.settle(byBranch[index]!));
    } catch (error) {
      for (const pending of batch) pending.fail(error);
    }
  }
}

/** `rows` as a json array ordered by `order`, of one key `k` (a row of `keys` WITH ORDINALITY AS k(…, i)). */
const perKey = (keys: string, from: string, element: string, order: string) =>
  `SELECT k.i, json_agg(${element} ORDER BY ${order}) AS rows FROM ${keys} ${from} GROUP BY k.i`;

type MarketPeriod = { countryId: number; roleId: number; period: string };
type MarketAtPeriod = MarketKey & { period: string };

/** Market keys unnested from `$first`… as `k` (with `period` too when `withPeriod`). */
const marketKeys = (first: number, withPeriod = false) =>
  withPeriod
    ? `unnest($${first}::int[], $${first + 1}::int[], $${first + 2}::"ExperienceLevel"[], $${first + 3}::text[]) WITH ORDINALITY AS k(country_id, role_id, level, period, i)`
    : `unnest($${first}::int[], $${first + 1}::int[], $${first + 2}::"ExperienceLevel"[]) WITH ORDINALITY AS k(country_id, role_id, level, i)`;
/** k's market's snapshots as `s` (only k's period's with `atPeriod`). */
const snapshotsOfK = (atPeriod = false) =>
  `CROSS JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshot ms WHERE ms.country_id = k.country_id AND ms.role_id = k.role_id AND ms.level = k.level${atPeriod ? ' AND ms.period = k.period' : ''}) s`;

const snapshotIds = (first: number) => `unnest($${first}::int[]) WITH ORDINALITY AS k(snapshot_id, i)`;

/** The figures of a priced skill or certification entry `e` (PricedEntry). */
const pricedEntry = (e: string) =>
  `'rank', ${e}.rank, 'premiumPercent', ${e}.premium_percent::text, 'sampleSize', ${e}.sample_size, 'prevalence', ${e}.prevalence::text, 'median', ${e}.median::text, 'origin', ${e}.origin`;
/** Ranked entries first, then the unranked (thin) ones in the order the rebuild would rank them. */
export const pricedEntryOrder = (e: string, catalogue: string) =>
  `${e}.rank NULLS LAST, ${e}.premium_percent DESC NULLS LAST, ${e}.sample_size DESC NULLS LAST, lower(${catalogue}.name) COLLATE "C"`;

const PARTS = {
  skills: {
    name: 'sk',
    parameters: (ids: readonly number[]) => [ids],
    sql: (first: number) =>
      perKey(
        snapshotIds(first),
        'JOIN snapshot_skill ss ON ss.snapshot_id = k.snapshot_id JOIN skill s ON s.id = ss.skill_id',
        `json_build_object(${pricedEntry('ss')}, 'skill', json_build_object('id', s.id, 'name', s.name, 'category', s.category))`,
        pricedEntryOrder('ss', 's'),
      ),
  } satisfies Part<number>,
  certifications: {
    name: 'ce',
    parameters: (ids: readonly number[]) => [ids],
    sql: (first: number) =>
      perKey(
        snapshotIds(first),
        'JOIN snapshot_certification sc ON sc.snapshot_id = k.snapshot_id JOIN certification c ON c.id = sc.certification_id',
        `json_build_object(${pricedEntry('sc')}, 'certification', json_build_object('id', c.id, 'name', c.name, 'issuer', c.issuer))`,
        pricedEntryOrder('sc', 'c'),
      ),
  } satisfies Part<number>,
  advice: {
    name: 'ad',
    parameters: (ids: readonly number[]) => [ids],
    sql: (first: number) =>
      perKey(
        snapshotIds(first),
        'JOIN advice a ON a.snapshot_id = k.snapshot_id',
        `json_build_object('id', a.id, 'category', a.category, 'position', a.position, 'title', a.title, 'body', a.body)`,
        'a.position, a.id',
      ),
  } satisfies Part<number>,
  /** A market's snapshots, newest period first. */
  history: {
    name: 'hi',
    parameters: marketParameters,
    sql: (first: number) => perKey(marketKeys(first), snapshotsOfK(), 's', 's.period DESC'),
    cacheKeyFn: (key: MarketKey) => `${key.countryId}:${key.roleId}:${key.level}`,
  } satisfies Part<MarketKey>,
  /** A market's snapshot at one period (none or one). */
  atPeriods: {
    name: 'ap',
    parameters: (keys: readonly MarketAtPeriod[]) => [...marketParameters(keys), keys.map((key) => key.period)],
    sql: (first: number) => perKey(marketKeys(first, true), snapshotsOfK(true), 's', 's.id'),
    cacheKeyFn: (key: MarketAtPeriod) => `${key.countryId}:${key.roleId}:${key.level}:${key.period}`,
  } satisfies Part<MarketAtPeriod>,
  /** The sources of a market (country × role × period: every level shares them), by source key. */
  sources: {
    name: 'so',
    parameters: (keys: readonly MarketPeriod[]) => [keys.map((key) => key.countryId), keys.map((key) => key.roleId), keys.map((key) => key.period)],
    sql: (first: number) =>
      perKey(
        `unnest($${first}::int[], $${first + 1}::int[], $${first + 2}::text[]) WITH ORDINALITY AS k(country_id, role_id, period, i)`,
        `JOIN market_source ms ON ms.country_id = k.country_id AND ms.role_id = k.role_id AND ms.period = k.period
         LEFT JOIN source_licence l ON l.source_key = ms.source_key`,
        `json_build_object('name', ms.source_key, 'licence', l.licence, 'url', l.url)`,
        'ms.source_key',
      ),
    cacheKeyFn: (key: MarketPeriod) => `${key.countryId}:${key.roleId}:${key.period}`,
  } satisfies Part<MarketPeriod>,
  /** The tier table is small and shared by every snapshot: one key. */
  premiumTiers: {
    name: 'ti',
    parameters: () => [],
    sql: () =>
      `SELECT 1 AS i, json_agg(json_build_object('tier', tier, 'label', label, 'category', category, 'minPercent', min_percent::text, 'maxPercent', max_percent::text) ORDER BY min_percent, tier) AS rows FROM premium_tier HAVING count(*) > 0`,
  } satisfies Part<'all'>,
};

type PartName = keyof typeof PARTS;

// PostgreSQL cuts longer names to 63 characters, and two statements cut alike would collide.
if (statementName(Object.values(PARTS).map((part) => part.name)).length > 63) throw new Error('related-rows part codes make a statement name over 63 characters');

/**
 * Per-request loaders of the rows related to snapshots, by the names `createLoaders` has always
 * given them; loads made in the same tick share one SQL statement.
 */
export function createRelatedRowLoaders(read: SqlReader) {
  const names = Object.keys(PARTS) as PartName[];
  const reader = new RelatedRowsReader(read, names.map((name) => PARTS[name] as Part<unknown>));
  /** A loader of each key's rows, `pick`ed (all of them, unless told otherwise). */
  const loader = <Key, Row, Value = Row[]>(name: PartName, pick: (rows: Row[]) => Value = (rows) => rows as Value) => {
    const { cacheKeyFn } = PARTS[name] as Part<Key>;
    return new DataLoader<Key, Value, unknown>(
      async (keys) => {
        const rows = await reader.load(names.indexOf(name), keys);
        return keys.map((_, index) => pick((rows.get(index + 1) ?? []) as Row[]));
      },
      cacheKeyFn ? { cacheKeyFn } : {},
    );
  };
  return {
    skillsOfSnapshot: loader<number, SkillEntry>('skills'),
    certificationsOfSnapshot: loader<number, CertificationEntry>('certifications'),
    adviceOfSnapshot: loader<number, Advice>('advice'),
    marketHistory: loader<MarketKey, SnapshotRow>('history'),
    snapshotAtPeriod: loader<MarketAtPeriod, SnapshotRow, SnapshotRow | null>('atPeriods', (rows) => rows[0] ?? null),
    sourcesOfMarket: loader<MarketPeriod, DataSourceRow>('sources'),
    premiumTiers: loader<'all', StoredPremiumTier>('premiumTiers'),
  };
}
