import { ArgsType, Field } from 'type-graphql';
import { IsOptional, Matches } from 'class-validator';
import { ExperienceLevel, GrowthBasis } from './enums.js';
import { ALPHA2_CODE_ANY_CASE } from '../../domain/country-code.js';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class MarketArgs {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, e.g. "CA".' })
  @Matches(ALPHA2_CODE_ANY_CASE, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as "CA"' })
  countryCode!: string;

  @Field(() => String, { description: 'Role slug, e.g. "machine-learning-lead".' })
  roleSlug!: string;

  @Field(() => ExperienceLevel, { defaultValue: ExperienceLevel.ALL, description: 'Experience level; ALL for every level together.' })
  level!: ExperienceLevel;
}

@ArgsType()
export class MarketSnapshotArgs extends MarketArgs {
  @Field(() => String, { nullable: true, description: 'A year ("2022") or month ("2026-04"); the latest period when omitted.' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be a year ("2022") or a month ("2026-04")' })
  period?: string | null;
}

@ArgsType()
export class RoleMarketArgs {
  @Field(() => String, { nullable: true, description: 'Country of the market; defaults to the country the role was reached through.' })
  @IsOptional()
  @Matches(ALPHA2_CODE_ANY_CASE, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as "CA"' })
  countryCode?: string | null;

  @Field(() => ExperienceLevel, { defaultValue: ExperienceLevel.ALL, description: 'Experience level; ALL for every level together.' })
  level!: ExperienceLevel;
}

@ArgsType()
export class GrowthDeltaArgs {
  @Field(() => GrowthBasis, { defaultValue: GrowthBasis.PROJECTION, description: 'Compare with the projection (default) or with the previous period.' })
  basis!: GrowthBasis;
}
