/**
 * Reporting periods: a calendar year ("2022") or a calendar month ("2026-04").
 */

/** A parsed reporting period. */
export type Period =
  | { kind: 'YEAR'; year: number }
  | { kind: 'MONTH'; year: number; month: number };

const PERIOD_PATTERN = /^(\d{4})(?:-(\d{2}))?$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const LAST_YEAR = 9999;

/**
 * Parses "YYYY" or "YYYY-MM" (month 01–12, year 0001–9999).
 * @returns the period's kind, year and (for months) month number 1–12.
 * @throws RangeError when the text is not a valid period.
 */
export function parsePeriod(text: string): Period {
  const match = PERIOD_PATTERN.exec(text);
  if (match === null || match[1] === '0000') {
    throw new RangeError(
      `Invalid period "${text}": expected a year "YYYY" or a month "YYYY-MM", e.g. "2022" or "2026-04"`,
    );
  }
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { kind: 'YEAR', year };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    throw new RangeError(`Invalid period "${text}": month must be between 01 and 12`);
  }
  return { kind: 'MONTH', year, month };
}

/**
 * @returns the canonical text of a period: "2022" or "2026-04".
 */
export function formatPeriod(period: Period): string {
  const year = String(period.year).padStart(4, '0');
  return period.kind === 'YEAR' ? year : `${year}-${String(period.month).padStart(2, '0')}`;
}

/**
 * @returns the period in words: "April 2026" for "2026-04", "2022" for "2022".
 * @throws RangeError when the text is not a valid period.
 */
export function formatPeriodHuman(text: string): string {
  const period = parsePeriod(text);
  return period.kind === 'YEAR' ? String(period.year) : `${MONTH_NAMES[period.month - 1]} ${period.year}`;
}

/**
 * Position of a period on a uniform timeline of its own granularity: the
 * year for yearly periods, year × 12 + (month − 1) for monthly ones, so
 * consecutive periods always differ by exactly 1.
 * @returns the period's ordinal.
 */
export function periodOrdinal(period: Period): number {
  return period.kind === 'YEAR' ? period.year : period.year * 12 + period.month - 1;
}

/**
 * @returns the period immediately after the given one, same granularity:
 * "2022" → "2023", "2026-12" → "2027-01".
 * @throws RangeError when the text is invalid or the next period would be after 9999.
 */
export function nextPeriod(text: string): string {
  const period = parsePeriod(text);
  const next: Period =
    period.kind === 'YEAR'
      ? { kind: 'YEAR', year: period.year + 1 }
      : period.month === 12
        ? { kind: 'MONTH', year: period.year + 1, month: 1 }
        : { kind: 'MONTH', year: period.year, month: period.month + 1 };
  if (next.year > LAST_YEAR) {
    throw new RangeError(`Period "${text}" has no successor: years end at ${LAST_YEAR}`);
  }
  return formatPeriod(next);
}
