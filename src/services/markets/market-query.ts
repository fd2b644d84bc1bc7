import { createHash } from 'node:crypto';
import type { ConfidenceLevel } from '../../domain/confidence.js';
import type { Statement } from '../../db/client.js';
import { SNAPSHOT_COLUMNS } from '../read-columns.js';
import type { ExperienceLevel } from '../read-rows.js';

export type MarketOrderField = 'MEDIAN' | 'P90' | 'GROWTH_PERCENT' | 'SAMPLE_SIZE' | 'ROLE_TITLE' | 'COUNTRY_NAME';
export type SortDirection = 'ASC' | 'DESC';

export interface MarketOrder {
  field: MarketOrderField;
  direction: SortDirection;
}

/** Which markets a connection holds; every condition is optional except the level. */
export interface MarketFilter {
  countryCodes?: readonly string[] | null;
  roleSlugs?: readonly string[] | null;
  categories?: readonly string[] | null;
  level: ExperienceLevel;
  /** Null: each market's latest period. */
  period?: string | null;
  minSampleSize?: number | null;
  minConfidence?: ConfidenceLevel | null;
  /** Bounds of the median, in the compared currency (decimal strings). */
  median?: { min?: string | null; max?: string | null } | null;
  /** Skill names: markets where each of them has a premium. */
  skills?: readonly string[] | null;
}

/** What the rows are partitioned by: one connection for all markets, or one per country or role. */
export type MarketScope = 'ALL' | 'COUNTRY' | 'ROLE';

/** A market query in canonical form (codes upper-cased, the currency checked), without its page. */
export interface MarketQuery {
  scope: MarketScope;
  filter: MarketFilter;
  orderBy: readonly MarketOrder[];
  /** The currency medians are compared in; null: each market's own. */
  currency: string | null;
}

export const AMOUNT_ORDER_FIELDS: ReadonlySet<MarketOrderField> = new Set(['MEDIAN', 'P90']);

/** Whether the query compares amounts, which is meaningless across currencies unless converted. */
export const comparesAmounts = (query: MarketQuery) => query.orderBy.some((order) => AMOUNT_ORDER_FIELDS.has(order.field)) || Boolean(query.filter.median?.min ?? query.filter.median?.max);

const ORDER_EXPRESSIONS: Record<MarketOrderField, string> = {
  MEDIAN: 'compared_median',
  P90: 'compared_p90',
  GROWTH_PERCENT: 'growth',
  SAMPLE_SIZE: '"sampleSize"',
  // Byte order: the same on every server, whatever its locale.
  ROLE_TITLE: '"roleTitle" COLLATE "C"',
  COUNTRY_NAME: '"countryName" COLLATE "C"',
};

const SCOPE_COLUMNS: Record<MarketScope, string> = { ALL: '0', COUNTRY: 'country_id', ROLE: 'role_id' };

/** Identifies a query (not its page), so a cursor is only taken by the query that issued it. */
export function queryFingerprint(query: MarketQuery): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
}

/** Parameters in the order the statement numbers them. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/**
 * The conversions of the markets' (currency, period) pairs into `target`, chosen as
 * ExchangeRateService.convert chooses them: the rates of the nearest year to the market's (the
 * earlier year on a tie), relating the two currencies through a common base directly, inversely
 * or across.
 */
function conversionsCte(target: string): string {
  return `conversions AS (
    SELECT DISTINCT ON (p.currency_code, p.period) p.currency_code, p.period, candidate.period AS rate_period,
           coalesce(origin.rate, 1) AS origin_rate, coalesce(goal.rate, 1) AS target_rate,
           least(origin.sample_size, goal.sample_size) AS rate_sample_size,
           concat_ws('; ', origin.base_currency || '→' || origin.currency_code || ': ' || origin.source,
                           goal.base_currency || '→' || goal.currency_code || ': ' || goal.source) AS rate_source
    FROM (SELECT DISTINCT "currencyCode" AS currency_code, period FROM filtered WHERE "currencyCode" <> ${target}) p
    CROSS JOIN (SELECT DISTINCT base_currency, period FROM exchange_rate) candidate
    LEFT JOIN exchange_rate origin ON origin.base_currency = candidate.base_currency AND origin.currency_code = p.currency_code AND origin.period = candidate.period
    LEFT JOIN exchange_rate goal ON goal.base_currency = candidate.base_currency AND goal.currency_code = ${target} AND goal.period = candidate.period
    WHERE (p.currency_code = candidate.base_currency OR origin.id IS NOT NULL)
      AND (${target} = candidate.base_currency OR goal.id IS NOT NULL)
    ORDER BY p.currency_code, p.period, abs(left(candidate.period, 4)::int - left(p.period, 4)::int),
             left(candidate.period, 4)::int, candidate.period, candidate.base_currency
  )`;
}

