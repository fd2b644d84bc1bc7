import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

/** What a `currency` argument does, for every field that takes one. */
export const CURRENCY_ARGUMENT_DESCRIPTION =
  'ISO 4217 currency to show the amount in, e.g. "CAD". Converted with the exchange rate implied by the imported observations for the figures\' year (or the nearest year); the result says which rate. Omitted: the currency the figures were computed in.';

@ArgsType()
export class CurrencyArgs {
  @Field(() => String, { nullable: true, description: `${CURRENCY_ARGUMENT_DESCRIPTION} An amount no stored rate can convert is null, with a CONVERSION_UNAVAILABLE error naming the currency.` })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be an ISO 4217 code such as "CAD"' })
  currency?: string | null;
}
