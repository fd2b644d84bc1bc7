import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CURRENCY_ARGUMENT_DESCRIPTION } from './currency.args.js';
import { DecimalScalar } from './decimal.scalar.js';
import { ConfidenceLevel, ExperienceLevel } from './enums.js';
import { MAX_PAGE_SIZE } from './market.args.js';
import { DEFAULT_MARKET_PAGE, type MarketOrderField as OrderField, type SortDirection as Direction } from '../../services/markets/markets.service.js';

/** Longest list a filter takes: more values than there are countries would be a mistake. */
const MAX_FILTER_VALUES = 300;

export const MarketOrderField = {
  MEDIAN: 'MEDIAN',
  P90: 'P90',
  GROWTH_PERCENT: 'GROWTH_PERCENT',
  SAMPLE_SIZE: 'SAMPLE_SIZE',
  ROLE_TITLE: 'ROLE_TITLE',
  COUNTRY_NAME: 'COUNTRY_NAME',
} as const satisfies Record<OrderField, OrderField>;
registerEnumType(MarketOrderField, {
  name: 'MarketOrderField',
  description: 'What markets can be ordered by. Markets without the figure (no P90, no projection) come last in either direction.',
  valuesConfig: {
    MEDIAN: { description: 'The median, in `currency` (needed when the markets are in several currencies).' },
    P90: { description: 'The 90th percentile, in `currency` like MEDIAN.' },
    GROWTH_PERCENT: { description: 'The growth from the median to the projected median, in percent (growthDelta with basis PROJECTION).' },
    SAMPLE_SIZE: { description: 'The number of data points behind the figures.' },
    ROLE_TITLE: { description: 'The role title, in code-point order.' },
    COUNTRY_NAME: { description: 'The English country name, in code-point order.' },
  },
});

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const satisfies Record<Direction, Direction>;
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest (or first in code-point order) first.' }, DESC: { description: 'Largest first.' } },
});

@InputType('MarketOrder', { description: 'One key of an ordering. Ties are broken by the next key, and finally by the snapshot, so pages never repeat or skip a market.' })
export class MarketOrderInput {
  @Field(() => MarketOrderField, { description: 'What to order by.' })
  field!: OrderField;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC, description: 'ASC (default) or DESC.' })
  direction?: Direction | null;
}

@InputType('MedianRange', { description: 'Bounds of the median, inclusive, in the connection\'s `currency` (or the markets\' own when they share one).' })
export class MedianRangeInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'Smallest median kept, e.g. "100000".' })
  min?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Largest median kept.' })
  max?: string | null;
}

@InputType('MarketFilter', { description: 'Which markets a connection holds. Conditions combine with AND; a list matches any of its values.' })
export class MarketFilterInput {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 country codes, e.g. ["US", "CA"] (case-insensitive).' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  countryCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Role slugs, e.g. ["data-engineer"].' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  roleSlugs?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Role categories, e.g. ["Data Science & AI"].' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  categories?: string[] | null;

  // Nullable: graphql-jit refuses a non-null input field left to its default.
  @Field(() => ExperienceLevel, { nullable: true, defaultValue: ExperienceLevel.ALL, description: 'Experience level; ALL (default) for every level together.' })
  level?: ExperienceLevel | null;

  @Field(() => String, { nullable: true, description: 'A year ("2023") or month ("2026-04"). Omitted: each market\'s latest period.' })
  @IsOptional()
  @Matches(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: 'period must be a year ("2022") or a month ("2026-04")' })
  period?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only markets with at least this many data points.' })
  @IsOptional()
  @Min(0)
  minSampleSize?: number | null;

  @Field(() => ConfidenceLevel, { nullable: true, description: 'Only markets whose figures have at least this confidence (a minimum sample size: LOW 3, MODERATE 10, HIGH 30).' })
  @IsOptional()
  minConfidence?: ConfidenceLevel | null;

  @Field(() => MedianRangeInput, { nullable: true, description: 'Only markets whose median lies in this range, compared in `currency`.' })
  @IsOptional()
  @ValidateNested()
  median?: MedianRangeInput | null;

  @Field(() => [String], { nullable: true, description: 'Skill names (case-insensitive): only markets where every one of them has a computed pay premium.' })
  @IsOptional()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  skills?: string[] | null;
}

/** A page of an ordered connection of markets (root `markets`, `Role.markets`). */
@ArgsType()
export class MarketPageArgs {
  @Field(() => [MarketOrderInput], { nullable: true, description: 'Ordering keys, most significant first. Default: COUNTRY_NAME, then ROLE_TITLE.' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(MarketOrderField).length)
  @ValidateNested()
  orderBy?: MarketOrderInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: `The currency medians are compared, filtered and ordered in. ${CURRENCY_ARGUMENT_DESCRIPTION} A market no stored rate converts is left out and counted in leftOut. Without it, ordering by MEDIAN or P90 or filtering by median is refused (BAD_USER_INPUT) when the markets are in more than one currency.`,
  })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be an ISO 4217 code such as "USD"' })
  currency?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_MARKET_PAGE, description: `Page size, 0 to ${MAX_PAGE_SIZE}; ${DEFAULT_MARKET_PAGE} when omitted.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (an endCursor of an earlier page of the same query).' })
  @IsOptional()
  after?: string | null;
}

@ArgsType()
export class MarketsArgs extends MarketPageArgs {
  @Field(() => MarketFilterInput, { nullable: true, description: 'Which markets; every market\'s latest snapshot at level ALL when omitted.' })
  @IsOptional()
  @ValidateNested()
  filter?: MarketFilterInput | null;
}
