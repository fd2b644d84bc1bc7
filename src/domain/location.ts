import { countryCodeOf } from './country-name.js';
import { US_STATE_CODES } from './us-states.js';

/**
 * The country of a free-text location as crowd-sourced salary data writes it: "City, ST" with a
 * US state or DC code is the United States ("Seattle, WA"); otherwise the last comma-separated
 * part names the country ("London, EN, United Kingdom", "Bengaluru, KA, India", "Germany").
 * Two parts whose second is a state code are read as a US city even where that code is also a
 * country's ("Berlin, DE" is Delaware): such files write other countries out in a third part.
 * @returns the ISO 3166-1 alpha-2 code, or undefined when the location names no country.
 */
export function countryOfLocation(location: string): string | undefined {
  const parts = location.split(',').map((part) => part.trim());
  if (parts.length === 2 && US_STATE_CODES.has(parts[1]!.toUpperCase())) return 'US';
  return countryCodeOf(parts.at(-1)!);
}
