import type pg from 'pg';
import { medianConfidenceInterval, supportedPercentiles } from '../../domain/percentiles.js';
import { isProjection, projectMedian, type MedianObservation } from '../../domain/projection.js';
import { convertWithRates, deriveExchangeRates, readStoredRates, type StoredRate } from '../exchange-rates/exchange-rates.js';
import { isValidAmount } from '../import/observation.js';
import { inTransaction, lockAgainstRebuild } from '../../db/transaction.js';
import { announceUpdatedMarkets } from './market-announcements.js';
import { priceSkillsAndCertifications } from './skill-premiums.js';

export interface RebuildSummary {
  /** Markets (country × role × period) recomputed. */
  markets: number;
  /** Snapshots written: one for all levels together and one per level present, per market. */
  snapshots: number;
  /** Exchange rates derived for the periods touched. */
  exchangeRates: number;
}

/**
 * Per sample size: the 1-based ranks of the 95 % median interval and which of P10/P25/P75/P90
 * the sample supports, as arrays for unnest(). The rules are the domain's
 * (medianConfidenceInterval, supportedPercentiles); SQL only applies them.
 */
function sampleSizeRules(sampleSizes: number[]) {
  const rules = sampleSizes.map((n) => ({ n, interval: medianConfidenceInterval(n), supported: new Set(supportedPercentiles(n)) }));
  return {
    n: rules.map((rule) => rule.n),
    lowerRank: rules.map((rule) => rule.interval?.lowerRank ?? null),
    upperRank: rules.map((rule) => rule.interval?.upperRank ?? null),
    p10: rules.map((rule) => rule.supported.has('P10')),
    p25: rules.map((rule) => rule.supported.has('P25')),
    p75: rules.map((rule) => rule.supported.has('P75')),
    p90: rules.map((rule) => rule.supported.has('P90')),
  };
}

/**
 * Recomputes the snapshots of every stale market (see StaleMarket) in one transaction, so the
 * snapshots never show a state the observations were not in:
 * 1. one grouped statement (GROUPING SETS: all levels together, and per level) computes n, the
 *    mean, P10–P90 with percentile_cont (linear interpolation between closest ranks) and keeps
 *    each group's sorted amounts (as float8, cheaper to sort than numeric and exact for
 *    NUMERIC(14,2): at most 14 significant digits, which float8 holds and casts back unchanged);
 * 2. the median interval's bounds are read off those at the order-statistic ranks, percentiles
 *    the sample cannot support are left null, and the result is upserted as COMPUTED snapshots
 *    dated the last day of their year (a snapshot stated by a source, IMPORTED, is never
 *    overwritten);
 * 3. exchange rates implied by the observations of the touched periods are derived again;
 * 4. every computed snapshot of the touched country × role pairs gets its projection from its
 *    own yearly medians up to its period (WEIGHTED_LINEAR_TREND, see projectMedian; medians in
 *    another currency converted at the stored rate of their period), or a note saying why none;
 * 5. the skills and certifications of every computed snapshot of the touched markets are priced
 *    from the observations that list them (skill-premiums.ts);
 * 6. the touched country × role markets are announced (see announceUpdatedMarkets), on commit.
 * A market whose observations are in several reporting currencies is described in the one
 * most of them use.
 */
