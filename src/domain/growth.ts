/**
 * Change of a money amount between two points in time (e.g. last year's
 * median salary to this year's).
 */
import { fromScaled, percentChange, toScaled } from './decimal.js';

/** Whether an amount went up, down or stayed exactly the same. */
export type GrowthDirection = 'UP' | 'DOWN' | 'FLAT';

/** The change from one amount to another. */
export interface GrowthDelta {
  /** Starting amount, 2 fraction digits. */
  from: string;
  /** Ending amount, 2 fraction digits. */
  to: string;
  /** to − from, exact, 2 fraction digits (e.g. "8034.00"). */
  absolute: string;
  /** (to − from) / from × 100, rounded half away from zero to 2 decimals. */
  percent: number;
  direction: GrowthDirection;
}

/**
 * Compares two decimal amounts, e.g. "123557" → "131591".
 * @returns from, to and absolute as 2-fraction-digit strings
 * ("123557.00", "131591.00", "8034.00"), the percentage change rounded to
 * 2 decimals (6.5) and the direction (UP); or null when either amount is
 * missing or `from` is zero or negative (no meaningful percentage).
 * @throws RangeError when an amount is not a decimal number.
 */
export function growthDelta(from: string | null, to: string | null): GrowthDelta | null {
  if (from === null || to === null) {
    return null;
  }
  const start = toScaled(from);
  const end = toScaled(to);
  if (start <= 0n) {
    return null;
  }
  const difference = end - start;
  return {
    from: fromScaled(start, 2),
    to: fromScaled(end, 2),
    absolute: fromScaled(difference, 2),
    percent: Number(fromScaled(percentChange(start, end, 2), 2)),
    direction: difference > 0n ? 'UP' : difference < 0n ? 'DOWN' : 'FLAT',
  };
}
