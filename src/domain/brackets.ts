/**
 * Salary brackets shown next to a market median: the median itself, its
 * projection, premium tiers (e.g. specialists paid 40–80 % above median) and
 * the top quartile.
 */
import { fromScaled, increaseByPercent, percentChange, roundScaled, toScaled } from './decimal.js';

/** A stored premium tier: a band expressed as percentages above the median. */
export interface PremiumTier {
  tier: string;
  label: string;
  /** Lower bound, percent above median, decimal string (e.g. "40"). */
  minPercent: string;
  /** Upper bound, percent above median, decimal string (e.g. "80"). */
  maxPercent: string;
}

/** Inputs for {@link premiumBrackets}; amounts are decimal strings. */
export interface PremiumBracketsInput {
  median: string;
  projectedMedian: string | null;
  p75: string | null;
  p90: string | null;
  tiers: readonly PremiumTier[];
}

/** A salary band with its premium over the market median. */
export interface PremiumBracket {
  tier: string;
  label: string;
  /** Whole currency units with 2 fraction digits, e.g. "172980.00". */
  min: string;
  /** Whole currency units with 2 fraction digits, e.g. "222403.00". */
  max: string;
  /** Percent above the median at `min`, 2 decimals. */
  premiumPercentMin: number;
  /** Percent above the median at `max`, 2 decimals. */
  premiumPercentMax: number;
  /**
   * Whether `max` is above the market's observed P90, i.e. the top of the band is more than the
   * data shows anyone being paid (bar the top tenth); null when the sample has no P90 to compare with.
   */
  exceedsObserved: boolean | null;
  /** The market's observed P90 (2 fraction digits), the ceiling `exceedsObserved` compares with; null without one. */
  observedCeiling: string | null;
}

const PERCENT_DIGITS = 2;

/** The labels of the brackets derived from the market's own figures (tiers carry theirs). */
export const BRACKET_LABELS = { BASELINE: 'Market median', PROJECTED: 'Projected median', TOP_QUARTILE: 'Top quartile (P75–P90)' } as const;

function percentNumber(scaledPercent: bigint): number {
  return Number(fromScaled(scaledPercent, PERCENT_DIGITS));
}

interface ParsedTier {
  minPercent: bigint;
  maxPercent: bigint;
  premiumPercentMin: number;
  premiumPercentMax: number;
}

/** Tiers as parsed: a request applies the same few tiers to every market it shows. */
const parsedTiers = new WeakMap<PremiumTier, ParsedTier>();

function parseTier(tier: PremiumTier): ParsedTier {
  let parsed = parsedTiers.get(tier);
  if (parsed) return parsed;
  const minPercent = toScaled(tier.minPercent);
  const maxPercent = toScaled(tier.maxPercent);
  if (minPercent > maxPercent) {
    throw new RangeError(`Tier ${tier.tier}: minPercent ${tier.minPercent} exceeds maxPercent ${tier.maxPercent}`);
  }
  parsed = { minPercent, maxPercent, premiumPercentMin: percentNumber(minPercent), premiumPercentMax: percentNumber(maxPercent) };
  parsedTiers.set(tier, parsed);
  return parsed;
}

/**
 * Builds the brackets, in this order:
 * 1. BASELINE "Market median": min = max = median, premium 0 %.
 * 2. PROJECTED (only with a projected median): min = max = projected median,
 *    premium = growth from median to projection.
 * 3. Each stored tier in input order: min = median × (1 + minPercent/100),
 *    max = median × (1 + maxPercent/100), premiums = the stored percentages.
 * 4. TOP_QUARTILE "Top quartile (P75–P90)" (only when both P75 and P90 are
 *    known): min = P75, max = P90, premiums = their percent above median.
 *
 * Amounts are rounded to whole currency units, half away from zero, and
 * written with 2 fraction digits (median "123557" with 40–80 % gives
 * "172980.00"–"222403.00"). Percentages are computed from the unrounded
 * amounts and rounded to 2 decimals.
 *
 * A tier is a convention (a percentage band over the median), not something observed, so it is
 * never capped: each bracket instead says whether its top exceeds the market's observed P90
 * (`exceedsObserved`) and carries that P90 (`observedCeiling`), so no reader takes a tier's top
 * for a salary the data shows (docs/decisions/0006-specialist-tier-against-observed-pay.md).
 * @returns the brackets in the order above.
 * @throws RangeError when the median is not positive, an amount or
 * percentage is not a decimal number, or a tier's minPercent exceeds its maxPercent.
 */
export function premiumBrackets(input: PremiumBracketsInput): PremiumBracket[] {
  const median = toScaled(input.median);
  if (median <= 0n) {
    throw new RangeError(`Median must be positive to derive premium brackets, got "${input.median}"`);
  }
  const p90 = input.p90 === null ? null : toScaled(input.p90);
  const ceiling: Ceiling = p90 === null ? null : { shown: roundScaled(p90, 0), written: fromScaled(p90, 2) };

  const baseline = roundScaled(median, 0);
  const brackets = [bracket(ceiling, 'BASELINE', BRACKET_LABELS.BASELINE, baseline, baseline, 0, 0)];

  if (input.projectedMedian !== null) {
    const projected = toScaled(input.projectedMedian);
    const growth = premiumOverMedian(median, projected);
    const shown = roundScaled(projected, 0);
    brackets.push(bracket(ceiling, 'PROJECTED', BRACKET_LABELS.PROJECTED, shown, shown, growth, growth));
  }

  for (const tier of input.tiers) {
    const { minPercent, maxPercent, premiumPercentMin, premiumPercentMax } = parseTier(tier);
    brackets.push(bracket(ceiling, tier.tier, tier.label, increaseByPercent(median, minPercent, 0), increaseByPercent(median, maxPercent, 0), premiumPercentMin, premiumPercentMax));
  }

  if (input.p75 !== null && p90 !== null) {
    const p75 = toScaled(input.p75);
    brackets.push(bracket(ceiling, 'TOP_QUARTILE', BRACKET_LABELS.TOP_QUARTILE, roundScaled(p75, 0), roundScaled(p90, 0), premiumOverMedian(median, p75), premiumOverMedian(median, p90)));
  }

  return brackets;
}

/** The market's observed P90: in whole units as the bands are shown (the top quartile's top is P90 itself), and as written. */
type Ceiling = { shown: bigint; written: string } | null;

function premiumOverMedian(median: bigint, amount: bigint): number {
  return percentNumber(percentChange(median, amount, PERCENT_DIGITS));
}

/** A band from `min` to `max` (scaled, whole units), written with 2 fraction digits and compared with the observed ceiling. */
function bracket(ceiling: Ceiling, tier: string, label: string, min: bigint, max: bigint, premiumPercentMin: number, premiumPercentMax: number): PremiumBracket {
  const shownMin = fromScaled(min, 2);
  return {
    tier,
    label,
    min: shownMin,
    max: max === min ? shownMin : fromScaled(max, 2),
    premiumPercentMin,
    premiumPercentMax,
    exceedsObserved: ceiling === null ? null : max > ceiling.shown,
    observedCeiling: ceiling === null ? null : ceiling.written,
  };
}
