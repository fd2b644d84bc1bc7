import { describe, expect, it } from 'vitest';
import {
  medianConfidenceInterval,
  supportedPercentiles,
} from '../../src/domain/percentiles.js';

/** Exact P(Bin(n, ½) ≤ m) as a fraction numerator / 2^n, from a row of Pascal's triangle. */
function binomialCdfNumerator(n: number, m: number): bigint {
  let row = [1n];
  for (let i = 0; i < n; i += 1) {
    row = [...row, 0n].map((value, k) => value + (k > 0 ? row[k - 1]! : 0n));
  }
  return row.slice(0, m + 1).reduce((sum, value) => sum + value, 0n);
}

describe('medianConfidenceInterval', () => {
  it.each([0, 1, 2, 3, 4, 5])('is null for n = %i (even ranks 1 and n cover only 1 − 2/2^n < 95 %%)', (n) => {
    // n = 5: P(X ≤ 0) = 1/32 = 0.03125 > 0.025
    expect(medianConfidenceInterval(n)).toBeNull();
  });

  it.each([
    [6, 1, 6], // P(X ≤ 0) = 1/64 = 0.0156 ≤ 0.025 < P(X ≤ 1) = 7/64
    [7, 1, 7], // 1/128 ≤ 0.025 < 8/128
    [8, 1, 8], // 1/256 ≤ 0.025 < 9/256 = 0.035
    [9, 2, 8], // P(X ≤ 1) = 10/512 = 0.0195 ≤ 0.025 < P(X ≤ 2) = 46/512
    [10, 2, 9], // P(X ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(X ≤ 2) = 56/1024 = 0.0547
    [20, 6, 15], // P(X ≤ 5) = 21700/2^20 = 0.0207 ≤ 0.025 < P(X ≤ 6) = 0.0577
    [100, 40, 61], // P(X ≤ 39) = 0.0176 ≤ 0.025 < P(X ≤ 40) = 0.0284
    [1000, 469, 532], // normal approximation: 500 − 1.96 × √1000 / 2 = 469.01
    // Above 1000 the log-space path is used; these match the exact BigInt rule.
    [1001, 470, 532],
    [2000, 956, 1045],
    [5000, 2431, 2570],
    [100_000, 49_690, 50_311], // 50000 − 1.96 × √100000 / 2 = 49690.1
  ])('n = %i at 95 %% → ranks %i and %i', (n, lowerRank, upperRank) => {
    expect(medianConfidenceInterval(n)).toEqual({ lowerRank, upperRank });
  });

  it.each([
    [10, 0.9, 2, 9], // tail 0.05: P(X ≤ 1) = 0.0107 ≤ 0.05 < P(X ≤ 2) = 0.0547
    [10, 0.99, 1, 10], // tail 0.005: P(X ≤ 0) = 0.00098 ≤ 0.005 < P(X ≤ 1) = 0.0107
    [3, 0.75, 1, 3], // tail 0.125 = P(X ≤ 0) = 1/8 exactly: the boundary is inclusive
    [5, 0.99, null, null],
  ])('n = %i at confidence %s → ranks %s and %s', (n, confidence, lowerRank, upperRank) => {
    const expected = lowerRank === null ? null : { lowerRank, upperRank };
    expect(medianConfidenceInterval(n, confidence)).toEqual(expected);
  });

  it('for n = 6…150 picks the tightest symmetric interval reaching 95 % (independent Pascal-triangle check)', () => {
    for (let n = 6; n <= 150; n += 1) {
      const interval = medianConfidenceInterval(n);
      expect(interval).not.toBeNull();
      const { lowerRank, upperRank } = interval!;
      expect(upperRank).toBe(n - lowerRank + 1);
      const total = 1n << BigInt(n);
      // Coverage 1 − 2·P(X ≤ j − 1) ≥ 95 %, i.e. 40·P(X ≤ j − 1) ≤ 1 …
      expect(40n * binomialCdfNumerator(n, lowerRank - 1)).toBeLessThanOrEqual(total);
      // … and moving the lower rank up by one would fall short.
      expect(40n * binomialCdfNumerator(n, lowerRank)).toBeGreaterThan(total);
    }
  });

  it.each([
    ['negative n', -1, 0.95],
    ['fractional n', 10.5, 0.95],
    ['confidence 0', 10, 0],
    ['confidence 1', 10, 1],
    ['confidence 95 (not a fraction)', 10, 95],
  ])('rejects %s', (_case, n, confidence) => {
    expect(() => medianConfidenceInterval(n, confidence)).toThrow(RangeError);
  });
});

describe('supportedPercentiles', () => {
  it.each([
    [0, []],
    [1, ['P50']],
    [3, ['P50']],
    [4, ['P25', 'P50', 'P75']], // 4 × 0.25 = 1 observation expected below P25
    [9, ['P25', 'P50', 'P75']],
    [10, ['P10', 'P25', 'P50', 'P75', 'P90']], // 10 × 0.10 = 1 observation below P10
    [5000, ['P10', 'P25', 'P50', 'P75', 'P90']],
  ])('n = %i supports %j', (n, expected) => {
    expect(supportedPercentiles(n)).toEqual(expected);
  });

  it.each([-1, 1.5])('rejects n = %s', (n) => {
    expect(() => supportedPercentiles(n)).toThrow(RangeError);
  });
});
