import { describe, expect, it } from 'vitest';
import {
  divideScaled,
  fromScaled,
  increaseByPercent,
  percentChange,
  roundScaled,
  toScaled,
} from '../../src/domain/decimal.js';

describe('toScaled', () => {
  it.each([
    ['123557.00', 123_557_000_000n],
    ['123557', 123_557_000_000n],
    ['-8034', -8_034_000_000n],
    ['+1.25', 1_250_000n],
    ['0.5', 500_000n],
    ['0', 0n],
    ['0.000001', 1n],
    // 7th fraction digit rounds half away from zero
    ['1.0000005', 1_000_001n],
    ['-1.0000005', -1_000_001n],
    ['1.0000004999', 1_000_000n],
  ])('parses %s', (text, expected) => {
    expect(toScaled(text)).toBe(expected);
  });

  it.each(['', '1.', '.5', '1e5', '12,000', ' 1', '1 ', 'abc', '--1', 'NaN'])(
    'rejects %j',
    (text) => {
      expect(() => toScaled(text)).toThrow(RangeError);
    },
  );
});

describe('fromScaled', () => {
  it.each([
    [8_034_000_000n, 2, '8034.00'],
    [172_979_800_000n, 0, '172980'],
    [172_979_800_000n, 2, '172979.80'],
    [123_456_789n, 6, '123.456789'],
    [-1_234_567n, 2, '-1.23'],
    [-5_000n, 2, '-0.01'], // -0.005 rounds away from zero
    [5_000n, 2, '0.01'],
    [-4_000n, 2, '0.00'], // -0.004 rounds to zero, written without a sign
    [0n, 2, '0.00'],
    [7n, 6, '0.000007'],
  ])('formats %s with %i digits as %s', (scaled, digits, expected) => {
    expect(fromScaled(scaled, digits)).toBe(expected);
  });

  it.each([-1, 7, 1.5])('rejects %s fraction digits', (digits) => {
    expect(() => fromScaled(1n, digits)).toThrow(RangeError);
  });
});

describe('roundScaled', () => {
  it.each([
    [2_500_000n, 0, 3_000_000n], // 2.5 → 3
    [-2_500_000n, 0, -3_000_000n], // -2.5 → -3
    [2_499_999n, 0, 2_000_000n],
    [1_234_567n, 2, 1_230_000n],
    [1_235_000n, 2, 1_240_000n], // 1.235 → 1.24
  ])('rounds %s to %i digits', (scaled, digits, expected) => {
    expect(roundScaled(scaled, digits)).toBe(expected);
  });
});

describe('divideScaled', () => {
  it.each([
    [toScaled('10'), 4n, 2, toScaled('2.5')],
    [toScaled('1'), 3n, 6, 333_333n],
    [toScaled('2'), 3n, 6, 666_667n],
    [toScaled('-1'), 8n, 2, toScaled('-0.13')], // -0.125 → -0.13
    [toScaled('1'), -8n, 2, toScaled('-0.13')],
  ])('divides %s by %s to %i digits', (dividend, divisor, digits, expected) => {
    expect(divideScaled(dividend, divisor, digits)).toBe(expected);
  });

  it('rejects division by zero', () => {
    expect(() => divideScaled(1n, 0n, 2)).toThrow(RangeError);
  });
});

describe('increaseByPercent', () => {
  it.each([
    ['123557', '40', 6, '172979.8'], // 123557 × 1.40
    ['123557', '40', 0, '172980'],
    ['123557', '80', 0, '222403'], // 222402.6
    ['123557', '12.5', 3, '139001.625'],
    ['100', '-25', 2, '75'],
    // 0.333333 × 1.5 = 0.4999995: one rounding to 0 digits gives 0; rounding
    // to 6 digits first (0.500000) and then to 0 would wrongly give 1.
    ['0.333333', '50', 0, '0'],
    ['0.333333', '50', 6, '0.5'],
  ])('%s increased by %s%% to %i digits is %s', (amount, percent, digits, expected) => {
    expect(increaseByPercent(toScaled(amount), toScaled(percent), digits)).toBe(toScaled(expected));
  });
});

describe('percentChange', () => {
  it.each([
    ['123557', '131591', 2, '6.50'], // 8034 / 123557 × 100 = 6.5022...
    ['200', '100', 2, '-50'],
    ['3', '4', 6, '33.333333'],
    ['3', '5', 6, '66.666667'],
    ['3', '2', 6, '-33.333333'],
    ['400', '401.02', 2, '0.26'], // 0.255 → 0.26 (half away from zero)
    ['400', '398.98', 2, '-0.26'], // -0.255 → -0.26
  ])('%s → %s is %s %%', (base, value, digits, expected) => {
    expect(percentChange(toScaled(base), toScaled(value), digits)).toBe(toScaled(expected));
  });

  it('rejects a zero base', () => {
    expect(() => percentChange(0n, 1n, 2)).toThrow(RangeError);
  });
});
