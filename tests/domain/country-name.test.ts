import { describe, expect, it } from 'vitest';
import { countryCodeOf, countryNameInSentence } from '../../src/domain/country-name.js';

describe('countryNameInSentence', () => {
  it.each([
    ['United States', 'the United States'],
    ['United Kingdom', 'the United Kingdom'],
    ['United Arab Emirates', 'the United Arab Emirates'],
    ['Netherlands', 'the Netherlands'],
    ['Philippines', 'the Philippines'],
    ['Cayman Islands', 'the Cayman Islands'],
    ['Dominican Republic', 'the Dominican Republic'],
    ['Canada', 'Canada'],
    ['Germany', 'Germany'],
    ['Czechia', 'Czechia'],
    ['Ireland', 'Ireland'],
  ])('%s → %s', (name, expected) => {
    expect(countryNameInSentence(name)).toBe(expected);
  });
});

describe('countryCodeOf', () => {
  it.each([
    ['US', 'US'],
    ['de', 'DE'],
    ['XK', 'XK'],
    ['DEU', 'DE'],
    ['usa', 'US'],
    ['Germany', 'DE'],
    ['united kingdom', 'GB'],
    ['  United   States ', 'US'],
    ['UK', 'GB'],
    ['Türkiye', 'TR'],
    ['Moldova', 'MD'],
    ['Vietnam', 'VN'],
    ['U.S.', 'US'],
  ])('%s → %s', (text, code) => {
    expect(countryCodeOf(text)).toBe(code);
  });

  it.each(['', 'XX', 'ABC', 'Atlantis'])('%j names no country', (text) => {
    expect(countryCodeOf(text)).toBeUndefined();
  });
});
