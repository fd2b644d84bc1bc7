import { describe, expect, it } from 'vitest';
import { countryOfLocation } from '../../src/domain/location.js';
import { US_STATE_CODES } from '../../src/domain/us-states.js';

describe('countryOfLocation', () => {
  it.each([
    ['Seattle, WA', 'US'],
    ['Washington, DC', 'US'],
    ['new york, ny', 'US'],
    // Two parts with a state code are a US city, even where the code is a country's too (CA, DE, IN).
    ['San Francisco, CA', 'US'],
    ['Dover, DE', 'US'],
    ['London, EN, United Kingdom', 'GB'],
    ['Bengaluru, KA, India', 'IN'],
    ['Toronto, ON, Canada', 'CA'],
    ['Zurich, ZH, Switzerland', 'CH'],
    ['Paris, France', 'FR'],
    ['Berlin, BE, DEU', 'DE'],
    ['Singapore', 'SG'],
    ['Austin, TX, United States', 'US'],
  ])('%s → %s', (location, code) => {
    expect(countryOfLocation(location)).toBe(code);
  });

  it.each(['', 'Springfield', 'Toronto, ON', 'Somewhere, XX', 'London, EN, Atlantis'])('%j names no country', (location) => {
    expect(countryOfLocation(location)).toBeUndefined();
  });
});

describe('US_STATE_CODES', () => {
  it('holds the 50 states and DC', () => {
    expect(US_STATE_CODES.size).toBe(51);
    expect(US_STATE_CODES.has('DC')).toBe(true);
    expect(US_STATE_CODES.has('PR')).toBe(false);
  });
});
