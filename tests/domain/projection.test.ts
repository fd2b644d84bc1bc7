import { describe, expect, it } from 'vitest';
import { isProjection, projectMedian, type MedianObservation } from '../../src/domain/projection.js';

const history = (...points: Array<[string, string, number]>): MedianObservation[] => points.map(([period, median, sampleSize]) => ({ period, median, sampleSize }));

/**
 * The textbook weighted least-squares fit in floating point, independent of the exact arithmetic
 * under test: returns the fitted value at x* and the half-width of its 95 % interval.
 */
function referenceFit(points: Array<{ x: number; y: number; w: number }>, xStar: number, t: number) {
  const W = points.reduce((sum, p) => sum + p.w, 0);
  const xBar = points.reduce((sum, p) => sum + p.w * p.x, 0) / W;
  const yBar = points.reduce((sum, p) => sum + p.w * p.y, 0) / W;
  const sxx = points.reduce((sum, p) => sum + p.w * (p.x - xBar) ** 2, 0);
  const sxy = points.reduce((sum, p) => sum + p.w * (p.x - xBar) * (p.y - yBar), 0);
  const slope = sxy / sxx;
  const fitted = (x: number) => yBar + slope * (x - xBar);
  const s2 = points.reduce((sum, p) => sum + p.w * (p.y - fitted(p.x)) ** 2, 0) / (points.length - 2);
  const se = Math.sqrt(s2 * (1 / W + (xStar - xBar) ** 2 / sxx));
  return { point: fitted(xStar), halfWidth: t * se, slope };
}

const whole = (value: number) => `${Math.round(value)}.00`;

describe('projectMedian', () => {
  it('fits a straight line exactly through collinear medians, with no range to speak of', () => {
    const outcome = projectMedian(history(['2020', '100000', 10], ['2021', '110000', 50], ['2022', '120000', 400]));
    expect(outcome).toMatchObject({ projectedMedian: '130000.00', low: '130000.00', high: '130000.00', method: 'WEIGHTED_LINEAR_TREND', targetPeriod: '2023', slopePerPeriod: '10000.00', periods: ['2020', '2021', '2022'] });
  });

  it('weights each period by its sample size and gives the 95 % range of the fit (t with 1 degree of freedom)', () => {
    const points = [
      { x: 2021, y: 130000, w: 19 },
      { x: 2022, y: 145000, w: 409 },
      { x: 2023, y: 147000, w: 472 },
    ];
    const expected = referenceFit(points, 2024, 12.706);
    const outcome = projectMedian(history(['2021', '130000', 19], ['2022', '145000', 409], ['2023', '147000', 472]));
    expect(outcome).toMatchObject({
      projectedMedian: whole(expected.point),
      low: whole(expected.point - expected.halfWidth),
      high: whole(expected.point + expected.halfWidth),
      targetPeriod: '2024',
      slopePerPeriod: expected.slope.toFixed(2),
    });
    // Unweighted, the thin 2021 would pull the line as hard as the 472 people of 2023.
    const unweighted = referenceFit(points.map((point) => ({ ...point, w: 1 })), 2024, 12.706);
    expect(Math.abs(unweighted.point - expected.point)).toBeGreaterThan(1000);
  });

  it('leaves out periods with fewer than 10 observations, and says so', () => {
    const points = [
      { x: 2020, y: 90000, w: 12 },
      { x: 2022, y: 100000, w: 30 },
      { x: 2023, y: 104000, w: 45 },
    ];
    const expected = referenceFit(points, 2024, 12.706);
    const outcome = projectMedian(history(['2020', '90000', 12], ['2021', '400000', 3], ['2022', '100000', 30], ['2023', '104000', 45]));
    expect(isProjection(outcome)).toBe(true);
    expect(outcome).toMatchObject({ projectedMedian: whole(expected.point), high: whole(expected.point + expected.halfWidth), periods: ['2020', '2022', '2023'] });
    expect((outcome as { note: string }).note).toContain('Left out, with fewer than 10 observations: 2021 (n = 3).');
    expect((outcome as { note: string }).note).toMatch(/weighted by its sample size, read off at 2024/);
  });

  it('uses t for k − 2 degrees of freedom with more periods', () => {
    const points = [
      { x: 2019, y: 100000, w: 20 },
      { x: 2020, y: 104000, w: 25 },
      { x: 2021, y: 103000, w: 40 },
      { x: 2022, y: 109000, w: 60 },
      { x: 2023, y: 112000, w: 80 },
    ];
    // Student's t, 95 % two-sided, 3 degrees of freedom.
    const expected = referenceFit(points, 2025, 3.182);
    const outcome = projectMedian(
      points.map(({ x, y, w }) => ({ period: String(x), median: String(y), sampleSize: w })),
      '2025',
    );
    expect(outcome).toMatchObject({ projectedMedian: whole(expected.point), low: whole(expected.point - expected.halfWidth), high: whole(expected.point + expected.halfWidth), targetPeriod: '2025' });
  });

  it('never gives a range below zero', () => {
    const outcome = projectMedian(history(['2020', '100', 10], ['2021', '120', 10], ['2022', '110', 10]));
    // OLS through (2020, 100), (2021, 120), (2022, 110): slope 5, 120 at 2023; residuals −5, 10, −5.
    expect(outcome).toMatchObject({ projectedMedian: '120.00', low: '0.00' });
  });

  it.each([
    [[], 'There is no history to project from.'],
    [history(['2022', '100000', 400]), 'A trend with a range needs at least 3 periods with 10 or more observations each; this market has only 1 (2022 (n = 400)) up to 2022.'],
    [
      history(['2020', '90000', 3], ['2021', '100000', 19], ['2022', '110000', 409]),
      'A trend with a range needs at least 3 periods with 10 or more observations each; this market has only 2 (2021 (n = 19), 2022 (n = 409)) up to 2022. Left out, with fewer than 10 observations: 2020 (n = 3).',
    ],
    [history(['2021', '1', 2], ['2022', '2', 2], ['2023', '3', 9]), 'A trend with a range needs at least 3 periods with 10 or more observations each; this market has none up to 2023. Left out, with fewer than 10 observations: 2021 (n = 2), 2022 (n = 2), 2023 (n = 9).'],
  ])('projects nothing from too little history, and says why (%#)', (observations, reason) => {
    expect(projectMedian(observations)).toEqual({ reason });
  });

  it.each([
    ['mixed granularities', history(['2021', '100', 10], ['2022-01', '110', 10]), undefined],
    ['unsorted history', history(['2022', '100', 10], ['2021', '110', 10]), undefined],
    ['duplicate periods', history(['2022', '100', 10], ['2022', '110', 10]), undefined],
    ['invalid period', history(['2021', '100', 10], ['22', '110', 10]), undefined],
    ['invalid median', history(['2020', '1', 10], ['2021', '100', 10], ['2022', 'n/a', 10]), undefined],
    ['invalid sample size', history(['2021', '100', 10], ['2022', '110', -1]), undefined],
    ['target not after the latest period', history(['2021', '100', 10], ['2022', '110', 10]), '2022'],
    ['target of another granularity', history(['2021', '100', 10], ['2022', '110', 10]), '2023-01'],
  ])('rejects %s', (_case, observations, target) => {
    expect(() => projectMedian(observations, target)).toThrow(RangeError);
  });
});