/**
 * ONE statement for the pages of a market query in each of the scopes $1 (a single 0 for scope
 * ALL): the filtered markets, their medians converted at the stored rates, ordered with the
 * snapshot id as the last key (a total order, so offsets never repeat or skip a market), the
 * rows at positions offset + 1 … offset + first + 1 of each scope (one more than the page tells
 * whether another follows), and per scope the total, the markets left out for lack of a rate
 * and the currencies the filtered markets are in. A scope with no row still has one (its page
 * columns null), so its counts arrive.
 */
export function marketPageStatement(query: MarketQuery, scopes: readonly number[], offset: number, first: number): { statement: Statement; values: unknown[] } {
  const { filter, currency } = query;
  const parameters = new Parameters();
  const scopeIds = parameters.add(scopes, 'int[]');
  const scopeColumn = SCOPE_COLUMNS[query.scope];

  const snapshotConditions = [`level = ${parameters.add(filter.level, '"ExperienceLevel"')}`];
  if (query.scope !== 'ALL') snapshotConditions.push(`${scopeColumn} = ANY(${scopeIds})`);
  if (filter.countryCodes) snapshotConditions.push(`country_id IN (SELECT id FROM country WHERE code = ANY(${parameters.add(filter.countryCodes, 'text[]')}))`);
  if (filter.roleSlugs) snapshotConditions.push(`role_id IN (SELECT id FROM role WHERE slug = ANY(${parameters.add(filter.roleSlugs, 'text[]')}))`);
  if (filter.categories) snapshotConditions.push(`role_id IN (SELECT id FROM role WHERE category = ANY(${parameters.add(filter.categories, 'text[]')}))`);
  if (filter.period) snapshotConditions.push(`period = ${parameters.add(filter.period, 'text')}`);

  const marketConditions: string[] = [];
  // The latest period is each market's own, chosen before the other conditions: a market whose
  // latest snapshot is too small is left out, not answered with an older one.
  if (!filter.period) marketConditions.push('s.period = s.latest_period');
  if (filter.minSampleSize) marketConditions.push(`s.sample_size >= ${parameters.add(filter.minSampleSize, 'int')}`);
  if (filter.skills) {
    marketConditions.push(`NOT EXISTS (
      SELECT FROM unnest(${parameters.add(filter.skills.map((name) => name.toLowerCase()), 'text[]')}) AS wanted(name)
      WHERE NOT EXISTS (SELECT FROM snapshot_skill ss JOIN skill ON skill.id = ss.skill_id
                        WHERE ss.snapshot_id = s.id AND ss.premium_percent IS NOT NULL AND lower(skill.name) = wanted.name))`);
  }

  const target = currency === null ? null : parameters.add(currency, 'text');
  const converted = (column: string) => (target ? `CASE WHEN f."currencyCode" = ${target} THEN f.${column} ELSE round(f.${column} * cv.target_rate / cv.origin_rate, 2) END` : `f.${column}`);
  const convertible = target ? `(f."currencyCode" = ${target} OR cv.rate_period IS NOT NULL)` : 'true';

  const keptConditions = ['convertible'];
  if (filter.median?.min) keptConditions.push(`compared_median >= ${parameters.add(filter.median.min, 'numeric')}`);
  if (filter.median?.max) keptConditions.push(`compared_median <= ${parameters.add(filter.median.max, 'numeric')}`);

  const order = [...query.orderBy.map(({ field, direction }) => `${ORDER_EXPRESSIONS[field]} ${direction} NULLS LAST`), 'id ASC'].join(', ');
  const from = parameters.add(offset, 'int');
  const through = parameters.add(offset + first + 1, 'int');

  // Narrow rows until the page is known: only the page's rows read every column of their snapshot.
  const text = `WITH snapshots AS (
    SELECT id, country_id, role_id, period, currency_code, sample_size, median, p90, projected_median, ${scopeColumn} AS scope
           ${filter.period ? '' : ', max(period) OVER (PARTITION BY country_id, role_id) AS latest_period'}
    FROM market_snapshot WHERE ${snapshotConditions.join(' AND ')}
  ),
  filtered AS (
    SELECT s.id, s.scope, s.period, s.currency_code AS "currencyCode", s.sample_size AS "sampleSize", s.median AS median_value,
           s.p90 AS p90_value, s.projected_median AS projected_value, c.name AS "countryName", r.title AS "roleTitle"
    FROM snapshots s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id
    ${marketConditions.length ? `WHERE ${marketConditions.join(' AND ')}` : ''}
  ),
  ${target ? `${conversionsCte(target)},` : ''}
  compared AS (
    SELECT f.*, ${convertible} AS convertible, ${converted('median_value')} AS compared_median, ${converted('p90_value')} AS compared_p90,
           (f.projected_value - f.median_value) / f.median_value AS growth,
           ${target ? 'cv.rate_period, cv.rate_source, cv.rate_sample_size, round(cv.target_rate / cv.origin_rate, 10) AS rate' : 'NULL::text AS rate_period, NULL::text AS rate_source, NULL::int AS rate_sample_size, NULL::numeric AS rate'}
    FROM filtered f ${target ? 'LEFT JOIN conversions cv ON cv.currency_code = f."currencyCode" AND cv.period = f.period' : ''}
  ),
  ranked AS (
    SELECT k.*, row_number() OVER (PARTITION BY scope ORDER BY ${order}) AS "position"
    FROM compared k WHERE ${keptConditions.join(' AND ')}
  ),
  summary AS (
    SELECT scope, array_agg(DISTINCT "currencyCode" ORDER BY "currencyCode") AS currencies,
           count(*) FILTER (WHERE ${keptConditions.join(' AND ')})::int AS total,
           count(*) FILTER (WHERE NOT convertible)::int AS left_out,
           coalesce(array_agg(DISTINCT "currencyCode" ORDER BY "currencyCode") FILTER (WHERE NOT convertible), '{}') AS left_out_currencies
    FROM compared GROUP BY scope
  )
  SELECT sc.id AS "scopeId", coalesce(sm.currencies, '{}') AS "scopeCurrencies", coalesce(sm.left_out, 0) AS "leftOut",
         coalesce(sm.left_out_currencies, '{}') AS "leftOutCurrencies", coalesce(sm.total, 0) AS "totalCount",
         rk."position"::int AS "position", rk.compared_median::text AS "comparedMedian", rk.compared_p90::text AS "comparedP90",
         rk.rate::text AS rate, rk.rate_period AS "ratePeriod", rk.rate_source AS "rateSource", rk.rate_sample_size AS "rateSampleSize",
         snapshot.*, c.code AS "countryCode", c.name AS "countryName", c.currency_code AS "countryCurrencyCode",
         r.slug AS "roleSlug", r.title AS "roleTitle", r.category AS "roleCategory"
  FROM unnest(${scopeIds}) AS sc(id)
  LEFT JOIN summary sm ON sm.scope = sc.id
  LEFT JOIN ranked rk ON rk.scope = sc.id AND rk."position" > ${from} AND rk."position" <= ${through}
  LEFT JOIN LATERAL (SELECT ${SNAPSHOT_COLUMNS} FROM market_snapshot WHERE market_snapshot.id = rk.id) snapshot ON true
  LEFT JOIN country c ON c.id = snapshot."countryId"
  LEFT JOIN role r ON r.id = snapshot."roleId"
  ORDER BY sc.id, rk."position"`;
  return { statement: { name: `paygraph_markets_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text }, values: parameters.values };
}
