import { Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import type { CountryRow } from '../../services/read-rows.js';
import { RoleConnection } from '../models/connection.type.js';
import { Country } from '../models/country.type.js';
import { MarketPageArgs } from '../models/markets.args.js';
import { toGlobalId } from '../global-id.js';
import { marketPageRequest, pageInfo } from './market-page.js';

@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() country: CountryRow) {
    return toGlobalId('Country', country.code);
  }

  @FieldResolver(() => RoleConnection, {
    description:
      'The roles with market data in this country, each scoped to this country: by slug, or with `orderBy` by the figures of their latest snapshot at level ALL (e.g. the best-paid first: orderBy: {field: MEDIAN, direction: DESC}).',
  })
  async roles(@Root() country: CountryRow, @Args(() => MarketPageArgs) args: MarketPageArgs, @Ctx() { services }: GraphQLContext) {
    const request = marketPageRequest(args);
    if (!args.orderBy?.length) {
      const page = await services.catalog.rolesInCountry(country.id, request.first, request.after);
      return { countryId: country.id, edges: page.nodes.map((node, index) => ({ node, cursor: page.cursors[index]! })), pageInfo: pageInfo(page) };
    }
    const page = await services.markets.marketsOfCountry(country.id, request);
    return {
      countryId: country.id,
      total: page.totalCount,
      edges: page.entries.map((entry) => ({ cursor: entry.cursor, node: { ...entry.role, scopeCountryId: country.id } })),
      pageInfo: pageInfo({ ...page, cursors: page.entries.map((entry) => entry.cursor) }),
    };
  }
}
