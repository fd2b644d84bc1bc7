/**
 * Exchange rates implied by the observations themselves: a source that states each salary in
 * its original currency and in its reporting currency (ai-jobs: salary and salary_in_usd)
 * says, row by row, what one unit of the reporting currency was worth. The median of those
 * ratios per currency and year is the rate paygraph converts with, and it says so.
 */
import DataLoader from 'dataloader';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { BadUserInputError, ConversionUnavailableError } from '../../errors.js';
import { isCurrencyCode } from '../catalog/countries.js';

/** Rates are stored with this many decimals (numeric(20, 10)). */
const RATE_DIGITS = 10;

/**
 * Derives the implied rates of every period in rebuild_market (the temp table of a snapshot
 * rebuild) from all observations of those periods: per reporting currency, original currency
 * and period, the median of original amount ÷ reported amount.
 * @returns how many rates were written.
 */
export async function deriveExchangeRates(client: pg.PoolClient): Promise<number> {
  const { rowCount } = await client.query(`
    INSERT INTO exchange_rate (base_currency, currency_code, period, rate, sample_size, source, updated_at)
    SELECT currency_code, original_currency, period,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY original_amount / amount), count(*)::int,
           format('Median of %s ÷ %s over %s salary observation%s stating both amounts, %s',
                  original_currency, currency_code, count(*), CASE WHEN count(*) = 1 THEN '' ELSE 's' END, period),
           now()
    FROM observation
    WHERE period IN (SELECT DISTINCT period FROM rebuild_market)
      AND original_currency IS NOT NULL AND original_currency <> currency_code
    GROUP BY currency_code, original_currency, period
    ON CONFLICT (base_currency, currency_code, period) DO UPDATE SET
      rate = EXCLUDED.rate, sample_size = EXCLUDED.sample_size, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`);
  return rowCount ?? 0;
}

