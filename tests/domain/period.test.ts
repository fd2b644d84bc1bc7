import { describe, expect, it } from 'vitest';
import {
  formatPeriod,
  formatPeriodHuman,
  nextPeriod,
  parsePeriod,
  periodOrdinal,
} from '../../src/domain/period.js';

describe('parsePeriod', () => {
  it.each([
    ['2022', { kind: 'YEAR', year: 2022 }],
    ['2026-04', { kind: 'MONTH', year: 2026, month: 4 }],
    ['2026-01', { kind: 'MONTH', year: 2026, month: 1 }],
    ['2026-12', { kind: 'MONTH', year: 2026, month: 12 }],
    ['0850', { kind: 'YEAR', year: 850 }],
  ])('parses %s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it.each([
    ['22', /expected a year "YYYY" or a month "YYYY-MM"/],
    ['2022-4', /expected a year/],
    ['2022-04-01', /expected a year/],
    ['2022/04', /expected a year/],
    [' 2022', /expected a year/],
    ['abcd', /expected a year/],
    ['0000', /expected a year/],
    ['', /expected a year/],
    ['2022-13', /month must be between 01 and 12/],
    ['2022-00', /month must be between 01 and 12/],
  ])('rejects %j with a RangeError', (text, message) => {
    expect(() => parsePeriod(text)).toThrow(RangeError);
    expect(() => parsePeriod(text)).toThrow(message);
  });
});

describe('formatPeriod', () => {
  it.each([
    [{ kind: 'YEAR', year: 2022 }, '2022'],
    [{ kind: 'MONTH', year: 2026, month: 4 }, '2026-04'],
    [{ kind: 'YEAR', year: 850 }, '0850'],
  ] as const)('formats %j as %s', (period, expected) => {
    expect(formatPeriod(period)).toBe(expected);
  });
});

describe('formatPeriodHuman', () => {
  it.each([
    ['2026-04', 'April 2026'],
    ['2026-01', 'January 2026'],
    ['2025-12', 'December 2025'],
    ['2022', '2022'],
  ])('%s → %s', (text, expected) => {
    expect(formatPeriodHuman(text)).toBe(expected);
  });

  it('rejects invalid periods', () => {
    expect(() => formatPeriodHuman('April 2026')).toThrow(RangeError);
  });
});

describe('periodOrdinal', () => {
  it.each([
    ['2022', 2022],
    ['2026-01', 24_312], // 2026 × 12 + 0
    ['2026-04', 24_315], // 2026 × 12 + 3
  ])('%s → %i', (text, expected) => {
    expect(periodOrdinal(parsePeriod(text))).toBe(expected);
  });
});

describe('nextPeriod', () => {
  it.each([
    ['2022', '2023'],
    ['2026-04', '2026-05'],
    ['2026-12', '2027-01'],
    ['0999', '1000'],
  ])('%s → %s', (text, expected) => {
    expect(nextPeriod(text)).toBe(expected);
  });

  it.each(['9999', '9999-12'])('has no successor for %s', (text) => {
    expect(() => nextPeriod(text)).toThrow(RangeError);
  });
});
