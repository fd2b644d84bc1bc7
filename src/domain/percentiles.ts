/**
 * Percentile estimation and the sample-size rules that go with it.
 */

/** 1-based ranks, in the sorted sample, of the confidence interval bounds. */
export interface MedianConfidenceRanks {
  lowerRank: number;
  upperRank: number;
}

/** Up to this sample size the binomial tail is summed exactly with BigInt. */
const EXACT_COMPUTATION_MAX_N = 1000;

/**
 * Largest j ≥ 0 with P(Bin(n, ½) ≤ j − 1) ≤ tailNumerator / tailDenominator,
 * exactly: the integer Σ C(n, i) over i < j is compared with tail × 2^n.
 */
function lowerRankExact(n: number, tailNumerator: bigint, tailDenominator: bigint): number {
  // An integer count is ≤ tail × 2^n exactly when it is ≤ floor(tail × 2^n).
  const limit = (tailNumerator << BigInt(n)) / tailDenominator;
  let coefficient = 1n; // C(n, i)
  let cumulative = 0n; // Σ C(n, k) for k ≤ i
  let rank = 0;
  for (let i = 0; i <= n; i += 1) {
    cumulative += coefficient;
    if (cumulative > limit) break;
    rank = i + 1;
    coefficient = (coefficient * BigInt(n - i)) / BigInt(i + 1);
  }
  return rank;
}

/**
 * Same rule as lowerRankExact, summing the probabilities in log space with
 * doubles: log P(X = i) is built iteratively from log C(n, i) − n·log 2 and
 * the running tail is accumulated with log-sum-exp, so nothing under- or
 * overflows even for n = 100000. The relative error of the tail probability
 * grows with n to about 1e-10 at n = 100000 (measured against the exact
 * BigInt sum), so the rank could only differ from the exact rule if a tail
 * probability lay within that relative distance of the cut-off.
 */
function lowerRankLogSpace(n: number, tail: number): number {
  const logTail = Math.log(tail);
  let logTerm = -n * Math.LN2; // log P(X = 0)
  let logCumulative = logTerm;
  let rank = 0;
  for (let i = 0; i <= n && logCumulative <= logTail; i += 1) {
    rank = i + 1;
    logTerm += Math.log(n - i) - Math.log(i + 1);
    logCumulative += Math.log1p(Math.exp(logTerm - logCumulative));
  }
  return rank;
}

/**
 * Distribution-free confidence interval for the median from order statistics.
 * The number X of observations below the true median is Bin(n, ½); the
 * interval between the j-th and k-th smallest observations (1-based) covers
 * the median with probability P(j ≤ X ≤ k − 1) = 1 − 2·P(X ≤ j − 1).
 * The lower rank j is the largest j with P(X ≤ j − 1) ≤ (1 − confidence) / 2,
 * and the upper rank k = n − j + 1 by symmetry. Examples at 95 %: n = 6 → 1
 * and 6, n = 10 → 2 and 9, n = 20 → 6 and 15, n = 100 → 40 and 61.
 *
 * For n ≤ 1000 the binomial tail is computed exactly with BigInt binomial
 * coefficients; above that it is computed in log space with doubles (see
 * lowerRankLogSpace), which keeps large samples fast (no normal
 * approximation is used). The confidence is taken to 6 decimal places.
 * @returns the 1-based lower and upper ranks, or null when the sample is too
 * small for any interval to reach the confidence (n < 6 at 95 %).
 * @throws RangeError when n is not a non-negative integer or confidence is not in (0, 1).
 */
export function medianConfidenceInterval(
  n: number,
  confidence = 0.95,
): MedianConfidenceRanks | null {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Sample size must be a non-negative integer, got ${n}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  // Each tail may hold (1 − confidence) / 2 = (10^6 − confidence in millionths) / (2 · 10^6).
  const tailNumerator = 1_000_000 - Math.round(confidence * 1_000_000);
  const tailDenominator = 2_000_000;
  const lowerRank =
    n <= EXACT_COMPUTATION_MAX_N
      ? lowerRankExact(n, BigInt(tailNumerator), BigInt(tailDenominator))
      : lowerRankLogSpace(n, tailNumerator / tailDenominator);
  if (lowerRank === 0) {
    return null;
  }
  return { lowerRank, upperRank: n - lowerRank + 1 };
}

/** A percentile the API can report. */
export type PercentileName = 'P10' | 'P25' | 'P50' | 'P75' | 'P90';

/** Smallest sample size at which each percentile is reported. */
const MINIMUM_SAMPLE_SIZE: ReadonlyArray<{ percentile: PercentileName; minimumSampleSize: number }> = [
  { percentile: 'P10', minimumSampleSize: 10 },
  { percentile: 'P25', minimumSampleSize: 4 },
  { percentile: 'P50', minimumSampleSize: 1 },
  { percentile: 'P75', minimumSampleSize: 4 },
  { percentile: 'P90', minimumSampleSize: 10 },
];

/**
 * Which percentiles a sample of n observations can support. The p-th
 * percentile is reported only when the sample can be expected to hold at
 * least one observation on each side of it, i.e. n·p ≥ 1 and n·(1 − p) ≥ 1:
 * P25/P75 need n ≥ 4 and P10/P90 need n ≥ 10; below that they would merely
 * restate the smallest or largest observation. The median is the exception:
 * it is the headline figure, so it is reported from a single observation,
 * with the confidence level flagging small samples as indicative only.
 * @returns the supported percentiles in ascending order (empty for n = 0).
 * @throws RangeError when n is not a non-negative integer.
 */
export function supportedPercentiles(n: number): PercentileName[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Sample size must be a non-negative integer, got ${n}`);
  }
  return MINIMUM_SAMPLE_SIZE.filter(({ minimumSampleSize }) => n >= minimumSampleSize).map(
    ({ percentile }) => percentile,
  );
}
