import { describe, expect, it } from 'vitest';
import { premiumBrackets, type PremiumBracketsInput } from '../../src/domain/brackets.js';

const SPECIALIST = { tier: 'SPECIALIST', label: 'Specialist', minPercent: '40', maxPercent: '80' };
const LEAD = { tier: 'LEAD', label: 'Lead', minPercent: '12.5', maxPercent: '25' };

const baseline = {
  tier: 'BASELINE',
  label: 'Market median',
  min: '123557.00',
  max: '123557.00',
  premiumPercentMin: 0,
  premiumPercentMax: 0,
  exceedsObserved: false,
  observedCeiling: '175000.50',
};
// Every bracket of a market with P90 175000.50 (175001 in whole units) is compared with it.
const within = { exceedsObserved: false, observedCeiling: '175000.50' };
const beyond = { exceedsObserved: true, observedCeiling: '175000.50' };

describe('premiumBrackets', () => {
  it('builds baseline, projected, stored tiers and top quartile in that order', () => {
    const input: PremiumBracketsInput = {
      median: '123557',
      projectedMedian: '131591',
      p75: '150000',
      p90: '175000.50',
      tiers: [SPECIALIST, LEAD],
    };
    expect(premiumBrackets(input)).toEqual([
      baseline,
      // 8034 / 123557 × 100 = 6.5022... → 6.50
      { tier: 'PROJECTED', label: 'Projected median', min: '131591.00', max: '131591.00', premiumPercentMin: 6.5, premiumPercentMax: 6.5, ...within },
      // 123557 × 1.40 = 172979.8 → 172980; 123557 × 1.80 = 222402.6 → 222403
      // 222403 is above P90: the tier's top is more than the data shows.
      { tier: 'SPECIALIST', label: 'Specialist', min: '172980.00', max: '222403.00', premiumPercentMin: 40, premiumPercentMax: 80, ...beyond },
      // 123557 × 1.125 = 139001.625 → 139002; 123557 × 1.25 = 154446.25 → 154446
      { tier: 'LEAD', label: 'Lead', min: '139002.00', max: '154446.00', premiumPercentMin: 12.5, premiumPercentMax: 25, ...within },
      // P75: 26443 / 123557 × 100 = 21.4014... → 21.40
      // P90: 175000.50 rounds to 175001; 51443.5 / 123557 × 100 = 41.6354... → 41.64
      { tier: 'TOP_QUARTILE', label: 'Top quartile (P75–P90)', min: '150000.00', max: '175001.00', premiumPercentMin: 21.4, premiumPercentMax: 41.64, ...within },
    ]);
  });

  it('gives the specialist 40–80 % example exactly', () => {
    const [, specialist] = premiumBrackets({
      median: '123557',
      projectedMedian: null,
      p75: null,
      p90: null,
      tiers: [SPECIALIST],
    });
    expect(specialist).toEqual({
      tier: 'SPECIALIST',
      label: 'Specialist',
      min: '172980.00',
      max: '222403.00',
      premiumPercentMin: 40,
      premiumPercentMax: 80,
      // No P90 (too small a sample): nothing to compare the tier with.
      exceedsObserved: null,
      observedCeiling: null,
    });
  });

  it.each([
    // 100000 × 1.8 = 180000: above a P90 of 179999.49 (179999 shown), not above 179999.50 (180000 shown) or 180000.
    ['179999.49', true],
    ['179999.50', false],
    ['180000', false],
    ['250000', false],
  ])('flags a tier whose top is above the observed P90 %s: %s', (p90, exceeds) => {
    const [, specialist] = premiumBrackets({ median: '100000', projectedMedian: null, p75: null, p90, tiers: [SPECIALIST] });
    expect(specialist).toMatchObject({ max: '180000.00', exceedsObserved: exceeds, observedCeiling: Number(p90).toFixed(2) });
  });

  it.each([
    ['no projection, no P90', { projectedMedian: null, p75: '150000', p90: null }, ['BASELINE']],
    ['no projection, no P75', { projectedMedian: null, p75: null, p90: '175000' }, ['BASELINE']],
    ['projection only', { projectedMedian: '130000', p75: null, p90: null }, ['BASELINE', 'PROJECTED']],
    ['quartiles only', { projectedMedian: null, p75: '150000', p90: '175000' }, ['BASELINE', 'TOP_QUARTILE']],
  ])('includes optional brackets only when known (%s)', (_case, optional, expectedTiers) => {
    const brackets = premiumBrackets({ median: '123557', tiers: [], ...optional });
    expect(brackets.map((bracket) => bracket.tier)).toEqual(expectedTiers);
  });

  it.each([
    // median 123557.50 → 123558 (half away from zero)
    ['123557.50', [], '123558.00', '123558.00'],
    ['123557.49', [], '123557.00', '123557.00'],
    // 101 × 1.5 = 151.5 → 152; 101 × 0.9 = 90.9 → 91
    ['101', [{ tier: 'T', label: 'T', minPercent: '-10', maxPercent: '50' }], '91.00', '152.00'],
  ])('rounds median %s brackets to whole units', (median, tiers, expectedMin, expectedMax) => {
    const brackets = premiumBrackets({ median, projectedMedian: null, p75: null, p90: null, tiers });
    const last = brackets[brackets.length - 1]!;
    expect([last.min, last.max]).toEqual([expectedMin, expectedMax]);
  });

  it('reports a projected decline as a negative premium', () => {
    // (115000 − 123557) / 123557 × 100 = −6.9255... → −6.93
    const [, projected] = premiumBrackets({
      median: '123557',
      projectedMedian: '115000',
      p75: null,
      p90: null,
      tiers: [],
    });
    expect(projected).toMatchObject({ min: '115000.00', premiumPercentMin: -6.93, premiumPercentMax: -6.93 });
  });

  it.each([
    ['a zero median', { median: '0', tiers: [] }],
    ['a negative median', { median: '-1', tiers: [] }],
    ['an inverted tier', { median: '100', tiers: [{ tier: 'T', label: 'T', minPercent: '80', maxPercent: '40' }] }],
    ['a malformed percent', { median: '100', tiers: [{ tier: 'T', label: 'T', minPercent: '40%', maxPercent: '80' }] }],
  ])('rejects %s', (_case, partial) => {
    expect(() => premiumBrackets({ projectedMedian: null, p75: null, p90: null, ...partial })).toThrow(RangeError);
  });
});
