import { describe, expect, it } from 'vitest';
import {
  medianConfidenceInterval,
  percentileCont,
  supportedPercentiles,
} from '../../src/domain/percentiles.js';

describe('percentileCont', () => {
  // position = fraction × (n − 1); interpolate between floor and ceil.
  // Every expected value below was also returned, digit for digit, by
  // PostgreSQL 17's percentile_cont on the same input.
  it.each([
    [[10, 20, 30, 40], 0.5, 25], // position 1.5: 20 + 0.5 × 10
    [[10, 20, 30, 40], 0.25, 17.5], // position 0.75: 10 + 0.75 × 10
    [[10, 20, 30, 40], 0.9, 37], // position 2.7: 30 + 0.7 × 10
    [[1, 2, 3, 4, 5, 6, 7], 0.1, 1.6], // position 0.6: 1 + 0.6 × 1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.3, 4], // position 3: exactly the 4th value
    [[0.1, 0.2, 0.3], 0.9, 0.28], // position 1.8: 0.2 + 0.8 × 0.1
    [[61234.5, 70000, 98000.25, 123557, 150000], 0.1, 64740.7], // position 0.4: 61234.5 + 0.4 × 8765.5
    [[61234.5, 70000, 98000.25, 123557, 150000], 0.9, 139422.8], // position 3.6: 123557 + 0.6 × 26443
    [[10, 20, 30, 40], 0, 10],
    [[10, 20, 30, 40], 1, 40],
    [[42], 0.9, 42],
    [[5, 5, 5], 0.5, 5],
  ])('%j at %s is %s', (values, fraction, expected) => {
    expect(percentileCont(values, fraction)).toBe(expected);
  });

  it.each([
    [['100000.00', '120000.00', '150000.00'], 0.5, 120000],
    [['100000.00', '120000.00', '150000.00'], 0.75, 135000], // position 1.5: 120000 + 0.5 × 30000
    [['-10', '0', '10.5'], 0.25, -5], // position 0.5: -10 + 0.5 × 10
  ])('accepts decimal strings: %j at %s is %s', (values, fraction, expected) => {
    expect(percentileCont(values, fraction)).toBe(expected);
  });

  it('is null for an empty sample, like SQL', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it.each([
    ['fraction above 1', [1, 2], 1.5],
    ['negative fraction', [1, 2], -0.1],
    ['NaN fraction', [1, 2], Number.NaN],
    ['unsorted values', [2, 1], 0.5],
    ['unsorted strings', ['10', '9'], 0.5],
    ['non-numeric string', ['1', 'abc'], 0.5],
  ] as const)('rejects %s', (_case, values, fraction) => {
    expect(() => percentileCont(values, fraction)).toThrow(RangeError);
  });
});

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
