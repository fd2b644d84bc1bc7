/**
 * The fixed set of names a report template may use. Every value is computed per request from the
 * market's snapshot (see report-facts.ts); a template naming anything else is refused on save.
 */

export type PlaceholderKind = 'TEXT' | 'CONDITION';

export interface PlaceholderSpec {
  /** TEXT is inserted with {{name}}; a CONDITION only switches blocks ({{#name}}…{{/name}}). */
  kind: PlaceholderKind;
  description: string;
}

const text = (description: string) => ({ kind: 'TEXT' as const, description });
const condition = (description: string) => ({ kind: 'CONDITION' as const, description });

export const PLACEHOLDERS = {
  'role.title': text('Title of the role, e.g. "Machine Learning Lead".'),
  'role.category': text('Category of the role, e.g. "Data Science & AI".'),
  'country.name': text('Name of the country, e.g. "Canada", "United States".'),
  'country.nameInSentence': text('The name as it reads inside a sentence, e.g. "Canada", "the United States".'),
  'country.code': text('ISO 3166-1 alpha-2 code of the country, e.g. "CA".'),
  currency: text('ISO 4217 code of the currency the figures are in, e.g. "CAD".'),
  period: text('Period of the snapshot, e.g. "2026-04" or "2022".'),
  lastUpdated: text('Period of the snapshot in words, e.g. "April 2026".'),
  sampleSize: text('Number of data points behind the figures, e.g. "2".'),
  dataPoints: text('The sample size with its unit, e.g. "2 data points".'),
  'confidence.level': text('How far the figures can be trusted: "insufficient", "low", "moderate" or "high".'),
  'confidence.note': text('The sample size and what it means for the reader, e.g. "Based on 2 data points: too few to be reliable; treat these figures as indicative only." Required in the Market Overview.'),
  indicativeOnly: condition('True when confidence is INSUFFICIENT or LOW: the figures are indicative only.'),
  median: text('Median annual salary, e.g. "$123,557".'),
  projectedMedian: text('Where the median is projected to go, e.g. "$131,591"; missing without a projection.'),
  'growth.absolute': text('Projected median minus median, signed, e.g. "+$8,034".'),
  'growth.percent': text('The same move in percent of the median, signed, e.g. "+6.5 %".'),
  'growth.direction': text('"up", "down" or "flat".'),
  'growth.up': condition('True when the projected median is above the median.'),
  'projection.horizon': text('The period the median is projected to, e.g. "2024"; missing without a projection or when the source states none.'),
  'projection.range': text('The 95 % range of a computed projection at its horizon, e.g. "$139,000 – $171,000"; missing for a projection stated by a source.'),
  'projection.note': text('How the projection was computed (weights, range, periods left out, currency conversions and their rates), or why there is none.'),
  'previous.period': text('The previous period of the same market, e.g. "2021"; missing when there is none.'),
  'previous.median': text('Median of the previous period, e.g. "$130,000".'),
  'previous.change': text('Median minus the previous median, signed, e.g. "+$15,000".'),
  'previous.percent': text('The same change in percent, signed, e.g. "+11.54 %".'),
  'previous.conversion': text('When the previous median was in another currency: how it was converted, e.g. "converted from €50,000 at 1.0870 USD per EUR, the 2021 rate: …"; missing otherwise.'),
  p10: text('10th percentile salary; missing when the sample cannot support it.'),
  p25: text('25th percentile salary; missing when the sample cannot support it.'),
  p75: text('75th percentile salary; missing when the sample cannot support it.'),
  p90: text('90th percentile salary; missing when the sample cannot support it.'),
  interquartileRange: text('The middle half of salaries, P25 – P75, e.g. "$117,000 – $180,000".'),
  topQuartile: text('The top quartile band, P75 – P90, e.g. "$180,000 – $220,000".'),
  medianInterval: text('95 % confidence interval of the median, e.g. "$139,000 – $150,000".'),
  specialistBracket: text('Pay of the specialist tier, e.g. "$172,980 – $222,403"; missing without a SPECIALIST tier.'),
  'specialist.minPercent': text('Lower bound of the specialist tier above the median, e.g. "40 %".'),
  'specialist.maxPercent': text('Upper bound of the specialist tier above the median, e.g. "80 %".'),
  'specialist.exceedsObserved': condition('True when the top of the specialist tier is above the market\'s observed 90th percentile ({{p90}}).'),
  topSkill: text('The skill ranked first in the market, e.g. "Python (NumPy/Pandas)"; missing without skills.'),
  topSkills: text('The (up to) three top skills in words, e.g. "Python (NumPy/Pandas) and Statistics".'),
  'skills.list': text('Every skill of the market as a numbered Markdown list, rank 1 first, with its premium when known.'),
  topCertification: text('The certification ranked first, e.g. "AWS Machine Learning Specialty"; missing without certifications.'),
  'topCertification.issuer': text('Who awards the top certification, e.g. "Amazon Web Services"; missing when unknown.'),
  'certifications.list': text('Every certification of the market as a Markdown bullet list, most valuable first.'),
} as const satisfies Record<string, PlaceholderSpec>;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

/** The values of every placeholder for one market: text (null when the market lacks it) or a condition. */
export type ReportFacts = {
  [Name in PlaceholderName]: (typeof PLACEHOLDERS)[Name]['kind'] extends 'CONDITION' ? boolean : string | null;
};

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}
