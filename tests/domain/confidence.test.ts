import { describe, expect, it } from 'vitest';
import { confidenceFor, isIndicativeOnly } from '../../src/domain/confidence.js';

describe('confidenceFor', () => {
  it.each([
    [0, 'INSUFFICIENT'],
    [1, 'INSUFFICIENT'],
    [2, 'INSUFFICIENT'],
    [3, 'LOW'],
    [9, 'LOW'],
    [10, 'MODERATE'],
    [29, 'MODERATE'],
    [30, 'HIGH'],
    [100_000, 'HIGH'],
  ] as const)('grades %i data points as %s', (sampleSize, level) => {
    expect(confidenceFor(sampleSize)).toMatchObject({ level, sampleSize });
  });

  it.each([
    [0, 'Based on 0 data points: there is no data to report yet.'],
    [1, 'Based on 1 data point: too few to be reliable; treat these figures as indicative only.'],
    [2, 'Based on 2 data points: too few to be reliable; treat these figures as indicative only.'],
    [
      5,
      'Based on 5 data points: a small sample; treat these figures as indicative only, as they may shift noticeably when more data arrives.',
    ],
    [
      15,
      'Based on 15 data points: a reasonable sample; these figures are fairly stable but may still move as more data arrives.',
    ],
    [
      12_345,
      'Based on 12,345 data points: a large sample; these figures are a reliable picture of the market.',
    ],
  ])('explains %i data points in plain language', (sampleSize, note) => {
    expect(confidenceFor(sampleSize).note).toBe(note);
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects sample size %s', (sampleSize) => {
    expect(() => confidenceFor(sampleSize)).toThrow(RangeError);
  });
});

describe('isIndicativeOnly', () => {
  it.each([
    ['INSUFFICIENT', true],
    ['LOW', true],
    ['MODERATE', false],
    ['HIGH', false],
  ] as const)('%s → %s', (level, expected) => {
    expect(isIndicativeOnly(level)).toBe(expected);
  });
});