/** An amount converted into another currency, and the rate that did it. */
export interface Conversion {
  /** The converted amount, rounded half away from zero to 2 decimals. */
  amount: string;
  currencyCode: string;
  /** Units of the target currency per unit of the original one, 10 decimals. */
  rate: string;
  /** The period of the rate(s) used: the amount's own when there is one, else the nearest. */
  ratePeriod: string;
  /** How the rate was obtained, in words. */
  rateSource: string;
  /** Observations behind the rate: the fewer of its two legs' for a cross rate. */
  sampleSize: number | null;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A positive decimal as an exact fraction digits / 10^scale. */
function fraction(text: string): { digits: bigint; scale: bigint } {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Not a positive decimal: "${text}"`);
  const [, whole, decimals = ''] = match;
  return { digits: BigInt(whole! + decimals), scale: 10n ** BigInt(decimals.length) };
}

/** numerator / denominator rounded half away from zero (both positive). */
function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

function withDecimals(scaled: bigint, digits: number): string {
  const text = scaled.toString().padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Converts `amount` with the cross rate target ÷ origin, where `origin` and `target` are the
 * values of one unit of a common base currency in the two currencies (1 for the base itself).
 * The arithmetic is exact and rounds once at the end.
 * @returns the converted amount (2 decimals) and the effective rate (10 decimals).
 */
export function convertAmount(amount: string, origin: string, target: string): { amount: string; rate: string } {
  const [value, from, to] = [fraction(amount.startsWith('-') ? amount.slice(1) : amount), fraction(origin), fraction(target)];
  const sign = amount.startsWith('-') ? '-' : '';
  // amount × (to / from) = (v/vs) × (t/ts) / (f/fs)
  const converted = roundedQuotient(value.digits * to.digits * from.scale * 100n, value.scale * to.scale * from.digits);
  const rate = roundedQuotient(to.digits * from.scale * 10n ** BigInt(RATE_DIGITS), to.scale * from.digits);
  return { amount: (converted === 0n ? '' : sign) + withDecimals(converted, 2), rate: withDecimals(rate, RATE_DIGITS) };
}

const yearOf = (period: string) => Number(period.slice(0, 4));

/** A stored rate: units of `currencyCode` per one unit of `baseCurrency` in `period`. */
export interface StoredRate {
  baseCurrency: string;
  currencyCode: string;
  period: string;
  /** Decimal string. */
  rate: string;
  /** How the rate was obtained, in words. */
  source: string;
  /** Observations the rate was derived from. */
  sampleSize: number;
}

/**
 * Converts an amount of `from` dated `period` into `to`, with the rates of the amount's own year
 * or, when that year has none, of the nearest year (the earlier one on a tie). Rates relate
 * currencies through a common base: directly (base → to), inversely (to → from's base) or
 * across (from ← base → to).
 * @returns the conversion, or null when no rate relates the two currencies.
 */
export function convertWithRates(rates: readonly StoredRate[], amount: string, from: string, to: string, period: string): Conversion | null {
  const byKey = new Map(rates.map((rate) => [`${rate.baseCurrency}:${rate.currencyCode}:${rate.period}`, rate]));
  const periods = [...new Set(rates.map((rate) => rate.period))].sort(
    (a, b) => Math.abs(yearOf(a) - yearOf(period)) - Math.abs(yearOf(b) - yearOf(period)) || yearOf(a) - yearOf(b),
  );
  for (const ratePeriod of periods) {
    for (const base of new Set(rates.filter((rate) => rate.period === ratePeriod).map((rate) => rate.baseCurrency))) {
      const leg = (currency: string) => (currency === base ? null : byKey.get(`${base}:${currency}:${ratePeriod}`));
      const [originLeg, targetLeg] = [leg(from), leg(to)];
      if (originLeg === undefined || targetLeg === undefined) continue;
      const converted = convertAmount(amount, originLeg?.rate ?? '1', targetLeg?.rate ?? '1');
      const legs = [originLeg, targetLeg].filter((rate): rate is StoredRate => Boolean(rate));
      return {
        amount: converted.amount,
        currencyCode: to,
        rate: converted.rate,
        ratePeriod,
        rateSource: legs.map((rate) => `${rate.baseCurrency}→${rate.currencyCode}: ${rate.source}`).join('; '),
        sampleSize: legs.length ? Math.min(...legs.map((rate) => rate.sampleSize)) : null,
      };
    }
  }
  return null;
}

/** Every stored rate, oldest period first, read with a pg client (the snapshot rebuild's). */
export async function readStoredRates(client: pg.PoolClient): Promise<StoredRate[]> {
  const { rows } = await client.query<StoredRate>(
    `SELECT base_currency AS "baseCurrency", currency_code AS "currencyCode", period, rate::text AS rate, source, sample_size AS "sampleSize" FROM exchange_rate ORDER BY period`,
  );
  return rows;
}

/** Converts amounts between currencies with the stored implied rates; one query per request. */
export class ExchangeRateService {
  private readonly rates: DataLoader<'all', StoredRate[]>;

  constructor(db: Database) {
    this.rates = new DataLoader(async (keys) => {
      const rows = (await db.exchangeRate.findMany({ orderBy: [{ period: 'asc' }] })).map(
        ({ baseCurrency, currencyCode, period, rate, source, sampleSize }): StoredRate => ({ baseCurrency, currencyCode, period, rate: rate.toFixed(RATE_DIGITS), source, sampleSize }),
      );
      return keys.map(() => rows);
    });
  }

  /** {@link convertWithRates} with every stored rate. */
  async convert(amount: string, from: string, to: string, period: string): Promise<Conversion | null> {
    return convertWithRates(await this.rates.load('all'), amount, from, to, period);
  }

  /**
   * {@link convert} for a currency a client asked for (case-insensitive).
   * @throws BAD_USER_INPUT (fields ["currency"]) for a code that is not an ISO 4217 currency;
   * CONVERSION_UNAVAILABLE for one no stored rate relates to `from`.
   */
  async convertRequested(amount: string, from: string, requested: string, period: string): Promise<Conversion> {
    const to = requested.trim().toUpperCase();
    if (!isCurrencyCode(to)) throw new BadUserInputError(`"${requested}" is not an ISO 4217 currency code`, ['currency']);
    const conversion = await this.convert(amount, from, to, period);
    if (!conversion) throw new ConversionUnavailableError(from, to);
    return conversion;
  }
}
