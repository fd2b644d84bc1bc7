import { Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import type { CountryRow } from '../../services/read-rows.js';
import { RoleConnection } from '../models/connection.type.js';
import { Country } from '../models/country.type.js';
import { PageArgs } from '../models/market.args.js';
import { toGlobalId } from '../global-id.js';

@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() country: CountryRow) {
    return toGlobalId('Country', country.code);
  }

  @FieldResolver(() => RoleConnection, { description: 'The roles with market data in this country, by slug; each is scoped to this country.' })
  async roles(@Root() country: CountryRow, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() { services }: GraphQLContext) {
    const page = await services.catalog.rolesInCountry(country.id, first, after);
    return {
      countryId: country.id,
      edges: page.nodes.map((node, index) => ({ node, cursor: page.cursors[index]! })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.hasPreviousPage,
        startCursor: page.cursors[0] ?? null,
        endCursor: page.cursors.at(-1) ?? null,
      },
    };
  }
}
