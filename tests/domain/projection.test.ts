import { describe, expect, it } from 'vitest';
import { projectMedian } from '../../src/domain/projection.js';

const history = (...points: Array<[string, string]>) =>
  points.map(([period, median]) => ({ period, median }));

describe('projectMedian', () => {
  it.each([
    [
      'two years: the straight line through both',
      history(['2021', '100000'], ['2022', '110000']),
      { projectedMedian: '120000.00', targetPeriod: '2023', slopePerPeriod: '10000.00' },
    ],
    [
      // x̄ = 2021, ȳ = 110; Σ(x−x̄)(y−ȳ) = (−1)(−10) + 0·10 + 1·0 = 10; Σ(x−x̄)² = 2
      // slope = 10 / 2 = 5; at 2023: 110 + 5 × 2 = 120
      'three years, not collinear',
      history(['2020', '100'], ['2021', '120'], ['2022', '110']),
      { projectedMedian: '120.00', targetPeriod: '2023', slopePerPeriod: '5.00' },
    ],
    [
      // x̄ = 2022, ȳ = 300004/3; Σ(x−x̄)(y−ȳ) = (−1)(−4/3) + 1·(5/3) = 3; Σ(x−x̄)² = 2
      // slope = 1.5; at 2024: 300004/3 + 1.5 × 2 = 100004.33 → 100004
      'rounding the projection to whole units',
      history(['2021', '100000'], ['2022', '100001'], ['2023', '100003']),
      { projectedMedian: '100004.00', targetPeriod: '2024', slopePerPeriod: '1.50' },
    ],
    [
      // slope 0.25; at 2023: 100.25 + 0.25 = 100.5 → 101 (half away from zero)
      'a projection exactly half-way between units',
      history(['2021', '100'], ['2022', '100.25']),
      { projectedMedian: '101.00', targetPeriod: '2023', slopePerPeriod: '0.25' },
    ],
    [
      'a declining trend',
      history(['2021', '100'], ['2022', '90']),
      { projectedMedian: '80.00', targetPeriod: '2023', slopePerPeriod: '-10.00' },
    ],
    [
      // x = 2019, 2021, 2022 (x̄ = 6064/3), y = 100, 120, 135 (ȳ = 355/3)
      // Σ(x−x̄)(y−ȳ) = (−5/3)(−55/3) + (1/3)(5/3) + (4/3)(50/3) = 160/3; Σ(x−x̄)² = 14/3
      // slope = 80/7 = 11.428...; at 2023: 355/3 + (80/7)(7/3) = 435/3 = 145
      'a gap in the history is weighted by real time',
      history(['2019', '100'], ['2021', '120'], ['2022', '135']),
      { projectedMedian: '145.00', targetPeriod: '2023', slopePerPeriod: '11.43' },
    ],
    [
      // months across a year boundary, t = 0, 1, 2: t̄ = 1, ȳ = 15400/3
      // Σ(t−t̄)(y−ȳ) = (−1)(−400/3) + 1·(500/3) = 300; Σ(t−t̄)² = 2 → slope 150 per month
      // at t = 3 (2026-02): 15400/3 + 150 × 2 = 5433.33 → 5433
      'monthly periods across a year boundary',
      history(['2025-11', '5000'], ['2025-12', '5100'], ['2026-01', '5300']),
      { projectedMedian: '5433.00', targetPeriod: '2026-02', slopePerPeriod: '150.00' },
    ],
  ])('%s', (_case, observations, expected) => {
    expect(projectMedian(observations)).toEqual({
      method: 'LINEAR_TREND',
      periods: observations.map(({ period }) => period),
      ...expected,
    });
  });

  it('projects to an explicit later target period', () => {
    // 110000 + 10000 × 3
    expect(projectMedian(history(['2021', '100000'], ['2022', '110000']), '2025')).toMatchObject({
      projectedMedian: '140000.00',
      targetPeriod: '2025',
    });
  });

  it.each([[[]], [history(['2022', '100000'])]])('is null with fewer than 2 periods (%j)', (observations) => {
    expect(projectMedian(observations)).toBeNull();
  });

  it.each([
    ['mixed granularities', history(['2021', '100'], ['2022-01', '110']), undefined],
    ['unsorted history', history(['2022', '100'], ['2021', '110']), undefined],
    ['duplicate periods', history(['2022', '100'], ['2022', '110']), undefined],
    ['invalid period', history(['2021', '100'], ['22', '110']), undefined],
    ['invalid median', history(['2021', '100'], ['2022', 'n/a']), undefined],
    ['target not after the latest period', history(['2021', '100'], ['2022', '110']), '2022'],
    ['target of another granularity', history(['2021', '100'], ['2022', '110']), '2023-01'],
  ])('rejects %s', (_case, observations, target) => {
    expect(() => projectMedian(observations, target)).toThrow(RangeError);
  });
});
