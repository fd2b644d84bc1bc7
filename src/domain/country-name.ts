// English puts "the" before country names that are plural or name a union, republic or kingdom.
const TAKES_THE = /^(United |Dominican Republic|Central African Republic|Czech Republic|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|Vatican)|Islands$|Emirates$/;

/**
 * How a country's English name reads inside a sentence: "in the United States", "in the
 * Netherlands", but "in Canada".
 */
export function countryNameInSentence(name: string): string {
  return TAKES_THE.test(name) ? `the ${name}` : name;
}
