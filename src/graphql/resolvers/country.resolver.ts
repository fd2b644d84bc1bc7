import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import type { RolePageExtras } from '../../services/catalog/catalog.service.js';
import type { CountryRow } from '../../services/read-rows.js';
import { RoleConnection } from '../models/connection.type.js';
import { Country } from '../models/country.type.js';
import { MarketPageArgs } from '../models/markets.args.js';
import { toGlobalId } from '../global-id.js';
import { selectedFields } from '../selection.js';
import { marketPageRequest, pageInfo } from './market-page.js';

/**
 * What the client's selection will read besides the page: the total, and each role's latest
 * snapshot at its default level and country (arguments ask for another market: read on its own).
 */
function pageExtras(info: GraphQLResolveInfo): RolePageExtras {
  const latest = selectedFields(info, ['edges', 'node', 'latestSnapshot']);
  return {
    totalCount: selectedFields(info, ['totalCount']).length > 0,
    latestSnapshots: latest.length > 0 && latest.every((field) => !field.arguments?.length),
  };
}

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
  async roles(@Root() country: CountryRow, @Args(() => MarketPageArgs) args: MarketPageArgs, @Ctx() { services }: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    const request = marketPageRequest(args);
    if (!args.orderBy?.length) {
      const page = await services.catalog.rolesInCountry(country.id, request.first, request.after, pageExtras(info));
      return {
        totalCount: page.totalCount,
        edges: page.nodes.map((node, index) => ({ node, cursor: page.cursors[index]! })),
        pageInfo: pageInfo(page),
      };
    }
    const page = await services.markets.marketsOfCountry(country.id, request);
    return {
      totalCount: page.totalCount,
      edges: page.entries.map((entry) => ({ cursor: entry.cursor, node: { ...entry.role, scopeCountryId: country.id } })),
      pageInfo: pageInfo({ ...page, cursors: page.entries.map((entry) => entry.cursor) }),
    };
  }
}
