import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { listOf } from '../models/complexity.js';
import { Country } from '../models/country.type.js';
import { MarketSnapshotArgs } from '../models/market.args.js';
import { MarketConnection } from '../models/market-connection.type.js';
import { MarketsArgs } from '../models/markets.args.js';
import { marketConnection, marketPageRequest } from './market-page.js';
import { Node } from '../models/node.interface.js';
import { Role } from '../models/role.type.js';
import { MarketSnapshot } from '../models/snapshot.type.js';

@Resolver()
export class QueryResolver {
  @Query(() => [Country], { complexity: listOf(100), description: 'Every country with market data, by name.' })
  countries(@Ctx() { services }: GraphQLContext) {
    return services.catalog.countries();
  }

  @Query(() => Country, { nullable: true, description: 'A country by ISO 3166-1 alpha-2 code; null when paygraph has no such country.' })
  country(@Arg('code', () => String, { description: 'e.g. "CA" (case-insensitive).' }) code: string, @Ctx() { services }: GraphQLContext) {
    return services.catalog.country(code);
  }

  @Query(() => [Role], { complexity: listOf(300), description: 'Every role, by title. From here a role has no country: its market fields take countryCode.' })
  roles(
    @Arg('category', () => String, { nullable: true, description: 'Only roles of this category, e.g. "Data Science & AI".' }) category: string | null,
    @Ctx() { services }: GraphQLContext,
  ) {
    return services.catalog.roles(category ?? undefined);
  }

  @Query(() => Role, { nullable: true, description: 'A role by slug; null when there is no such role.' })
  role(@Arg('slug', () => String, { description: 'e.g. "machine-learning-lead".' }) slug: string, @Ctx() { services }: GraphQLContext) {
    return services.catalog.role(slug);
  }

  @Query(() => MarketSnapshot, {
    nullable: true,
    description:
      'One market at a period (its latest when no period is given). Errors with NOT_FOUND for an unknown country or role; null when the market has no snapshot for that period.',
  })
  marketSnapshot(@Args(() => MarketSnapshotArgs) { countryCode, roleSlug, period, level }: MarketSnapshotArgs, @Ctx() { services }: GraphQLContext) {
    return services.snapshots.marketSnapshot(countryCode, roleSlug, { period, level });
  }

  @Query(() => MarketConnection, {
    description:
      'Markets (country × role × level) across countries and roles: filtered, ordered and compared in one currency, a page at a time. E.g. where a Data Engineer earns most: filter: {roleSlugs: ["data-engineer"]}, orderBy: [{field: MEDIAN, direction: DESC}], currency: "USD".',
  })
  async markets(@Args(() => MarketsArgs) args: MarketsArgs, @Ctx() { services }: GraphQLContext) {
    return marketConnection(await services.markets.markets(marketPageRequest(args)));
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when the id names nothing.' })
  async node(@Arg('id', () => ID, { description: 'A global id from an `id` field.' }) id: string, @Ctx() { services }: GraphQLContext) {
    const found = await services.nodes.node(id);
    return found && { ...found.record, __typename: found.kind };
  }
}
