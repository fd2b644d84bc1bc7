import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

// English puts "the" before country names that are plural or name a union, republic or kingdom.
const TAKES_THE = /^(United |Dominican Republic|Central African Republic|Czech Republic|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|Vatican)|Islands$|Emirates$/;

/**
 * How a country's English name reads inside a sentence: "in the United States", "in the
 * Netherlands", but "in Canada".
 */
export function countryNameInSentence(name: string): string {
  return TAKES_THE.test(name) ? `the ${name}` : name;
}

/**
 * Node's own English names of the same countries ("Moldova", "Vietnam"), for the short forms the
 * library lists only in their official spelling ("Moldova, Republic of", "Viet Nam").
 */
let intlNames: Map<string, string> | undefined;
function intlCodeOf(name: string): string | undefined {
  if (!intlNames) {
    const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    intlNames = new Map();
    for (const code of Object.keys(countries.getAlpha2Codes())) {
      const known = regionNames.of(code);
      if (known) intlNames.set(known.toLowerCase(), code);
    }
  }
  return intlNames.get(name.toLowerCase());
}

/**
 * The ISO 3166-1 alpha-2 code of a country written as an alpha-2 or alpha-3 code (any case) or
 * an English name ("Germany", "united kingdom", "Türkiye", "UK"), or undefined when it names none.
 */
export function countryCodeOf(text: string): string | undefined {
  const written = text.trim().replace(/\s+/g, ' ');
  if (/^[A-Za-z]{2}$/.test(written) && countries.isValid(written.toUpperCase())) return written.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(written)) {
    const code = countries.alpha3ToAlpha2(written.toUpperCase());
    if (code) return code;
  }
  if (!written) return undefined;
  return countries.getSimpleAlpha2Code(written, 'en') ?? intlCodeOf(written);
}
