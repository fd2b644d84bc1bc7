import type pg from 'pg';

/** A skill or certification listed by fewer observations of a snapshot is not priced at all. */
export const MINIMUM_LISTINGS = 3;
/** A priced entry is ranked only from this many observations; thinner ones follow the ranked ones, unranked. */
export const MINIMUM_RANKED_LISTINGS = 10;

/** Where one kind of priced entry lives: the observations' list column, the catalogue, the per-snapshot entries. */
interface PricedKind {
  /** observation column listing the names ("skills"). */
  listColumn: string;
  /** The catalogue table ("skill"), one row per lower-cased name. */
  catalogue: string;
  /** The per-snapshot table ("snapshot_skill") and its column referring to the catalogue. */
  entries: string;
  entryKey: string;
}

const SKILLS: PricedKind = { listColumn: 'skills', catalogue: 'skill', entries: 'snapshot_skill', entryKey: 'skill_id' };
const CERTIFICATIONS: PricedKind = { listColumn: 'certifications', catalogue: 'certification', entries: 'snapshot_certification', entryKey: 'certification_id' };

/**
 * One statement that prices one kind for every computed snapshot of the markets in rebuild_market
 * (each level and ALL), from the observations in the snapshot's own currency:
 * - names are trimmed and matched case-insensitively, each counted once per observation; a name
 *   no catalogue row has yet gets one, spelt as most observations of the snapshot listing it most
 *   often spell it (ties: the first in byte order), with no category or issuer (nobody stated one);
 * - observations are read once, grouped by market, currency and name, with and without their
 *   level (GROUPING SETS, one sort), and only the groups' results meet the snapshots: a plan that
 *   joined observations to snapshots ran a nested loop over them (minutes for 1M rows). Rows that
 *   list nothing are left out by cardinality(), not by IS NOT NULL: the planner has no statistics
 *   for the expression, so statistics taken before an import of listed rows cannot make it expect
 *   none and pick a plan that only fits an empty set. Names compare in byte order (COLLATE "C"),
 *   several times cheaper to sort than the locale's;
 * - an entry listed by at least MINIMUM_LISTINGS observations gets its sample size, prevalence
 *   (its share of the snapshot's observations, those listing nothing included), the median of
 *   those observations (percentile_cont, as the snapshot's) and its premium over the snapshot's
 *   median (both as stored, to the cent), rounded to 2 decimals;
 * - entries of at least MINIMUM_RANKED_LISTINGS observations are ranked by premium, then sample
 *   size, then lower-cased name; thinner ones get no rank;
 * - the snapshot's COMPUTED entries are replaced: upserted, and those no longer priced deleted.
 *   CURATED entries, and snapshots a source stated (IMPORTED), are left as they are.
 */
function pricingStatement({ listColumn, catalogue, entries, entryKey }: PricedKind): string {
  return `
    WITH target AS (
      SELECT ms.id, ms.country_id, ms.role_id, ms.period, ms.level, ms.currency_code, ms.sample_size, ms.median
      FROM market_snapshot ms JOIN rebuild_market m USING (country_id, role_id, period)
      WHERE ms.source = 'COMPUTED'
    ),
    listed AS (
      SELECT o.country_id, o.role_id, o.period, o.level, o.currency_code, named.key, named.spelling, o.amount
      FROM observation o JOIN rebuild_market m USING (country_id, role_id, period)
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (1) lower(btrim(name)) COLLATE "C" AS key, btrim(name) COLLATE "C" AS spelling
        FROM unnest(o.${listColumn}) AS name
        WHERE btrim(name) <> ''
        ORDER BY 1, 2
      ) named
      WHERE cardinality(o.${listColumn}) > 0
    ),
    priced AS (
      SELECT t.id AS snapshot_id, p.key, p.spelling, p.n, p.median
      FROM (
        SELECT country_id, role_id, period, coalesce(level, 'ALL') AS level, currency_code, key, count(*)::int AS n,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY amount))::numeric, 2) AS median,
               mode() WITHIN GROUP (ORDER BY spelling) AS spelling
        FROM listed
        GROUP BY GROUPING SETS ((country_id, role_id, period, currency_code, key, level), (country_id, role_id, period, currency_code, key))
        -- An observation of no stated level (ALL) counts in the total only.
        HAVING count(*) >= ${MINIMUM_LISTINGS} AND (GROUPING(level) = 1 OR level <> 'ALL')
      ) p
      JOIN target t USING (country_id, role_id, period, level, currency_code)
    ),
    created AS (
      INSERT INTO ${catalogue} (name)
      SELECT DISTINCT ON (key) spelling FROM priced
      WHERE NOT EXISTS (SELECT 1 FROM ${catalogue} c WHERE lower(c.name) = priced.key COLLATE "default")
      ORDER BY key, n DESC, spelling
      RETURNING id, lower(name) AS key
    ),
    catalogued AS (
      SELECT id, lower(name) COLLATE "C" AS key FROM ${catalogue} WHERE lower(name) IN (SELECT key COLLATE "default" FROM priced)
      UNION ALL SELECT id, key COLLATE "C" FROM created
    ),
    figures AS (
      SELECT p.snapshot_id, c.id AS entry_id, p.key, p.n, p.median,
             round(p.n::numeric / t.sample_size, 4) AS prevalence,
             round((p.median / nullif(t.median, 0) - 1) * 100, 2) AS premium
      FROM priced p JOIN target t ON t.id = p.snapshot_id JOIN catalogued c USING (key)
    ),
    ranked AS (
      SELECT *, CASE WHEN n >= ${MINIMUM_RANKED_LISTINGS} THEN
               row_number() OVER (PARTITION BY snapshot_id ORDER BY n >= ${MINIMUM_RANKED_LISTINGS} DESC, premium DESC NULLS LAST, n DESC, key)
             END AS rank
      FROM figures
    ),
    dropped AS (
      DELETE FROM ${entries} e USING target t
      WHERE e.snapshot_id = t.id AND e.origin = 'COMPUTED'
        AND NOT EXISTS (SELECT 1 FROM ranked r WHERE r.snapshot_id = e.snapshot_id AND r.entry_id = e.${entryKey})
    )
    INSERT INTO ${entries} (snapshot_id, ${entryKey}, rank, premium_percent, sample_size, prevalence, median, origin)
    SELECT snapshot_id, entry_id, rank, premium, n, prevalence, median, 'COMPUTED' FROM ranked
    ON CONFLICT (snapshot_id, ${entryKey}) DO UPDATE SET
      rank = EXCLUDED.rank, premium_percent = EXCLUDED.premium_percent, sample_size = EXCLUDED.sample_size,
      prevalence = EXCLUDED.prevalence, median = EXCLUDED.median
    WHERE ${entries}.origin = 'COMPUTED'`;
}

const STATEMENTS = [SKILLS, CERTIFICATIONS].map(pricingStatement);

/**
 * Prices the skills and certifications of every computed snapshot of the markets in the
 * rebuild's temporary rebuild_market table (see pricingStatement): one statement per kind,
 * however many markets. Runs inside the rebuild's transaction, after the snapshots are written.
 * @returns the entries written (inserted or updated), both kinds together.
 */
export async function priceSkillsAndCertifications(client: pg.PoolClient): Promise<number> {
  let written = 0;
  for (const text of STATEMENTS) written += (await client.query(text)).rowCount ?? 0;
  return written;
}
