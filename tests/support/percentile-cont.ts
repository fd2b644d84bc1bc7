/**
 * The reference computation tests compare SQL statistics with (not used by the application).
 */

/**
 * Continuous percentile with linear interpolation between the closest ranks,
 * computed exactly as PostgreSQL's `percentile_cont(fraction) WITHIN GROUP
 * (ORDER BY value)` does on double precision values: position =
 * fraction × (n − 1); with lo / hi the values at floor(position) and
 * ceil(position) (0-based), the result is lo + (position − floor(position)) × (hi − lo).
 * Decimal strings are converted to doubles first, as PostgreSQL does.
 * @returns the interpolated percentile, or null for an empty sample (SQL NULL).
 * @throws RangeError when fraction is outside [0, 1], a value is not a
 * number, or the values are not sorted ascending.
 */
export function percentileCont(
  sortedValues: readonly number[] | readonly string[],
  fraction: number,
): number | null {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`Percentile fraction must be between 0 and 1, got ${fraction}`);
  }
  const values = sortedValues.map(Number);
  values.forEach((value, index) => {
    if (Number.isNaN(value)) {
      throw new RangeError(`Value at index ${index} is not a number: "${sortedValues[index]}"`);
    }
    if (index > 0 && value < values[index - 1]!) {
      throw new RangeError(`Values must be sorted ascending; index ${index} is smaller than its predecessor`);
    }
  });
  if (values.length === 0) {
    return null;
  }
  const position = fraction * (values.length - 1);
  const lowerIndex = Math.floor(position);
  const upperIndex = Math.ceil(position);
  const lower = values[lowerIndex]!;
  if (lowerIndex === upperIndex) {
    return lower;
  }
  return lower + (position - lowerIndex) * (values[upperIndex]! - lower);
}
