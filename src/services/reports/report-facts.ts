import { countryNameInSentence } from '../../domain/country-name.js';
import { fromScaled, toScaled } from '../../domain/decimal.js';
import type { PremiumBracket } from '../../domain/brackets.js';
import { confidenceFor, isIndicativeOnly } from '../../domain/confidence.js';
import type { GrowthDelta } from '../../domain/growth.js';
import { formatMoney, formatSignedMoney } from '../../domain/money.js';
import { formatPeriodHuman } from '../../domain/period.js';
import type { SnapshotRow } from '../read-rows.js';
import { escapeMarkdown, joinWords } from './markdown-text.js';
import type { ReportFacts } from './placeholders.js';

/** Everything a report says about one market, as plain data; amounts are decimal strings. */
export interface MarketFigures {
  country: { code: string; name: string };
  role: { title: string; category: string };
  snapshot: Pick<
    SnapshotRow,
    | 'period'
    | 'currencyCode'
    | 'sampleSize'
    | 'median'
    | 'projectedMedian'
    | 'projectedLow'
    | 'projectedHigh'
    | 'projectionHorizon'
    | 'projectionNote'
    | 'p10'
    | 'p25'
    | 'p75'
    | 'p90'
    | 'medianCiLower'
    | 'medianCiUpper'
  >;
  /** Median → projected median; null without a projection. */
  projection: GrowthDelta | null;
  /**
   * Previous period's median → this one; null when the market has no earlier period or no rate
   * converts its currency. With `conversion`, `from` is the earlier median converted at that rate.
   */
  previous: (GrowthDelta & { fromPeriod: string; conversion: PreviousConversion | null }) | null;
  brackets: readonly PremiumBracket[];
  /** Rank order, most valuable first. */
  skills: readonly { name: string; premiumPercent: string | null }[];
  /** Rank order, most valuable first. */
  /** issuer: null when unknown (a certification first seen in observations). */
  certifications: readonly { name: string; issuer: string | null }[];
}

/** How an earlier median in another currency was converted. */
export interface PreviousConversion {
  originalFrom: string;
  originalCurrencyCode: string;
  /** Units of the snapshot's currency per unit of the original one. */
  rate: string;
  ratePeriod: string;
  rateSource: string;
}

const SPECIALIST_TIER = 'SPECIALIST';
const RATE_DIGITS_IN_WORDS = 4;
const TOP_SKILLS_IN_WORDS = 3;

const countFormat = new Intl.NumberFormat('en-US');
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const signedPercentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/**
 * "+6.5 %", "40 %": the percentages the API returns (2 decimals), without trailing zeros; a
 * no-break space keeps "%" on the same line as its number.
 */
function percent(value: number | string, signed = false): string {
  return `${(signed ? signedPercentFormat : percentFormat).format(Number(value))}\u00a0%`;
}

/**
 * Computes the value of every placeholder for one market. Text values are escaped for Markdown;
 * a value the market lacks (no projection, no skills, a percentile the sample cannot support) is
 * null, never a stand-in.
 * @returns the facts, keyed by placeholder name.
 */
export function reportFacts(figures: MarketFigures): ReportFacts {
  const { snapshot, projection, previous } = figures;
  const money = (amount: string | null) => (amount === null ? null : formatMoney(amount, snapshot.currencyCode));
  const signedMoney = (amount: string) => formatSignedMoney(amount, snapshot.currencyCode);
  const range = (low: string | null, high: string | null) => (low === null || high === null ? null : `${money(low)} – ${money(high)}`);
  const confidence = confidenceFor(snapshot.sampleSize);
  const specialist = figures.brackets.find((bracket) => bracket.tier === SPECIALIST_TIER) ?? null;
  const skillNames = figures.skills.map((skill) => escapeMarkdown(skill.name));
  const topCertification = figures.certifications[0] ?? null;

  return {
    'role.title': escapeMarkdown(figures.role.title),
    'role.category': escapeMarkdown(figures.role.category),
    'country.name': escapeMarkdown(figures.country.name),
    'country.nameInSentence': escapeMarkdown(countryNameInSentence(figures.country.name)),
    'country.code': figures.country.code,
    currency: snapshot.currencyCode,
    period: snapshot.period,
    lastUpdated: formatPeriodHuman(snapshot.period),
    sampleSize: countFormat.format(snapshot.sampleSize),
    dataPoints: `${countFormat.format(snapshot.sampleSize)} data ${snapshot.sampleSize === 1 ? 'point' : 'points'}`,
    'confidence.level': confidence.level.toLowerCase(),
    'confidence.note': confidence.note,
    indicativeOnly: isIndicativeOnly(confidence.level),
    median: money(snapshot.median),
    projectedMedian: money(snapshot.projectedMedian),
    'growth.absolute': projection && signedMoney(projection.absolute),
    'growth.percent': projection && percent(projection.percent, true),
    'growth.direction': projection && projection.direction.toLowerCase(),
    'growth.up': projection?.direction === 'UP',
    'projection.horizon': snapshot.projectedMedian === null || snapshot.projectionHorizon === null ? null : formatPeriodHuman(snapshot.projectionHorizon),
    'projection.range': snapshot.projectedMedian === null ? null : range(snapshot.projectedLow, snapshot.projectedHigh),
    'projection.note': snapshot.projectionNote && escapeMarkdown(snapshot.projectionNote),
    'previous.period': previous && formatPeriodHuman(previous.fromPeriod),
    'previous.median': previous && money(previous.from),
    'previous.change': previous && signedMoney(previous.absolute),
    'previous.percent': previous && percent(previous.percent, true),
    'previous.conversion': previous?.conversion
      ? `converted from ${formatMoney(previous.conversion.originalFrom, previous.conversion.originalCurrencyCode)} at ${fromScaled(toScaled(previous.conversion.rate), RATE_DIGITS_IN_WORDS)} ${snapshot.currencyCode} per ${previous.conversion.originalCurrencyCode}, the ${previous.conversion.ratePeriod} rate: ${escapeMarkdown(previous.conversion.rateSource)}`
      : null,
    p10: money(snapshot.p10),
    p25: money(snapshot.p25),
    p75: money(snapshot.p75),
    p90: money(snapshot.p90),
    interquartileRange: range(snapshot.p25, snapshot.p75),
    topQuartile: range(snapshot.p75, snapshot.p90),
    medianInterval: range(snapshot.medianCiLower, snapshot.medianCiUpper),
    specialistBracket: specialist && range(specialist.min, specialist.max),
    'specialist.minPercent': specialist && percent(specialist.premiumPercentMin),
    'specialist.maxPercent': specialist && percent(specialist.premiumPercentMax),
    'specialist.exceedsObserved': specialist?.exceedsObserved === true,
    topSkill: skillNames[0] ?? null,
    topSkills: skillNames.length ? joinWords(skillNames.slice(0, TOP_SKILLS_IN_WORDS)) : null,
    'skills.list': skillNames.length
      ? skillNames
          .map((name, index) => {
            const premium = figures.skills[index]!.premiumPercent;
            return `${index + 1}. ${name}${premium === null ? '' : ` (${percent(premium, true)} over the median)`}`;
          })
          .join('\n')
      : null,
    topCertification: topCertification && escapeMarkdown(topCertification.name),
    'topCertification.issuer': topCertification?.issuer ? escapeMarkdown(topCertification.issuer) : null,
    'certifications.list': figures.certifications.length
      ? figures.certifications.map((certification) => `- ${escapeMarkdown(certification.name)}${certification.issuer ? ` (${escapeMarkdown(certification.issuer)})` : ''}`).join('\n')
      : null,
  };
}
