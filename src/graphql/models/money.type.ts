import { Field, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import type { Conversion } from '../../services/exchange-rates/exchange-rates.js';
import { DecimalScalar } from './decimal.scalar.js';

@SimpleObjectType({ description: 'An exact amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount, exact, with 2 fraction digits.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "CAD".' })
  currencyCode!: string;

  @Field(() => CurrencyConversion, { nullable: true, description: 'Set when the amount was converted at the client\'s request (a `currency` argument): the original amount and the rate used.' })
  conversion?: CurrencyConversion | null;

  /** Wraps a decimal amount (string or Prisma Decimal); null stays null. */
  static of(amount: { toFixed(digits: number): string } | string | null, currencyCode: string): Money | null {
    if (amount === null) return null;
    const money = new Money();
    money.amount = typeof amount === 'string' ? amount : amount.toFixed(2);
    money.currencyCode = currencyCode;
    return money;
  }

  /** The converted amount, remembering the original and the rate. */
  static converted(original: Money, conversion: Conversion): Money {
    const money = Money.of(conversion.amount, conversion.currencyCode)!;
    money.conversion = Object.assign(new CurrencyConversion(), {
      original,
      rate: conversion.rate,
      ratePeriod: conversion.ratePeriod,
      rateSource: conversion.rateSource,
      rateSampleSize: conversion.sampleSize,
    });
    return money;
  }
}

@SimpleObjectType({ description: 'How an amount was converted from the currency its figures were computed in.' })
export class CurrencyConversion {
  @Field(() => Money, { description: 'The amount before conversion, as computed.' })
  original!: Money;

  @Field(() => DecimalScalar, { description: 'Units of the target currency per unit of the original one, 10 decimals.' })
  rate!: string;

  @Field(() => String, { description: 'The year of the rate: the figures\' own period, or the nearest year that has a rate.' })
  ratePeriod!: string;

  @Field(() => String, { description: 'Where the rate comes from, e.g. "USD→CAD: Median of CAD ÷ USD over 11 salary observations stating both amounts, 2022".' })
  rateSource!: string;

  @Field(() => Int, { nullable: true, description: 'Number of observations behind the rate (for a rate across two currencies, the fewer of its two legs\').' })
  rateSampleSize!: number | null;
}