export async function rebuildStaleSnapshots(client: pg.PoolClient): Promise<RebuildSummary> {
  return inTransaction(client, async () => {
    await lockAgainstRebuild(client, 'rebuild');
    await client.query('CREATE TEMP TABLE rebuild_market (country_id int, role_id int, period varchar(7)) ON COMMIT DROP');
    const { rowCount: markets } = await client.query(`
      WITH claimed AS (DELETE FROM stale_market RETURNING country_id, role_id, period),
      counted AS (UPDATE snapshot_rebuild SET generation = generation + 1)
      INSERT INTO rebuild_market SELECT * FROM claimed`);
    if (!markets) return { markets: 0, snapshots: 0, exchangeRates: 0 };
    await client.query('ANALYZE rebuild_market');
    // Room to sort a large rebuild in memory; only this transaction gets it. No JIT: the planner
    // expects a third of the observations to list skills (it has no statistics for cardinality()),
    // so each pricing statement of a full rebuild looked costly enough to compile 121 functions
    // with LLVM: 1.1–1.6 s each at 1M observations, against 0.14 s run without (the grouped
    // statistics gained nothing from it either: 1.9–2.5 s without, 2.1–3.3 s with).
    await client.query("SET LOCAL work_mem = '128MB'; SET LOCAL jit = off");
    await client.query(`
      CREATE TEMP TABLE market_stats ON COMMIT DROP AS
      SELECT o.country_id, o.role_id, o.period, coalesce(o.level, 'ALL') AS level, o.currency_code,
             count(*)::int AS n,
             avg(o.amount) AS mean,
             percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY o.amount) AS p,
             array_agg(o.amount::float8 ORDER BY o.amount::float8) AS sorted
      FROM observation o JOIN rebuild_market m USING (country_id, role_id, period)
      GROUP BY GROUPING SETS ((o.country_id, o.role_id, o.period, o.currency_code, o.level), (o.country_id, o.role_id, o.period, o.currency_code))`);
    // Without statistics the planner expects a handful of groups and joins them to the sample-size
    // rules row by row (seconds for a full rebuild). The sorted amounts are left out: sampling
    // those arrays would cost as much again.
    await client.query('ANALYZE market_stats (country_id, role_id, period, n)');
    const sizes = await client.query<{ n: number }>('SELECT DISTINCT n FROM market_stats');
    const rules = sampleSizeRules(sizes.rows.map((row) => row.n));
    const { rowCount: snapshots } = await client.query(
      `WITH sources AS (
         SELECT country_id, role_id, period, array_agg(source_key ORDER BY source_key) AS sources
         FROM market_source JOIN rebuild_market USING (country_id, role_id, period)
         GROUP BY country_id, role_id, period
       )
       INSERT INTO market_snapshot (country_id, role_id, level, period, currency_code, sample_size, median, mean, p10, p25, p75, p90,
                                   median_ci_lower, median_ci_upper, as_of, source, provenance, updated_at)
      SELECT DISTINCT ON (s.country_id, s.role_id, s.level, s.period)
             s.country_id, s.role_id, s.level, s.period, s.currency_code, s.n, s.p[3], s.mean,
             CASE WHEN r.p10 THEN s.p[1] END, CASE WHEN r.p25 THEN s.p[2] END, CASE WHEN r.p75 THEN s.p[4] END, CASE WHEN r.p90 THEN s.p[5] END,
             s.sorted[r.lower_rank], s.sorted[r.upper_rank],
             make_date(left(s.period, 4)::int, 12, 31), 'COMPUTED',
             format('Computed by paygraph from %s salary observation%s in %s, %s, %s; source%s: %s.',
                    s.n, CASE WHEN s.n = 1 THEN '' ELSE 's' END, s.currency_code, s.period,
                    CASE s.level WHEN 'ALL' THEN 'all experience levels' ELSE lower(s.level::text) || ' level' END,
                    CASE WHEN cardinality(src.sources) = 1 THEN '' ELSE 's' END, array_to_string(src.sources, ', ')),
             now()
      FROM market_stats s
      JOIN sources src USING (country_id, role_id, period)
      JOIN unnest($1::int[], $2::int[], $3::int[], $4::bool[], $5::bool[], $6::bool[], $7::bool[])
           AS r(n, lower_rank, upper_rank, p10, p25, p75, p90) USING (n)
      ORDER BY s.country_id, s.role_id, s.level, s.period, s.n DESC, s.currency_code
      ON CONFLICT (country_id, role_id, level, period) DO UPDATE SET
        currency_code = EXCLUDED.currency_code, sample_size = EXCLUDED.sample_size, median = EXCLUDED.median, mean = EXCLUDED.mean,
        p10 = EXCLUDED.p10, p25 = EXCLUDED.p25, p75 = EXCLUDED.p75, p90 = EXCLUDED.p90,
        median_ci_lower = EXCLUDED.median_ci_lower, median_ci_upper = EXCLUDED.median_ci_upper,
        as_of = EXCLUDED.as_of, provenance = EXCLUDED.provenance, updated_at = EXCLUDED.updated_at
      WHERE market_snapshot.source = 'COMPUTED'`,
      [rules.n, rules.lowerRank, rules.upperRank, rules.p10, rules.p25, rules.p75, rules.p90],
    );
    // Rates first: a projection across currencies converts with them.
    const exchangeRates = await deriveExchangeRates(client);
    await updateProjections(client);
    await priceSkillsAndCertifications(client);
    await announceUpdatedMarkets(client);
    return { markets, snapshots: snapshots ?? 0, exchangeRates };
  });
}

interface HistoryRow {
  id: number;
  market: string;
  period: string;
  currencyCode: string;
  sampleSize: number;
  /** numeric, as pg returns it: a decimal string. */
  median: string;
}

interface StoredProjection {
  projectedMedian: string | null;
  low: string | null;
  high: string | null;
  horizon: string | null;
  method: string | null;
  periods: string[];
  note: string;
}

