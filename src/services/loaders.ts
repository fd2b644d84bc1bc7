import DataLoader from 'dataloader';
import type { SqlReader, Statement } from '../db/client.js';
import type { Advice, CertificationEntry, CountryRow, MarketKey, SnapshotRow, StoredPremiumTier, RoleRow, SkillEntry } from './read-rows.js';

// The read paths bypass Prisma: hand-written statements, prepared once per connection, return
// rows shaped as the graph needs them (decimals as PostgreSQL prints them), with no mapping layer.

const COUNTRY_COLUMNS = 'id, code, name, currency_code AS "currencyCode"';
const ROLE_COLUMNS = 'id, slug, title, category';
/** A market_snapshot row as a SnapshotRow (unqualified: select them from market_snapshot alone). */
export const SNAPSHOT_COLUMNS = `id, country_id AS "countryId", role_id AS "roleId", level, period,
  currency_code AS "currencyCode", sample_size AS "sampleSize", median::text, mean::text,
  p10::text, p25::text, p75::text, p90::text, median_ci_lower::text AS "medianCiLower",
  median_ci_upper::text AS "medianCiUpper", projected_median::text AS "projectedMedian",
  projection_method AS "projectionMethod", projection_periods AS "projectionPeriods",
  as_of::text AS "asOf", source, provenance`;
/** One row `m` per market of the parallel arrays $1 (country ids), $2 (role ids), $3 (levels). */
const MARKETS = `unnest($1::int[], $2::int[], $3::"ExperienceLevel"[]) AS m(country_id, role_id, level)`;
/** m's snapshots, read through the market's unique index (one index probe per market). */
const SNAPSHOTS_OF_M = `FROM market_snapshot ms WHERE ms.country_id = m.country_id AND ms.role_id = m.role_id AND ms.level = m.level`;

const statement = (name: string, text: string): Statement => ({ name: `paygraph_${name}`, text });

const STATEMENTS = {
  countriesByCode: statement('countries_by_code', `SELECT ${COUNTRY_COLUMNS} FROM country WHERE code = ANY($1::text[])`),
  countriesById: statement('countries_by_id', `SELECT ${COUNTRY_COLUMNS} FROM country WHERE id = ANY($1::int[])`),
  rolesBySlug: statement('roles_by_slug', `SELECT ${ROLE_COLUMNS} FROM role WHERE slug = ANY($1::text[])`),
  rolesById: statement('roles_by_id', `SELECT ${ROLE_COLUMNS} FROM role WHERE id = ANY($1::int[])`),
  snapshotsById: statement('snapshots_by_id', `SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshot WHERE id = ANY($1::int[])`),
  latestSnapshots: statement(
    'latest_snapshots',
    `SELECT s.* FROM ${MARKETS} CROSS JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} ${SNAPSHOTS_OF_M} ORDER BY period DESC LIMIT 1) s`,
  ),
  marketHistories: statement('market_histories', `SELECT s.* FROM ${MARKETS} CROSS JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} ${SNAPSHOTS_OF_M}) s ORDER BY s.period DESC`),
  snapshotsAtPeriods: statement(
    'snapshots_at_periods',
    `SELECT s.* FROM unnest($1::int[], $2::int[], $3::"ExperienceLevel"[], $4::text[]) AS m(country_id, role_id, level, period)
     CROSS JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} ${SNAPSHOTS_OF_M} AND ms.period = m.period) s`,
  ),
  skills: statement(
    'snapshot_skills',
    `SELECT ss.snapshot_id AS "snapshotId", ss.rank, ss.premium_percent::text AS "premiumPercent", s.id, s.name, s.category
     FROM snapshot_skill ss JOIN skill s ON s.id = ss.skill_id
     WHERE ss.snapshot_id = ANY($1::int[]) ORDER BY ss.rank`,
  ),
  certifications: statement(
    'snapshot_certifications',
    `SELECT sc.snapshot_id AS "snapshotId", sc.rank, sc.premium_percent::text AS "premiumPercent", c.id, c.name, c.issuer
     FROM snapshot_certification sc JOIN certification c ON c.id = sc.certification_id
     WHERE sc.snapshot_id = ANY($1::int[]) ORDER BY sc.rank`,
  ),
  advice: statement(
    'snapshot_advice',
    `SELECT snapshot_id AS "snapshotId", id, category, position, title, body FROM advice
     WHERE snapshot_id = ANY($1::int[]) ORDER BY position, id`,
  ),
  premiumTiers: statement(
    'premium_tiers',
    `SELECT tier, label, category, min_percent::text AS "minPercent", max_percent::text AS "maxPercent"
     FROM premium_tier ORDER BY min_percent, tier`,
  ),
};

