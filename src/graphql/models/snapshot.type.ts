import { Field, Float, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { ConfidenceLevel, ExperienceLevel, GrowthBasis, GrowthDirection, SnapshotSource } from './enums.js';
import { Money } from './money.type.js';
import { Node } from './node.interface.js';

@SimpleObjectType({ description: 'How far a set of figures can be trusted, from its sample size.' })
export class Confidence {
  @Field(() => ConfidenceLevel, { description: 'INSUFFICIENT n < 3, LOW 3–9, MODERATE 10–29, HIGH ≥ 30.' })
  level!: ConfidenceLevel;

  @Field(() => Int, { description: 'Number of data points behind the figures.' })
  sampleSize!: number;

  @Field(() => String, { description: 'What the level means for a reader, in plain language.' })
  note!: string;
}

/**
 * A percentile, or the error that kept it from being converted: answered as that field's error,
 * its siblings kept.
 */
type Percentile = Money | Error | null;

@SimpleObjectType({ description: 'Salary percentiles; a percentile the sample cannot support is null rather than invented, and one that cannot be converted is null with its error.' })
export class Percentiles {
  @Field(() => Money, { nullable: true, description: '10th percentile (the low end of the market).' })
  p10!: Percentile;

  @Field(() => Money, { nullable: true, description: '25th percentile (first quartile).' })
  p25!: Percentile;

  @Field(() => Money, { nullable: true, description: '50th percentile: the median.' })
  p50!: Percentile;

  @Field(() => Money, { nullable: true, description: '75th percentile (third quartile).' })
  p75!: Percentile;

  @Field(() => Money, { nullable: true, description: '90th percentile (the high end of the market).' })
  p90!: Percentile;
}

@SimpleObjectType({ description: 'The change between two medians of one market.' })
export class GrowthDelta {
  @Field(() => GrowthBasis, { description: 'What was compared.' })
  basis!: GrowthBasis;

  @Field(() => String, { description: 'Period of the starting median.' })
  fromPeriod!: string;

  @Field(() => Money, { description: 'Starting amount.' })
  from!: Money;

  @Field(() => Money, { description: 'Ending amount.' })
  to!: Money;

  @Field(() => Money, { description: 'to − from, exact.' })
  absolute!: Money;

  @Field(() => Float, { description: '(to − from) / from × 100, rounded to 2 decimals.' })
  percent!: number;

  @Field(() => GrowthDirection, { description: 'UP, DOWN or FLAT (exactly no change).' })
  direction!: GrowthDirection;
}

@SimpleObjectType({ description: 'A pay band relative to the market median.' })
export class PremiumBracket {
  @Field(() => String, { description: 'BASELINE (the median), PROJECTED (the projected median), a stored tier such as SPECIALIST, or TOP_QUARTILE (P75–P90).' })
  tier!: string;

  @Field(() => String, { description: 'Human-readable name of the band.' })
  label!: string;

  @Field(() => Money, { description: 'Lower bound, rounded to whole currency units.' })
  min!: Money;

  @Field(() => Money, { description: 'Upper bound, rounded to whole currency units.' })
  max!: Money;

  @Field(() => Float, { description: 'Lower bound as percent above the median.' })
  premiumPercentMin!: number;

  @Field(() => Float, { description: 'Upper bound as percent above the median.' })
  premiumPercentMax!: number;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when `max` is above the market\'s observed P90: the top of the band is more than the data shows anyone but the top tenth being paid, so it is a convention of the tier, not an observed salary. False when within P90; null when the sample is too small to have a P90 (fewer than 10 data points). Show it with the band.',
  })
  exceedsObserved!: boolean | null;

  @Field(() => Money, { nullable: true, description: 'The market\'s observed P90, the ceiling `exceedsObserved` compares with; null without one.' })
  observedCeiling!: Money | null;
}

@SimpleObjectType({ description: 'How a projected median was produced.' })
export class Projection {
  @Field(() => String, {
    description:
      'STATED: given by the source as is. WEIGHTED_LINEAR_TREND: least-squares straight line through the market\'s own yearly medians, each weighted by its sample size, periods with fewer than 10 data points left out, at least 3 periods needed.',
  })
  method!: string;

  @Field(() => [String], { description: 'The periods the projection was computed from (empty when stated by the source).' })
  periods!: string[];

  @Field(() => String, { nullable: true, description: 'The horizon: the period the median is projected to (e.g. "2024"); null when the source states a projection without one.' })
  horizon!: string | null;

  @Field(() => Money, {
    nullable: true,
    description:
      'Lower end of the 95 % range of the weighted trend at the horizon (never below 0): the uncertainty of the fitted line given how far the medians stray from it, not a range of individual salaries. Null when stated by the source.',
  })
  low!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Upper end of that 95 % range; null when stated by the source.' })
  high!: Money | null;

  @Field(() => String, { nullable: true, description: 'How the projection was computed, in words: the periods and their weights, the range, periods left out, currency conversions and the rates used.' })
  note!: string | null;
}

@SimpleObjectType({ description: 'A source of a snapshot\'s data.' })
export class DataSource {
  @Field(() => String, { description: 'The source\'s name as imported, e.g. "ai-jobs:ai-jobs-salaries-2020-2023.csv".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The licence of the source\'s data, e.g. "CC0 1.0"; null when not known.' })
  licence!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the data and its licence are published; null when not known.' })
  url!: string | null;
}

@SimpleObjectType({ description: 'The distribution-free 95 % confidence interval of a median, from order statistics.' })
export class MedianInterval {
  @Field(() => Float, { description: 'Confidence of the interval (0.95).' })
  confidence!: number;

  @Field(() => Money, { description: 'Lower bound.' })
  lower!: Money;

  @Field(() => Money, { description: 'Upper bound.' })
  upper!: Money;
}

@SimpleObjectType({ implements: Node, description: 'What one market (country × role × experience level) paid in one period, with figures derived on demand.' })
export class MarketSnapshot extends Node {
  @Field(() => String, { description: 'The period described: a year ("2022") or a month ("2026-04").' })
  period!: string;

  @Field(() => ExperienceLevel, { description: 'Experience level covered; ALL for every level together.' })
  level!: ExperienceLevel;

  @Field(() => Int, { description: 'Number of salary data points behind the figures.' })
  sampleSize!: number;

  @Field(() => SnapshotSource, { description: 'Whether the figures were stated by a source or computed from observations.' })
  source!: SnapshotSource;

  @Field(() => String, { description: 'Where the figures come from, in words.' })
  provenance!: string;
}
