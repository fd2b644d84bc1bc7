/**
 * Projection of a market median beyond the latest observed period.
 */
import { divideScaled, fromScaled, SCALE, toScaled } from './decimal.js';
import { formatPeriod, nextPeriod, parsePeriod, periodOrdinal } from './period.js';

/** The median observed for one period ("2022" or "2026-04"), as a decimal string, and how many observations it is the median of. */
export interface MedianObservation {
  period: string;
  median: string;
  sampleSize: number;
}

/** A projected median, its range, and how it was obtained. */
export interface MedianProjection {
  /** Whole currency units with 2 fraction digits, e.g. "120000.00". */
  projectedMedian: string;
  /** Lower end of the 95 % range of the fitted line at the target period (never below 0), whole units. */
  low: string;
  /** Upper end of that range, whole units. */
  high: string;
  method: 'WEIGHTED_LINEAR_TREND';
  /** The periods the trend was fitted to, oldest first. */
  periods: string[];
  /** The horizon: the period projected to. */
  targetPeriod: string;
  /** Change of the fitted median per period (year or month), 2 fraction digits. */
  slopePerPeriod: string;
  /** What was done, in words: the periods, their weights, the range, periods left out. */
  note: string;
}

/** No projection, and why. */
export interface NoProjection {
  reason: string;
}

/** Periods with fewer observations than this are left out of a trend (the MODERATE confidence threshold). */
export const MIN_TREND_SAMPLE_SIZE = 10;
/** A straight line through 2 points has no error to estimate, so a trend with a range needs 3. */
export const MIN_TREND_PERIODS = 3;

/**
 * Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom; beyond 30 the value for 30
 * is used, which makes the range a little wider than it need be, never narrower.
 */
const T_95 = [
  '12.706', '4.303', '3.182', '2.776', '2.571', '2.447', '2.365', '2.306', '2.262', '2.228',
  '2.201', '2.179', '2.160', '2.145', '2.131', '2.120', '2.110', '2.101', '2.093', '2.086',
  '2.080', '2.074', '2.069', '2.064', '2.060', '2.056', '2.052', '2.048', '2.045', '2.042',
].map(toScaled);

/** The largest integer whose square is at most `value` (value ≥ 0). */
function integerSquareRoot(value: bigint): bigint {
  if (value < 2n) return value;
  let root = BigInt(Math.floor(Math.sqrt(Number(value))));
  while (root * root > value) root -= 1n;
  while ((root + 1n) * (root + 1n) <= value) root += 1n;
  return root;
}

const wholeUnits = (scaled: bigint) => fromScaled(divideScaled(scaled, 1n, 0), 2);

function checkHistory(history: readonly MedianObservation[]) {
  const observed = history.map(({ period }) => parsePeriod(period));
  observed.forEach((period, index) => {
    if (period.kind !== observed[0]!.kind) throw new RangeError('History mixes yearly and monthly periods');
    if (index > 0 && periodOrdinal(period) <= periodOrdinal(observed[index - 1]!)) {
      throw new RangeError(`History must be sorted oldest to newest without duplicates; "${formatPeriod(period)}" is out of order`);
    }
  });
  history.forEach(({ sampleSize }) => {
    if (!Number.isInteger(sampleSize) || sampleSize < 0) throw new RangeError(`Sample size must be a whole number ≥ 0, got ${sampleSize}`);
  });
  return observed;
}

const periodList = (entries: readonly { period: string; sampleSize: number }[]) => entries.map(({ period, sampleSize }) => `${period} (n = ${sampleSize})`).join(', ');

/**
 * Fits a weighted least-squares straight line to median against time, each period weighted by
 * its sample size (a median of 472 salaries counts 472 times what one salary would, since the
 * variance of a median shrinks with 1/n), and reads it off at the target period. Periods with fewer
 * than {@link MIN_TREND_SAMPLE_SIZE} observations are left out; with fewer than
 * {@link MIN_TREND_PERIODS} periods left there is no projection.
 *
 * Time is the period's position on its own timeline (the year, or year × 12 + month − 1), so gaps
 * in the history count as real time. With weights w, times x, medians y, W = Σw and
 * D = WΣwx² − (Σwx)²: slope b = (WΣwxy − ΣwxΣwy)/D and the projection ŷ* = (Σwy + b(Wx* − Σwx))/W.
 *
 * The range is ŷ* ± t · SE, with SE² = s²·(1/W + (x* − x̄)²/Σw(x − x̄)²), s² = Σw·r²/(k − 2) the
 * weighted residual variance of the k fitted periods and t Student's 95 % quantile with k − 2
 * degrees of freedom: the uncertainty of the fitted line at the horizon, given how far the medians
 * stray from it. It does not cover a change of trend, nor individual salaries.
 *
 * The point is exact (rational arithmetic, rounded once); the range is exact up to the square
 * root, taken to a millionth of a currency unit before rounding to whole units.
 *
 * @param history medians sorted oldest → newest, all yearly or all monthly, in one currency.
 * @param targetPeriod the horizon; defaults to the period right after the latest observed one.
 * @returns the projection, or why there is none.
 * @throws RangeError on invalid periods, medians or sample sizes, mixed granularities, unsorted
 * or duplicate periods, or a target not after the latest period.
 */