const marketKeyOf = (key: MarketKey) => `${key.countryId}:${key.roleId}:${key.level}`;
const periodKeyOf = (key: MarketKey & { period: string }) => `${marketKeyOf(key)}:${key.period}`;

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The markets as the three parallel arrays `MARKETS` unnests. */
const marketColumns = (keys: readonly MarketKey[]) => [keys.map((key) => key.countryId), keys.map((key) => key.roleId), keys.map((key) => key.level)];

/** A loader of one row per key, matched by `keyOf` (null for a key with no row). */
function rowLoader<Key, Row, CacheKey = Key>(load: (keys: readonly Key[]) => Promise<Row[]>, keyOfRow: (row: Row) => CacheKey, cacheKeyFn?: (key: Key) => CacheKey) {
  return new DataLoader<Key, Row | null, CacheKey>(
    async (keys) => {
      const rows = new Map((await load(keys)).map((row) => [keyOfRow(row), row]));
      return keys.map((key) => rows.get(cacheKeyFn ? cacheKeyFn(key) : (key as unknown as CacheKey)) ?? null);
    },
    cacheKeyFn ? { cacheKeyFn } : {},
  );
}

/** A loader of a list of rows per snapshot id. */
function perSnapshotLoader<Row extends { snapshotId: number }, Entry>(read: SqlReader, sql: Statement, toEntry: (row: Row) => Entry) {
  return new DataLoader<number, Entry[]>(async (snapshotIds) => {
    const groups = groupBy(await read<Row>(sql, [snapshotIds]), (row) => row.snapshotId);
    return snapshotIds.map((id) => (groups.get(id) ?? []).map(toEntry));
  });
}

/**
 * Per-request batch loaders: every relation the graph walks is fetched with one query per
 * level of the selection, however many parents ask.
 */
export function createLoaders(read: SqlReader) {
  return {
    countryByCode: rowLoader((codes: readonly string[]) => read<CountryRow>(STATEMENTS.countriesByCode, [codes]), (row) => row.code),
    countryById: rowLoader((ids: readonly number[]) => read<CountryRow>(STATEMENTS.countriesById, [ids]), (row) => row.id),
    roleBySlug: rowLoader((slugs: readonly string[]) => read<RoleRow>(STATEMENTS.rolesBySlug, [slugs]), (row) => row.slug),
    roleById: rowLoader((ids: readonly number[]) => read<RoleRow>(STATEMENTS.rolesById, [ids]), (row) => row.id),
    snapshotById: rowLoader((ids: readonly number[]) => read<SnapshotRow>(STATEMENTS.snapshotsById, [ids]), (row) => row.id),
    /** A market's most recent snapshot. */
    latestSnapshot: rowLoader((keys: readonly MarketKey[]) => read<SnapshotRow>(STATEMENTS.latestSnapshots, marketColumns(keys)), marketKeyOf, marketKeyOf),
    /** A market's snapshots, newest period first. */
    marketHistory: new DataLoader<MarketKey, SnapshotRow[], string>(
      async (keys) => {
        const histories = groupBy(await read<SnapshotRow>(STATEMENTS.marketHistories, marketColumns(keys)), marketKeyOf);
        return keys.map((key) => histories.get(marketKeyOf(key)) ?? []);
      },
      { cacheKeyFn: marketKeyOf },
    ),
    snapshotAtPeriod: rowLoader(
      (keys: readonly (MarketKey & { period: string })[]) => read<SnapshotRow>(STATEMENTS.snapshotsAtPeriods, [...marketColumns(keys), keys.map((key) => key.period)]),
      periodKeyOf,
      periodKeyOf,
    ),
    skillsOfSnapshot: perSnapshotLoader(
      read,
      STATEMENTS.skills,
      ({ rank, premiumPercent, id, name, category }: { snapshotId: number; rank: number; premiumPercent: string | null; id: number; name: string; category: string }): SkillEntry => ({
        rank,
        premiumPercent,
        skill: { id, name, category },
      }),
    ),
    certificationsOfSnapshot: perSnapshotLoader(
      read,
      STATEMENTS.certifications,
      ({ rank, premiumPercent, id, name, issuer }: { snapshotId: number; rank: number; premiumPercent: string | null; id: number; name: string; issuer: string }): CertificationEntry => ({
        rank,
        premiumPercent,
        certification: { id, name, issuer },
      }),
    ),
    adviceOfSnapshot: perSnapshotLoader(read, STATEMENTS.advice, ({ snapshotId: _snapshotId, ...advice }: Advice & { snapshotId: number }): Advice => advice),
    /** The tier table is small and shared by every snapshot: one query per request. */
    premiumTiers: new DataLoader<'all', StoredPremiumTier[]>(async (keys) => {
      const rows = await read<StoredPremiumTier>(STATEMENTS.premiumTiers, []);
      return keys.map(() => rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
