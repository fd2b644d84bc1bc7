import { describe, expect, it } from 'vitest';
import { countryNameInSentence } from '../../src/domain/country-name.js';

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
