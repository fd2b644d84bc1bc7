/**
 * Advice derived from a computed market's own figures: each entry says what the data shows and
 * carries the figures it rests on, so a reader can see why.
 */
import { confidenceFor, isIndicativeOnly } from './confidence.js';
import { SCALE, divideScaled, fromScaled, toScaled } from './decimal.js';
import { growthDelta } from './growth.js';
import { formatMoney } from './money.js';

export type AdviceTheme = 'MARKET_POSITIONING' | 'GROWTH_CATALYST' | 'NEGOTIATION';

/** One figure an advice entry rests on: an amount (in `currencyCode`) or a percentage, and the data points behind it. */
export interface AdviceFact {
  label: string;
  amount: string | null;
  currencyCode: string | null;
  percent: number | null;
  sampleSize: number;
}

export interface DerivedAdvice {
  category: AdviceTheme;
  title: string;
  body: string;
  facts: AdviceFact[];
}

/** A median of one market × level × period. */
export interface MedianFigure {
  period: string;
  currencyCode: string;
  sampleSize: number;
  median: string;
}

export interface MarketFigures extends MedianFigure {
  p25: string | null;
  p75: string | null;
  /** The same market and level one period earlier (same granularity), if any. */
  previous: MedianFigure | null;
  /** The MID and SENIOR snapshots of the same market and period, if any. */
  mid: MedianFigure | null;
  senior: MedianFigure | null;
  /** The skill ranked first from observations (listed by at least 10 of them), if any. */
  topSkill: { name: string; sampleSize: number; prevalence: string; median: string; premiumPercent: string } | null;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const percentText = (percent: number) => `${Math.abs(percent).toFixed(2).replace(/\.?0+$/, '')} %`;

function amountFact(label: string, figure: MedianFigure, amount = figure.median): AdviceFact {
  return { label, amount, currencyCode: figure.currencyCode, percent: null, sampleSize: figure.sampleSize };
}

function percentFact(label: string, percent: number, sampleSize: number): AdviceFact {
  return { label, amount: null, currencyCode: null, percent, sampleSize };
}

function thinData(market: MarketFigures): DerivedAdvice | null {
  const confidence = confidenceFor(market.sampleSize);
  if (!isIndicativeOnly(confidence.level)) return null;
  return {
    category: 'MARKET_POSITIONING',
    title: 'Few data points behind these figures',
    body: `Only ${plural(market.sampleSize, 'salary observation')} describe this market in ${market.period}: treat its figures as indicative; they may shift noticeably when more data arrives.`,
    facts: [{ label: `Observations, ${market.period}`, amount: null, currencyCode: null, percent: null, sampleSize: market.sampleSize }],
  };
}

/** A move between two medians in one currency; null across currencies or without a base. */
function move(from: MedianFigure, to: MedianFigure) {
  return from.currencyCode === to.currencyCode ? growthDelta(from.median, to.median) : null;
}

function lastPeriodGrowth(market: MarketFigures): DerivedAdvice | null {
  const { previous } = market;
  const delta = previous && move(previous, market);
  if (!previous || !delta) return null;
  const money = (amount: string) => formatMoney(amount, market.currencyCode);
  const verb = { UP: `rose ${percentText(delta.percent)}`, DOWN: `fell ${percentText(delta.percent)}`, FLAT: 'did not move' }[delta.direction];
  return {
    category: 'MARKET_POSITIONING',
    title: `The median ${verb} since ${previous.period}`,
    body:
      `The median went from ${money(previous.median)} in ${previous.period} (${plural(previous.sampleSize, 'observation')}) to ${money(market.median)} in ${market.period} ` +
      `(${plural(market.sampleSize, 'observation')}).` +
      (delta.direction === 'UP' ? ` A salary at the middle of this market in ${previous.period} that rose by less than this is now below it.` : ''),
    facts: [
      amountFact(`Median, ${previous.period}`, previous),
      amountFact(`Median, ${market.period}`, market),
      percentFact(`Change ${previous.period}–${market.period}`, delta.percent, Math.min(previous.sampleSize, market.sampleSize)),
    ],
  };
}

function levelStep(market: MarketFigures): DerivedAdvice | null {
  const { mid, senior } = market;
  const delta = mid && senior && move(mid, senior);
  if (!mid || !senior || !delta) return null;
  const money = (amount: string) => formatMoney(amount, mid.currencyCode);
  const relation = delta.direction === 'UP' ? `${percentText(delta.percent)} above` : delta.direction === 'DOWN' ? `${percentText(delta.percent)} below` : 'the same as';
  return {
    category: 'GROWTH_CATALYST',
    title: `Senior level: median ${relation} mid level`,
    body:
      `In ${market.period} the senior median is ${money(senior.median)} (${plural(senior.sampleSize, 'observation')}), ${relation} the mid-level median of ${money(mid.median)} ` +
      `(${plural(mid.sampleSize, 'observation')}). The two levels are different people: this is the step between them in this market, not one person's raise.`,
    facts: [amountFact(`Median, MID, ${mid.period}`, mid), amountFact(`Median, SENIOR, ${senior.period}`, senior), percentFact('SENIOR over MID', delta.percent, Math.min(mid.sampleSize, senior.sampleSize))],
  };
}

function spread(market: MarketFigures): DerivedAdvice | null {
  if (market.p25 === null || market.p75 === null || toScaled(market.median) <= 0n) return null;
  const width = toScaled(market.p75) - toScaled(market.p25);
  const percent = Number(fromScaled(divideScaled(width * 100n * SCALE, toScaled(market.median), 2), 2));
  const money = (amount: string) => formatMoney(amount, market.currencyCode);
  return {
    category: 'NEGOTIATION',
    title: `The middle half earns ${money(market.p25)} to ${money(market.p75)}`,
    body:
      `Half of the ${plural(market.sampleSize, 'observation')} of ${market.period} lie between ${money(market.p25)} (P25) and ${money(market.p75)} (P75), ` +
      `a span of ${percentText(percent)} of the median: an offer inside it is within this market's usual range, and where in it you land is what there is to negotiate.`,
    facts: [amountFact('P25', market, market.p25), amountFact('Median', market), amountFact('P75', market, market.p75), percentFact('P25–P75 span, % of the median', percent, market.sampleSize)],
  };
}

function skillPremium(market: MarketFigures): DerivedAdvice | null {
  const skill = market.topSkill;
  if (!skill) return null;
  const premium = Number(skill.premiumPercent);
  const money = (amount: string) => formatMoney(amount, market.currencyCode);
  const share = percentText(Number(skill.prevalence) * 100);
  const relation = premium > 0 ? `${percentText(premium)} above` : premium < 0 ? `${percentText(premium)} below` : 'the same as';
  return {
    category: 'GROWTH_CATALYST',
    title: premium > 0 ? `${skill.name}: a median ${percentText(premium)} above the market's` : `No well-supported skill is paid above the median`,
    body:
      `${plural(skill.sampleSize, 'observation')} of ${market.period} (${share}) list ${skill.name}, the best-paid skill among those at least 10 observations list; ` +
      `their median is ${money(skill.median)}, ${relation} the market median of ${money(market.median)}. ` +
      'This is an observed difference, not the effect of the skill itself: the people who list it may differ in other ways too.',
    facts: [amountFact(`Median listing ${skill.name}`, { ...market, sampleSize: skill.sampleSize }, skill.median), amountFact('Market median', market), percentFact(`Premium of ${skill.name}`, premium, skill.sampleSize)],
  };
}

/**
 * Advice a computed market's figures support, in this order: how thin the data is (fewer than
 * 10 observations), the move since the previous period, the step from mid to senior level, the
 * P25–P75 span, and the best-paid well-supported skill. An entry whose figures are missing (no
 * previous period, a level without data, percentiles the sample cannot support, periods in
 * different currencies) is left out rather than guessed.
 * @returns the entries, each with the facts it rests on.
 */
export function adviceFromFigures(market: MarketFigures): DerivedAdvice[] {
  return [thinData, lastPeriodGrowth, levelStep, spread, skillPremium].flatMap((derive) => derive(market) ?? []);
}
