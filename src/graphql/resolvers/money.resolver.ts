import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { formattingLocale } from '../../domain/locale.js';
import { formatMoney } from '../../domain/money.js';
import { BadUserInputError } from '../../errors.js';
import { Money } from '../models/money.type.js';

@Resolver(() => Money)
export class MoneyResolver {
  @FieldResolver(() => String, {
    description:
      'The amount in whole units, written the way `locale` writes it; without `locale`, the first language of the request\'s Accept-Language that can be formatted in; without either, the currency\'s home locale ("$123,557" for CAD, "123.557 €" for EUR).',
  })
  formatted(
    @Root() money: Money,
    @Arg('locale', () => String, { nullable: true, description: 'A BCP 47 language tag, e.g. "en-GB" (EUR → "€123,557"). A malformed tag, or one without locale data, is BAD_USER_INPUT.' })
    locale: string | null | undefined,
    @Ctx() context: GraphQLContext,
  ): string {
    return formatMoney(money.amount, money.currencyCode, locale === null || locale === undefined ? context.locale : requestedLocale(locale));
  }
}

function requestedLocale(tag: string): string {
  const locale = formattingLocale(tag);
  if (!locale) throw new BadUserInputError(`locale "${tag}" is not a BCP 47 language tag with locale data, such as "en-GB"`, ['locale']);
  return locale;
}