/**
 * The projection of the last snapshot of `history` (one market, oldest first) from the medians up
 * to it. Medians in another currency are converted into the snapshot's at the rate of their own
 * period (stated in the note); a period no rate converts is left out, and the note says so.
 */
function projectionOf(history: readonly HistoryRow[], rates: readonly StoredRate[]): StoredProjection {
  const latest = history[history.length - 1]!;
  const conversions: string[] = [];
  const unconvertible: string[] = [];
  const medians: MedianObservation[] = [];
  for (const row of history) {
    if (row.currencyCode === latest.currencyCode) {
      medians.push({ period: row.period, median: row.median, sampleSize: row.sampleSize });
      continue;
    }
    const conversion = convertWithRates(rates, row.median, row.currencyCode, latest.currencyCode, row.period);
    if (!conversion) {
      unconvertible.push(`${row.period} (${row.currencyCode})`);
      continue;
    }
    medians.push({ period: row.period, median: conversion.amount, sampleSize: row.sampleSize });
    conversions.push(
      `the ${row.period} median of ${row.median} ${row.currencyCode} is converted to ${conversion.amount} ${latest.currencyCode} at ${conversion.rate} ${latest.currencyCode} per ${row.currencyCode} (rate of ${conversion.ratePeriod}: ${conversion.rateSource})`,
    );
  }
  const currencyNote =
    (conversions.length ? ` Currencies: ${conversions.join('; ')}.` : '') +
    (unconvertible.length ? ` Left out, with no stored exchange rate to ${latest.currencyCode}: ${unconvertible.join(', ')}.` : '');
  const outcome = projectMedian(medians);
  // A trend that leads to no salary at all (zero or less, or beyond what an amount can be) projects nothing.
  if (isProjection(outcome) && !isValidAmount(outcome.projectedMedian)) {
    return { ...NO_PROJECTION, note: `The trend of ${outcome.periods.join(', ')} leads to no valid salary at ${outcome.targetPeriod} (${outcome.projectedMedian}).${currencyNote}` };
  }
  if (!isProjection(outcome)) return { ...NO_PROJECTION, note: outcome.reason + currencyNote };
  const { projectedMedian, low, high, targetPeriod, method, periods, note } = outcome;
  return { projectedMedian, low, high: isValidAmount(high) ? high : null, horizon: targetPeriod, method, periods, note: note + currencyNote };
}

const NO_PROJECTION: Omit<StoredProjection, 'note'> = { projectedMedian: null, low: null, high: null, horizon: null, method: null, periods: [] };

/** Projects each computed snapshot of the touched country × role pairs from its market's medians up to its own period. */
async function updateProjections(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<HistoryRow>(`
    SELECT id, concat_ws(':', country_id, role_id, level) AS market, period, currency_code AS "currencyCode", sample_size AS "sampleSize", median::text
    FROM market_snapshot
    WHERE source = 'COMPUTED' AND length(period) = 4
      AND (country_id, role_id) IN (SELECT DISTINCT country_id, role_id FROM rebuild_market)
    ORDER BY country_id, role_id, level, period`);
  const rates = rows.some((row, index) => index > 0 && rows[index - 1]!.market === row.market && rows[index - 1]!.currencyCode !== row.currencyCode)
    ? await readStoredRates(client)
    : [];
  const ids: number[] = [];
  const projections: StoredProjection[] = [];
  let start = 0;
  rows.forEach((row, index) => {
    if (index > 0 && rows[index - 1]!.market !== row.market) start = index;
    ids.push(row.id);
    projections.push(projectionOf(rows.slice(start, index + 1), rates));
  });
  const column = <K extends keyof StoredProjection>(key: K) => projections.map((projection) => projection[key]);
  await client.query(
    `UPDATE market_snapshot ms
    SET projected_median = u.projected, projected_low = u.low, projected_high = u.high, projection_horizon = u.horizon,
        projection_method = u.method, projection_periods = string_to_array(u.periods, ','), projection_note = u.note, updated_at = now()
    FROM unnest($1::int[], $2::numeric[], $3::numeric[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(id, projected, low, high, horizon, method, periods, note)
    WHERE ms.id = u.id
      AND (ms.projected_median, ms.projected_low, ms.projected_high, ms.projection_horizon, ms.projection_method, ms.projection_periods, ms.projection_note)
          IS DISTINCT FROM (u.projected, u.low, u.high, u.horizon, u.method, string_to_array(u.periods, ','), u.note)`,
    [ids, column('projectedMedian'), column('low'), column('high'), column('horizon'), column('method'), projections.map((projection) => projection.periods.join(',')), column('note')],
  );
}
