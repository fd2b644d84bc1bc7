import type pg from 'pg';
import type { DatabaseHandle } from '../../src/db/client.js';
import { rebuildStaleSnapshots } from '../../src/services/snapshots/snapshot-rebuild.js';
import { percentileCont } from './percentile-cont.js';

/** One salary observation as a test writes it, with the skills and certifications its source lists. */
export interface TestObservation {
  countryId: number;
  roleId: number;
  level: 'ENTRY' | 'MID' | 'SENIOR' | 'EXECUTIVE';
  period: string;
  /** Whole currency units. */
  amount: number;
  currencyCode: string;
  skills?: string[] | null;
  certifications?: string[] | null;
}

let nextRow = 1;

/**
 * Writes observations directly in SQL, as an importer would (with their market's source and its
 * stale mark), until the importers write skills themselves.
 */
export async function insertObservations(database: DatabaseHandle, rows: TestObservation[], sourceKey = 'test-source'): Promise<void> {
  const { pool } = database;
  const {
    rows: [source],
  } = await pool.query<{ id: number }>(
    `WITH created AS (INSERT INTO observation_source (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING id)
     SELECT id FROM created UNION ALL SELECT id FROM observation_source WHERE key = $1`,
    [sourceKey],
  );
  // Arrays of arrays cannot go through unnest(): each list is sent as JSON.
  await pool.query(
    `INSERT INTO observation (source_id, row_number, country_id, role_id, level, period, job_title, amount, currency_code, skills, certifications)
     SELECT $1, r.row_number, r.country_id, r.role_id, r.level::"ExperienceLevel", r.period, 'Test title', r.amount, r.currency_code,
            (SELECT array_agg(value) FROM jsonb_array_elements_text(r.skills)), (SELECT array_agg(value) FROM jsonb_array_elements_text(r.certifications))
     FROM jsonb_to_recordset($2::jsonb) AS r(row_number bigint, country_id int, role_id int, level text, period text, amount numeric, currency_code text, skills jsonb, certifications jsonb)`,
    [
      source!.id,
      JSON.stringify(
        rows.map((row) => ({
          row_number: nextRow++,
          country_id: row.countryId,
          role_id: row.roleId,
          level: row.level,
          period: row.period,
          amount: row.amount,
          currency_code: row.currencyCode,
          skills: row.skills ?? null,
          certifications: row.certifications ?? null,
        })),
      ),
    ],
  );
  await pool.query(
    `INSERT INTO market_source (country_id, role_id, period, source_key) SELECT DISTINCT country_id, role_id, period, $1 FROM observation WHERE source_id = $2
     ON CONFLICT DO NOTHING`,
    [sourceKey, source!.id],
  );
  await markStale(database, rows);
}

/** Marks the markets of `rows` stale, as an import of them (or an edit of their observations) does. */
export async function markStale(database: DatabaseHandle, rows: Pick<TestObservation, 'countryId' | 'roleId' | 'period'>[]): Promise<void> {
  await database.pool.query(
    `INSERT INTO stale_market (country_id, role_id, period) SELECT * FROM unnest($1::int[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING`,
    [rows.map((row) => row.countryId), rows.map((row) => row.roleId), rows.map((row) => row.period)],
  );
}

/** Runs the snapshot rebuild on its own connection; `onQuery` sees every statement it sends. */
export async function rebuild(database: DatabaseHandle, onQuery: (text: string) => void = () => undefined) {
  const client = await database.pool.connect();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const counted = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => {
        onQuery(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
        return query(...args);
      };
    },
  }) as pg.PoolClient;
  try {
    return await rebuildStaleSnapshots(counted);
  } finally {
    client.release();
  }
}

// The reference computation: what a snapshot's priced entries must be, in plain JavaScript over
// the rows a test wrote, with exact decimal rounding in BigInt.

/** `numerator / denominator` rounded half away from zero to `digits` decimals, as a decimal string. */
export function roundedRatio(numerator: bigint, denominator: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const negative = numerator < 0n !== denominator < 0n;
  const [n, d] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const scaled = (2n * n * scale + d) / (2n * d);
  const text = scaled.toString().padStart(digits + 1, '0');
  const result = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative && scaled !== 0n ? `-${result}` : result;
}

const cents = (amount: string) => BigInt(amount.replace('.', ''));

/** The median of whole-unit amounts as NUMERIC(14,2) prints it (they interpolate to .00 or .50). */
export function medianOf(amounts: number[]): string {
  return percentileCont([...amounts].sort((a, b) => a - b), 0.5)!.toFixed(2);
}

export interface ExpectedSnapshot {
  currencyCode: string;
  sampleSize: number;
  median: string;
}

/** The snapshot a market × level gets: the currency most of its observations use (ties: the first code), and their median. */
export function expectedSnapshot(rows: TestObservation[]): ExpectedSnapshot {
  const byCurrency = new Map<string, number[]>();
  for (const row of rows) byCurrency.set(row.currencyCode, [...(byCurrency.get(row.currencyCode) ?? []), row.amount]);
  const [currencyCode, amounts] = [...byCurrency].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))[0]!;
  return { currencyCode, sampleSize: amounts.length, median: medianOf(amounts) };
}

export interface ExpectedEntry {
  /** Lower-cased, trimmed. */
  key: string;
  rank: number | null;
  sampleSize: number;
  prevalence: string;
  median: string;
  premiumPercent: string;
}

/**
 * The priced entries of one snapshot, in the order they are listed: the observations of `rows`
 * (one market × level) in the snapshot's currency, names trimmed and lower-cased.
 */
export function expectedEntries(rows: TestObservation[], kind: 'skills' | 'certifications'): ExpectedEntry[] {
  const snapshot = expectedSnapshot(rows);
  const inCurrency = rows.filter((row) => row.currencyCode === snapshot.currencyCode);
  const amountsByKey = new Map<string, number[]>();
  for (const row of inCurrency) {
    const keys = new Set((row[kind] ?? []).map((name) => name.trim().toLowerCase()).filter((key) => key !== ''));
    for (const key of keys) amountsByKey.set(key, [...(amountsByKey.get(key) ?? []), row.amount]);
  }
  const entries = [...amountsByKey]
    .filter(([, amounts]) => amounts.length >= 3)
    .map(([key, amounts]) => {
      const median = medianOf(amounts);
      return {
        key,
        sampleSize: amounts.length,
        prevalence: roundedRatio(BigInt(amounts.length), BigInt(snapshot.sampleSize), 4),
        median,
        premiumPercent: roundedRatio((cents(median) - cents(snapshot.median)) * 100n, cents(snapshot.median), 2),
      };
    });
  const ranked = entries.filter((entry) => entry.sampleSize >= 10);
  const thin = entries.filter((entry) => entry.sampleSize < 10);
  const order = (a: (typeof entries)[0], b: (typeof entries)[0]) =>
    Number(b.premiumPercent) - Number(a.premiumPercent) || b.sampleSize - a.sampleSize || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return [...ranked.sort(order).map((entry, index) => ({ ...entry, rank: index + 1 })), ...thin.sort(order).map((entry) => ({ ...entry, rank: null }))];
}
