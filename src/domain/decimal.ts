/**
 * Minimal exact decimal arithmetic for money and percentages.
 *
 * Values are held as BigInt "scaled integers": the decimal value multiplied by
 * 10^SCALE_DIGITS (so "123557.25" is 123557250000n). Addition and subtraction
 * are plain BigInt `+` / `-`; the helpers below cover parsing, formatting and
 * the operations whose exact result can need more digits than the scale
 * (multiplication and division). Those take the number of fraction digits to
 * keep and round exactly once, half away from zero, so no double rounding
 * can occur.
 */

/** Number of fraction digits held exactly by a scaled value. */
const SCALE_DIGITS = 6;

/** The scaled representation of 1 (10^SCALE_DIGITS). */
export const SCALE = 10n ** BigInt(SCALE_DIGITS);

const DECIMAL_PATTERN = /^[+-]?\d+(?:\.\d+)?$/;

/** 10^0 … 10^SCALE_DIGITS, so hot paths look powers up instead of computing them. */
const POWERS_OF_TEN = Array.from({ length: SCALE_DIGITS + 1 }, (_, exponent) => 10n ** BigInt(exponent));

/**
 * Divides two integers and rounds the quotient half away from zero.
 * @returns the rounded integer quotient.
 */
function divideRoundingHalfAwayFromZero(dividend: bigint, divisor: bigint): bigint {
  if (divisor === 0n) {
    throw new RangeError('Division by zero');
  }
  const negative = dividend < 0n !== divisor < 0n;
  const absDividend = dividend < 0n ? -dividend : dividend;
  const absDivisor = divisor < 0n ? -divisor : divisor;
  const magnitude = (2n * absDividend + absDivisor) / (2n * absDivisor);
  return negative ? -magnitude : magnitude;
}

function assertFractionDigits(fractionDigits: number): void {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > SCALE_DIGITS) {
    throw new RangeError(
      `fractionDigits must be an integer from 0 to ${SCALE_DIGITS}, got ${fractionDigits}`,
    );
  }
}

/**
 * Parses a plain decimal string such as "123557.00", "-8034" or "40.5".
 * Digits beyond SCALE_DIGITS are rounded half away from zero.
 * @returns the value as a scaled integer (value × 10^SCALE_DIGITS).
 * @throws RangeError when the text is not a plain decimal number.
 */
export function toScaled(decimal: string): bigint {
  if (!DECIMAL_PATTERN.test(decimal)) {
    throw new RangeError(`Not a decimal number: "${decimal}"`);
  }
  const signed = decimal[0] === '-' || decimal[0] === '+';
  const point = decimal.indexOf('.');
  const integerPart = decimal.slice(signed ? 1 : 0, point === -1 ? undefined : point);
  const fractionPart = point === -1 ? '' : decimal.slice(point + 1);
  const magnitude =
    fractionPart.length <= SCALE_DIGITS
      ? BigInt(integerPart + fractionPart.padEnd(SCALE_DIGITS, '0'))
      : divideRoundingHalfAwayFromZero(BigInt(integerPart + fractionPart), 10n ** BigInt(fractionPart.length - SCALE_DIGITS));
  return decimal[0] === '-' ? -magnitude : magnitude;
}

/**
 * Computes dividend / divisor where the dividend is a scaled value and the
 * divisor a plain integer, rounding the exact quotient once, half away from
 * zero, to `fractionDigits` fraction digits.
 * @returns the rounded quotient as a scaled integer.
 */
export function divideScaled(dividend: bigint, divisor: bigint, fractionDigits: number): bigint {
  assertFractionDigits(fractionDigits);
  const droppedDigitsUnit = POWERS_OF_TEN[SCALE_DIGITS - fractionDigits]!;
  return divideRoundingHalfAwayFromZero(dividend, divisor * droppedDigitsUnit) * droppedDigitsUnit;
}

/**
 * Rounds a scaled value half away from zero to `fractionDigits` fraction
 * digits (0 = whole units).
 * @returns the rounded value, still as a scaled integer.
 */
export function roundScaled(scaled: bigint, fractionDigits: number): bigint {
  assertFractionDigits(fractionDigits);
  // Amounts usually have no more digits than asked for: nothing to round then.
  return scaled % POWERS_OF_TEN[SCALE_DIGITS - fractionDigits]! === 0n ? scaled : divideScaled(scaled, 1n, fractionDigits);
}

/**
 * Formats a scaled value as a plain decimal string with exactly
 * `fractionDigits` fraction digits, rounding half away from zero
 * (e.g. 8034000000n with 2 digits gives "8034.00"). A value that rounds to
 * zero is written without a sign.
 * @returns the decimal string.
 */
export function fromScaled(scaled: bigint, fractionDigits: number): string {
  const rounded = roundScaled(scaled, fractionDigits);
  const digits = (rounded < 0n ? -rounded : rounded).toString().padStart(SCALE_DIGITS + 1, '0');
  const sign = rounded < 0n ? '-' : '';
  const integerPart = digits.slice(0, -SCALE_DIGITS);
  return fractionDigits === 0 ? sign + integerPart : `${sign}${integerPart}.${digits.slice(-SCALE_DIGITS, digits.length - SCALE_DIGITS + fractionDigits)}`;
}

/**
 * Increases an amount by a percentage: amount × (1 + percent / 100), e.g.
 * 123557 increased by 40 % is 172979.8. Both arguments are scaled values.
 * @returns the exact result rounded once, half away from zero, to
 * `fractionDigits` fraction digits, as a scaled integer.
 */
export function increaseByPercent(amount: bigint, percent: bigint, fractionDigits: number): bigint {
  const hundredPercent = 100n * SCALE;
  return divideScaled(amount * (hundredPercent + percent), hundredPercent, fractionDigits);
}

/**
 * Relative change from `base` to `value` in percent: (value − base) / base × 100,
 * e.g. 123557 → 131591 is 6.502... %. Both arguments are scaled values.
 * @returns the percentage rounded once, half away from zero, to
 * `fractionDigits` fraction digits, as a scaled integer.
 * @throws RangeError when base is zero.
 */
export function percentChange(base: bigint, value: bigint, fractionDigits: number): bigint {
  // (value − base) · 100 · SCALE / base is the scaled percentage; the extra
  // SCALE factor keeps the quotient of two scaled values on the scale.
  return divideScaled((value - base) * 100n * SCALE, base, fractionDigits);
}
