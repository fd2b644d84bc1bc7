/**
 * Display formatting of annual salary amounts.
 */
import { roundScaled, SCALE, toScaled } from './decimal.js';

/**
 * Locale whose conventions readers of each currency expect (symbol, symbol
 * position, digit grouping). Other currencies fall back to en-US, where Intl
 * shows the ISO code, e.g. "SEK 123,557".
 */
const HOME_LOCALE_BY_CURRENCY: Readonly<Record<string, string>> = {
  AUD: 'en-AU',
  BRL: 'pt-BR',
  CAD: 'en-CA',
  CHF: 'de-CH',
  EUR: 'de-DE',
  GBP: 'en-GB',
  INR: 'en-IN',
  JPY: 'ja-JP',
  USD: 'en-US',
};

const FALLBACK_LOCALE = 'en-US';

function formatWholeUnits(
  amount: string,
  currencyCode: string,
  signDisplay: 'auto' | 'exceptZero',
  locale: string | undefined,
): string {
  const currency = currencyCode.toUpperCase();
  const formatter = new Intl.NumberFormat(locale ?? HOME_LOCALE_BY_CURRENCY[currency] ?? FALLBACK_LOCALE, {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
    signDisplay,
  });
  // Round exactly here and hand Intl an integer, so no float rounding is involved.
  return formatter.format(roundScaled(toScaled(amount), 0) / SCALE);
}

/**
 * Formats a decimal amount in whole currency units (half away from zero)
 * with the conventions of `locale`, by default the currency's home locale,
 * keeping a minus sign for negative amounts: "123557.00" CAD → "$123,557",
 * EUR → "123.557 €" (U+00A0 no-break space before €), EUR in en-GB → "€123,557".
 * @returns the formatted amount.
 * @throws RangeError for an invalid amount, currency code or locale.
 */
export function formatMoney(amount: string, currencyCode: string, locale?: string): string {
  return formatWholeUnits(amount, currencyCode, 'auto', locale);
}

/**
 * Like {@link formatMoney} but with an explicit "+" on amounts that are
 * positive after rounding, for showing changes: "8034.00" CAD → "+$8,034",
 * "-8034" → "-$8,034", "0.40" → "$0".
 * @returns the formatted amount with its sign.
 * @throws RangeError for an invalid amount or currency code.
 */
export function formatSignedMoney(amount: string, currencyCode: string): string {
  return formatWholeUnits(amount, currencyCode, 'exceptZero', undefined);
}
