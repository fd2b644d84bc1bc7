import { Args, Resolver, Root, Subscription } from 'type-graphql';
import type { SnapshotRow } from '../../services/read-rows.js';
import type { GraphQLContext } from '../context.js';
import { validateArguments } from '../execution/validate-args.js';
import { MarketArgs } from '../models/market.args.js';
import { MarketSnapshot } from '../models/snapshot.type.js';

@Resolver()
export class MarketUpdatesResolver {
  @Subscription(() => MarketSnapshot, {
    description:
      "A market's latest snapshot each time an import or mutation changes its figures, on whichever instance it ran. Served over WebSocket (graphql-ws) at /graphql. Errors with NOT_FOUND for an unknown country or role.",
    subscribe: ({ args, context }) => {
      // Arguments are validated as a field resolves; a subscription's stream starts before any does.
      const market = Object.assign(new MarketArgs(), args);
      validateArguments(market);
      return (context as GraphQLContext).services.marketUpdates.updates(market.countryCode, market.roleSlug, market.level);
    },
  })
  marketUpdated(@Root() snapshot: SnapshotRow, @Args(() => MarketArgs) _market: MarketArgs): SnapshotRow {
    return snapshot;
  }
}
