import { describe, expect, it } from 'vitest';
import { formatMoney, formatSignedMoney } from '../../src/domain/money.js';

// Outputs are Node 20's ICU (CLDR) conventions; NBSP is U+00A0 no-break space.
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it.each([
    ['123557.00', 'CAD', '$123,557'],
    ['145000', 'USD', '$145,000'],
    ['123557', 'EUR', `123.557${NBSP}€`],
    ['123557', 'GBP', '£123,557'],
    ['1234567', 'INR', '₹12,34,567'], // Indian lakh grouping
    ['5000000', 'JPY', '￥5,000,000'], // U+FFE5 fullwidth yen sign in ja-JP
    ['123557', 'AUD', '$123,557'],
    ['123557', 'CHF', `CHF${NBSP}123'557`],
    ['123557', 'BRL', `R$${NBSP}123.557`],
    ['123557', 'SEK', `SEK${NBSP}123,557`], // no home locale: en-US shows the code
    ['123557', 'cad', '$123,557'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it.each([
    ['123556.50', 'CAD', '$123,557'], // half away from zero
    ['123557.49', 'CAD', '$123,557'],
    ['-0.50', 'CAD', '-$1'],
    ['-0.49', 'CAD', '$0'], // rounds to zero: no sign
    ['-8034', 'CAD', '-$8,034'],
    ['-8034', 'EUR', `-8.034${NBSP}€`],
    ['-8034', 'CHF', "CHF-8'034"], // de-CH puts the minus after the symbol
    ['12345678901234567.50', 'USD', '$12,345,678,901,234,568'], // beyond double precision
  ])('rounds to whole units and keeps signs: %s %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it.each([
    ['139784', 'EUR', 'en-GB', '€139,784'],
    ['139784', 'EUR', 'de-DE', `139.784${NBSP}€`],
    ['139784', 'EUR', 'fr-FR', `139${'\u202f'}784${NBSP}€`], // U+202F narrow no-break space groups digits
    ['123557', 'CAD', 'en-GB', 'CA$123,557'],
  ])('%s %s in the locale asked for, %s → %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });

  it.each([
    ['12,000', 'CAD'],
    ['100', 'ZZ'],
  ])('rejects amount %j in %j', (amount, currency) => {
    expect(() => formatMoney(amount, currency)).toThrow(RangeError);
  });
});

describe('formatSignedMoney', () => {
  it.each([
    ['8034.00', 'CAD', '+$8,034'],
    ['-8034', 'CAD', '-$8,034'],
    ['0', 'CAD', '$0'],
    ['0.40', 'CAD', '$0'],
    ['0.50', 'CAD', '+$1'],
    ['8034', 'EUR', `+8.034${NBSP}€`],
    ['8034', 'GBP', '+£8,034'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatSignedMoney(amount, currency)).toBe(expected);
  });
});
