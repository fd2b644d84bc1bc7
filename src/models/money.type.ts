import { Field, ObjectType } from 'type-graphql';
import { formatMoney } from '../domain/money.js';
import { DecimalScalar } from './decimal.scalar.js';

@ObjectType({ description: 'An exact amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount, exact, with 2 fraction digits.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. "CAD".' })
  currencyCode!: string;

  @Field(() => String, { description: "The amount in whole units, written the way the currency's home locale writes it (\"$123,557\" for CAD)." })
  get formatted(): string {
    return formatMoney(this.amount, this.currencyCode);
  }

  /** Wraps a decimal amount (string or Prisma Decimal); null stays null. */
  static of(amount: { toFixed(digits: number): string } | string | null, currencyCode: string): Money | null {
    if (amount === null) return null;
    const money = new Money();
    money.amount = typeof amount === 'string' ? amount : amount.toFixed(2);
    money.currencyCode = currencyCode;
    return money;
  }
}
