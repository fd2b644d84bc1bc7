import { describe, expect, it } from 'vitest';
import { growthDelta } from '../../src/domain/growth.js';

describe('growthDelta', () => {
  it.each([
    // 8034 / 123557 × 100 = 6.5022... → 6.50
    ['123557', '131591', { from: '123557.00', to: '131591.00', absolute: '8034.00', percent: 6.5, direction: 'UP' }],
    // -8034 / 131591 × 100 = -6.1052... → -6.11
    ['131591.00', '123557.00', { from: '131591.00', to: '123557.00', absolute: '-8034.00', percent: -6.11, direction: 'DOWN' }],
    ['100000', '100000.00', { from: '100000.00', to: '100000.00', absolute: '0.00', percent: 0, direction: 'FLAT' }],
    // -0.01 / 1000000 × 100 = -0.000001 → 0.00, but the amount did go down
    ['1000000', '999999.99', { from: '1000000.00', to: '999999.99', absolute: '-0.01', percent: 0, direction: 'DOWN' }],
    ['0.5', '1', { from: '0.50', to: '1.00', absolute: '0.50', percent: 100, direction: 'UP' }],
    // 1.02 / 400 × 100 = 0.255 → 0.26 (half away from zero)
    ['400', '401.02', { from: '400.00', to: '401.02', absolute: '1.02', percent: 0.26, direction: 'UP' }],
    ['400', '398.98', { from: '400.00', to: '398.98', absolute: '-1.02', percent: -0.26, direction: 'DOWN' }],
    ['50000', '-1000', { from: '50000.00', to: '-1000.00', absolute: '-51000.00', percent: -102, direction: 'DOWN' }],
  ] as const)('%s → %s', (from, to, expected) => {
    expect(growthDelta(from, to)).toEqual(expected);
  });

  it.each([
    [null, '100'],
    ['100', null],
    [null, null],
    ['0', '100'],
    ['0.00', '100'],
    ['-5', '100'],
  ])('is null for %s → %s', (from, to) => {
    expect(growthDelta(from, to)).toBeNull();
  });

  it('rejects amounts that are not decimal numbers', () => {
    expect(() => growthDelta('12,000', '13000')).toThrow(RangeError);
  });
});
