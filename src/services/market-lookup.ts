import DataLoader from 'dataloader';
import type { SqlReader } from '../db/client.js';
import { COUNTRY_COLUMNS, ROLE_COLUMNS, SNAPSHOT_COLUMNS } from './read-columns.js';
import type { CountryRow, ExperienceLevel, MarketKey, RoleRow, SnapshotRow } from './read-rows.js';

/** A market named as a caller names it: codes normalised, the period null for the latest. */
export interface MarketRequest {
  countryCode: string;
  roleSlug: string;
  level: ExperienceLevel;
  period: string | null;
}

/** The country, the role and the market's snapshot (at the period, else its latest); null where there is none. */
export interface MarketLookup {
  country: CountryRow | null;
  role: RoleRow | null;
  snapshot: SnapshotRow | null;
}

/** The loaders a lookup fills, so that later reads of the same rows in the request cost nothing. */
interface PrimedLoaders {
  countryByCode: DataLoader<string, CountryRow | null, string>;
  countryById: DataLoader<number, CountryRow | null, number>;
  roleBySlug: DataLoader<string, RoleRow | null, string>;
  roleById: DataLoader<number, RoleRow | null, number>;
  snapshotById: DataLoader<number, SnapshotRow | null, number>;
  latestSnapshot: DataLoader<MarketKey, SnapshotRow | null, string>;
  snapshotAtPeriod: DataLoader<MarketKey & { period: string }, SnapshotRow | null, string>;
}

// Country, role and snapshot in one round trip: three index probes per market, the rows as JSON
// (a whole-row reference to an unmatched outer join is NULL, so a missing one reads as null).
const MARKETS_STATEMENT = {
  name: 'paygraph_markets',
  text: `SELECT k.i::int AS i, to_json(c) AS country, to_json(r) AS role, to_json(s) AS snapshot
    FROM unnest($1::text[], $2::text[], $3::"ExperienceLevel"[], $4::text[]) WITH ORDINALITY AS k(code, slug, level, period, i)
    LEFT JOIN LATERAL (SELECT ${COUNTRY_COLUMNS} FROM country WHERE code = k.code) c ON true
    LEFT JOIN LATERAL (SELECT ${ROLE_COLUMNS} FROM role WHERE slug = k.slug) r ON true
    LEFT JOIN LATERAL (
      SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshot ms
      WHERE ms.country_id = c.id AND ms.role_id = r.id AND ms.level = k.level AND (k.period IS NULL OR ms.period = k.period)
      ORDER BY ms.period DESC LIMIT 1
    ) s ON true`,
};

/** A per-request loader of markets by country code and role slug, filling `loaders` with what it reads. */
export function createMarketLookup(read: SqlReader, loaders: PrimedLoaders) {
  const prime = (request: MarketRequest, { country, role, snapshot }: MarketLookup) => {
    if (country) loaders.countryByCode.prime(country.code, country);
    if (country) loaders.countryById.prime(country.id, country);
    if (role) loaders.roleBySlug.prime(role.slug, role);
    if (role) loaders.roleById.prime(role.id, role);
    if (!country || !role) return;
    const market = { countryId: country.id, roleId: role.id, level: request.level };
    if (request.period === null) loaders.latestSnapshot.prime(market, snapshot);
    else loaders.snapshotAtPeriod.prime({ ...market, period: request.period }, snapshot);
    if (snapshot) loaders.snapshotById.prime(snapshot.id, snapshot);
  };
  return new DataLoader<MarketRequest, MarketLookup, string>(
    async (requests) => {
      const rows = await read<{ i: number } & MarketLookup>(MARKETS_STATEMENT, [
        requests.map((request) => request.countryCode),
        requests.map((request) => request.roleSlug),
        requests.map((request) => request.level),
        requests.map((request) => request.period),
      ]);
      const byOrdinal = new Map(rows.map(({ i, country, role, snapshot }) => [i, { country, role, snapshot }]));
      return requests.map((request, index) => {
        const lookup = byOrdinal.get(index + 1)!;
        prime(request, lookup);
        return lookup;
      });
    },
    { cacheKeyFn: (request) => `${request.countryCode}:${request.roleSlug}:${request.level}:${request.period ?? ''}` },
  );
}
