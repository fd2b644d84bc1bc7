/**
 * Projection of a market median beyond the latest observed period.
 */
import { divideScaled, fromScaled, toScaled } from './decimal.js';
import { formatPeriod, nextPeriod, parsePeriod, periodOrdinal } from './period.js';

/** The median observed for one period ("2022" or "2026-04"), as a decimal string. */
export interface MedianObservation {
  period: string;
  median: string;
}

/** A projected median and how it was obtained. */
export interface MedianProjection {
  /** Whole currency units with 2 fraction digits, e.g. "120000.00". */
  projectedMedian: string;
  method: 'LINEAR_TREND';
  /** The observed periods the trend was fitted to, oldest first. */
  periods: string[];
  targetPeriod: string;
  /** Change of the fitted median per period (year or month), 2 fraction digits. */
  slopePerPeriod: string;
}

/**
 * Fits an ordinary least-squares straight line to median against time and
 * reads it off at the target period. Time is the period's position on its
 * own timeline (the year, or year × 12 + month − 1 for months), which is the
 * numeric time year + (month − 1)/12 measured in months, so gaps in the
 * history are weighted correctly and the slope is per year or per month.
 * With two periods the line passes through both points.
 *
 * The arithmetic is exact: with x the times, y the medians and n the count,
 * slope = (nΣxy − ΣxΣy) / (nΣxx − (Σx)²) and the projection
 * ȳ + slope·(x* − x̄) = (Σy·(nΣxx − (Σx)²) + (nΣxy − ΣxΣy)·(n·x* − Σx)) / (n·(nΣxx − (Σx)²)),
 * rounded once at the end.
 *
 * @param history medians sorted oldest → newest, all yearly or all monthly.
 * @param targetPeriod period to project to; defaults to the one right after
 * the latest observed period. Must be later than the latest observed period.
 * @returns the projection rounded to whole currency units (half away from
 * zero, written with 2 fraction digits) with the fitted slope per period, or
 * null when fewer than 2 periods are given.
 * @throws RangeError on invalid periods or medians, mixed granularities,
 * unsorted or duplicate periods, or a target not after the latest period.
 */
export function projectMedian(
  history: readonly MedianObservation[],
  targetPeriod?: string,
): MedianProjection | null {
  if (history.length < 2) {
    return null;
  }
  const observed = history.map(({ period }) => parsePeriod(period));
  const latest = observed[observed.length - 1]!;
  observed.forEach((period, index) => {
    if (period.kind !== latest.kind) {
      throw new RangeError('History mixes yearly and monthly periods');
    }
    if (index > 0 && periodOrdinal(period) <= periodOrdinal(observed[index - 1]!)) {
      throw new RangeError(
        `History must be sorted oldest to newest without duplicates; "${formatPeriod(period)}" is out of order`,
      );
    }
  });

  const target = parsePeriod(targetPeriod ?? nextPeriod(formatPeriod(latest)));
  if (target.kind !== latest.kind || periodOrdinal(target) <= periodOrdinal(latest)) {
    throw new RangeError(
      `Target period "${formatPeriod(target)}" must be a ${latest.kind === 'YEAR' ? 'year' : 'month'} after "${formatPeriod(latest)}"`,
    );
  }

  const n = BigInt(history.length);
  const times = observed.map((period) => BigInt(periodOrdinal(period)));
  const medians = history.map(({ median }) => toScaled(median));
  let sumX = 0n;
  let sumY = 0n;
  let sumXY = 0n;
  let sumXX = 0n;
  times.forEach((x, index) => {
    const y = medians[index]!;
    sumX += x;
    sumY += y;
    sumXY += x * y;
    sumXX += x * x;
  });
  const slopeNumerator = n * sumXY - sumX * sumY; // scaled, like the medians
  const slopeDenominator = n * sumXX - sumX * sumX; // > 0: at least two distinct times
  const targetTime = BigInt(periodOrdinal(target));
  const projected = divideScaled(
    sumY * slopeDenominator + slopeNumerator * (n * targetTime - sumX),
    n * slopeDenominator,
    0,
  );

  return {
    projectedMedian: fromScaled(projected, 2),
    method: 'LINEAR_TREND',
    periods: observed.map(formatPeriod),
    targetPeriod: formatPeriod(target),
    slopePerPeriod: fromScaled(divideScaled(slopeNumerator, slopeDenominator, 2), 2),
  };
}