export function projectMedian(history: readonly MedianObservation[], targetPeriod?: string): MedianProjection | NoProjection {
  const observed = checkHistory(history);
  if (!history.length) return { reason: 'There is no history to project from.' };
  const latest = observed[observed.length - 1]!;
  const target = parsePeriod(targetPeriod ?? nextPeriod(formatPeriod(latest)));
  if (target.kind !== latest.kind || periodOrdinal(target) <= periodOrdinal(latest)) {
    throw new RangeError(`Target period "${formatPeriod(target)}" must be a ${latest.kind === 'YEAR' ? 'year' : 'month'} after "${formatPeriod(latest)}"`);
  }

  const fitted = history.filter(({ sampleSize }) => sampleSize >= MIN_TREND_SAMPLE_SIZE);
  const leftOut = history.filter(({ sampleSize }) => sampleSize < MIN_TREND_SAMPLE_SIZE);
  const leftOutNote = leftOut.length ? ` Left out, with fewer than ${MIN_TREND_SAMPLE_SIZE} observations: ${periodList(leftOut)}.` : '';
  if (fitted.length < MIN_TREND_PERIODS) {
    const have = fitted.length ? `only ${fitted.length} (${periodList(fitted)})` : 'none';
    return {
      reason: `A trend with a range needs at least ${MIN_TREND_PERIODS} periods with ${MIN_TREND_SAMPLE_SIZE} or more observations each; this market has ${have} up to ${formatPeriod(latest)}.${leftOutNote}`,
    };
  }

  const k = BigInt(fitted.length);
  const points = fitted.map(({ period, median, sampleSize }) => ({ x: BigInt(periodOrdinal(parsePeriod(period))), y: toScaled(median), w: BigInt(sampleSize) }));
  let W = 0n, Sx = 0n, Sy = 0n, Sxx = 0n, Sxy = 0n;
  for (const { x, y, w } of points) {
    W += w;
    Sx += w * x;
    Sy += w * y;
    Sxx += w * x * x;
    Sxy += w * x * y;
  }
  const D = W * Sxx - Sx * Sx; // > 0: at least two distinct times with positive weight
  const B = W * Sxy - Sx * Sy; // slope × D, scaled like the medians
  const xStar = BigInt(periodOrdinal(target));
  const lead = W * xStar - Sx; // W · (x* − x̄)
  const pointTimesWD = Sy * D + B * lead; // ŷ* · W · D
  // Residual times W·D, exact: R = y·W·D − (Sy·D + B·(W·x − Sx)).
  let weightedSquares = 0n; // Σ w · R²
  for (const { x, y, w } of points) {
    const residual = y * W * D - (Sy * D + B * (W * x - Sx));
    weightedSquares += w * residual * residual;
  }
  // SE² = Σw·R² / (W·D)² / (k − 2) · (D + lead²) / (W·D), in scaled² units.
  const WD = W * D;
  const variance = (weightedSquares * (D + lead * lead)) / ((k - 2n) * WD * WD * WD);
  const standardError = integerSquareRoot(variance); // scaled
  const t = T_95[Math.min(fitted.length - 2, T_95.length) - 1]!;
  const halfWidth = (t * standardError) / SCALE;
  const projected = divideScaled(pointTimesWD, WD, 6);
  const low = projected - halfWidth;

  const periods = fitted.map(({ period }) => period);
  const horizon = formatPeriod(target);
  return {
    projectedMedian: wholeUnits(projected),
    low: wholeUnits(low > 0n ? low : 0n),
    high: wholeUnits(projected + halfWidth),
    method: 'WEIGHTED_LINEAR_TREND',
    periods,
    targetPeriod: horizon,
    slopePerPeriod: fromScaled(divideScaled(B, D, 2), 2),
    note:
      `Straight-line trend of the medians of ${periodList(fitted)}, each weighted by its sample size, read off at ${horizon}. ` +
      `The range is the 95 % interval of that line at ${horizon} (± ${fromScaled(t, 3)} standard errors, Student's t with ${fitted.length - 2} degree${fitted.length === 3 ? '' : 's'} of freedom): ` +
      `the uncertainty of the trend given how far the medians stray from it, not a forecast of individual salaries nor of a change of trend.${leftOutNote}`,
  };
}

/** Whether a projection outcome is a projection. */
export function isProjection(outcome: MedianProjection | NoProjection): outcome is MedianProjection {
  return 'projectedMedian' in outcome;
}
