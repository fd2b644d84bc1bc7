import DataLoader from 'dataloader';
import type { SqlReader, Statement } from '../db/client.js';
import { createMarketLookup } from './market-lookup.js';
import { COUNTRY_COLUMNS, latestSnapshotQuery, marketParameters, ROLE_COLUMNS, SNAPSHOT_COLUMNS } from './read-columns.js';
import type { CountryRow, MarketKey, SnapshotRow, RoleRow } from './read-rows.js';
import { createRelatedRowLoaders } from './related-rows.js';

// The read paths bypass Prisma: hand-written statements, prepared once per connection, return
// rows shaped as the graph needs them (decimals as PostgreSQL prints them), with no mapping layer.

/** One row `m` per market of the parallel arrays $1 (country ids), $2 (role ids), $3 (levels). */
const MARKETS = `unnest($1::int[], $2::int[], $3::"ExperienceLevel"[]) AS m(country_id, role_id, level)`;

const statement = (name: string, text: string): Statement => ({ name: `paygraph_${name}`, text });

const STATEMENTS = {
  countriesByCode: statement('countries_by_code', `SELECT ${COUNTRY_COLUMNS} FROM country WHERE code = ANY($1::text[])`),
  countriesById: statement('countries_by_id', `SELECT ${COUNTRY_COLUMNS} FROM country WHERE id = ANY($1::int[])`),
  rolesBySlug: statement('roles_by_slug', `SELECT ${ROLE_COLUMNS} FROM role WHERE slug = ANY($1::text[])`),
  rolesById: statement('roles_by_id', `SELECT ${ROLE_COLUMNS} FROM role WHERE id = ANY($1::int[])`),
  snapshotsById: statement('snapshots_by_id', `SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshot WHERE id = ANY($1::int[])`),
  // A page of latest snapshots as one JSON array: one value to parse instead of 21 columns a row.
  latestSnapshots: statement(
    'latest_snapshots_json',
    `SELECT coalesce(json_agg(s), '[]') AS rows FROM ${MARKETS} CROSS JOIN LATERAL (${latestSnapshotQuery('m.country_id', 'm.role_id', 'm.level')}) s`,
  ),
};

const marketKeyOf = (key: MarketKey) => `${key.countryId}:${key.roleId}:${key.level}`;

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

/**
 * Per-request batch loaders: every relation the graph walks is fetched with one query per
 * level of the selection, however many parents ask.
 */
export function createLoaders(read: SqlReader) {
  const loaders = {
    countryByCode: rowLoader((codes: readonly string[]) => read<CountryRow>(STATEMENTS.countriesByCode, [codes]), (row) => row.code),
    countryById: rowLoader((ids: readonly number[]) => read<CountryRow>(STATEMENTS.countriesById, [ids]), (row) => row.id),
    roleBySlug: rowLoader((slugs: readonly string[]) => read<RoleRow>(STATEMENTS.rolesBySlug, [slugs]), (row) => row.slug),
    roleById: rowLoader((ids: readonly number[]) => read<RoleRow>(STATEMENTS.rolesById, [ids]), (row) => row.id),
    snapshotById: rowLoader((ids: readonly number[]) => read<SnapshotRow>(STATEMENTS.snapshotsById, [ids]), (row) => row.id),
    /** A market's most recent snapshot. */
    latestSnapshot: rowLoader(
      async (keys: readonly MarketKey[]) => (await read<{ rows: SnapshotRow[] }>(STATEMENTS.latestSnapshots, marketParameters(keys)))[0]!.rows,
      marketKeyOf,
      marketKeyOf,
    ),
    ...createRelatedRowLoaders(read),
  };
  return { ...loaders, market: createMarketLookup(read, loaders) };
}

export type Loaders = ReturnType<typeof createLoaders>;
