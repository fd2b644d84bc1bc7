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
}

@SimpleObjectType({ description: 'How a projected median was produced.' })
export class Projection {
  @Field(() => String, { description: 'STATED: given by the source as is. LINEAR_TREND: least-squares trend of the market\'s own medians.' })
  method!: string;

  @Field(() => [String], { description: 'The periods the projection was computed from (empty when stated by the source).' })
  periods!: string[];
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
