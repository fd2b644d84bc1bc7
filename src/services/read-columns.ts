import type { MarketKey } from './read-rows.js';

/** Column lists of the hand-written read statements: rows shaped as src/services/read-rows.ts types them. */

export const COUNTRY_COLUMNS = 'id, code, name, currency_code AS "currencyCode"';
export const ROLE_COLUMNS = 'id, slug, title, category';
/** market_snapshot's columns, read as `ms`. */
export const SNAPSHOT_COLUMNS = `id, country_id AS "countryId", role_id AS "roleId", level, period,
  currency_code AS "currencyCode", sample_size AS "sampleSize", median::text, mean::text,
  p10::text, p25::text, p75::text, p90::text, median_ci_lower::text AS "medianCiLower",
  median_ci_upper::text AS "medianCiUpper", projected_median::text AS "projectedMedian",
  projected_low::text AS "projectedLow", projected_high::text AS "projectedHigh", projection_horizon AS "projectionHorizon",
  projection_method AS "projectionMethod", projection_periods AS "projectionPeriods", projection_note AS "projectionNote",
  as_of::text AS "asOf", source, provenance`;

/** The latest snapshot (newest period) of the market given by the three SQL expressions, as one row of `columns`. */
export const latestSnapshotQuery = (countryId: string, roleId: string, level: string, columns = SNAPSHOT_COLUMNS) =>
  `SELECT ${columns} FROM market_snapshot ms WHERE ms.country_id = ${countryId} AND ms.role_id = ${roleId} AND ms.level = ${level} ORDER BY period DESC LIMIT 1`;

/** Markets as the three parallel parameter arrays (country ids, role ids, levels) the read statements unnest. */
export const marketParameters = (keys: readonly MarketKey[]) => [keys.map((key) => key.countryId), keys.map((key) => key.roleId), keys.map((key) => key.level)];
