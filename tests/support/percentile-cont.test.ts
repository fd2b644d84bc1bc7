import { describe, expect, it } from 'vitest';
import { percentileCont } from './percentile-cont.js';

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
