import { Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { listOf } from '../models/complexity.js';
import { RoleMarketArgs } from '../models/market.args.js';
import { MarketConnection } from '../models/market-connection.type.js';
import { MarketsArgs } from '../models/markets.args.js';
import { marketConnection, marketPageRequest } from './market-page.js';
import { Role } from '../models/role.type.js';
import { MarketSnapshot } from '../models/snapshot.type.js';
import { toGlobalId } from '../global-id.js';
import type { ScopedRole } from '../../services/read-rows.js';

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => ID, { description: 'Global id.' })
  id(@Root() role: ScopedRole) {
    return toGlobalId('Role', role.slug);
  }

  @FieldResolver(() => MarketSnapshot, { nullable: true, description: "The role's most recent snapshot in a country; null when that market has none." })
  latestSnapshot(@Root() role: ScopedRole, @Args(() => RoleMarketArgs) { countryCode, level }: RoleMarketArgs, @Ctx() { services }: GraphQLContext) {
    return services.snapshots.latestSnapshotOfRole(role, countryCode, level);
  }

  @FieldResolver(() => [MarketSnapshot], { complexity: listOf(10), description: "Every snapshot of the role's market in a country, newest first." })
  snapshots(@Root() role: ScopedRole, @Args(() => RoleMarketArgs) { countryCode, level }: RoleMarketArgs, @Ctx() { services }: GraphQLContext) {
    return services.snapshots.historyOfRole(role, countryCode, level);
  }

  @FieldResolver(() => MarketConnection, { description: "The role's markets across countries: the root `markets` connection scoped to this role (wherever the role was reached from)." })
  async markets(@Root() role: ScopedRole, @Args(() => MarketsArgs) args: MarketsArgs, @Ctx() { services }: GraphQLContext) {
    return marketConnection(await services.markets.marketsOfRole(role.id, marketPageRequest(args)));
  }
}
