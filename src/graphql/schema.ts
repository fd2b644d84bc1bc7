import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import { CountryResolver } from './resolvers/country.resolver.js';
import { ImportResolver } from './resolvers/import.resolver.js';
import { MarketUpdatesResolver } from './resolvers/market-updates.resolver.js';
import { MoneyResolver } from './resolvers/money.resolver.js';
import { QueryResolver } from './resolvers/query.resolver.js';
import { ReportResolver, ReportTemplateResolver } from './resolvers/report.resolver.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { SnapshotResolver } from './resolvers/snapshot.resolver.js';
import { refuseBypassedOptions, speedUpResolvers } from './execution/speed-ups.js';
import { validateArgs } from './execution/validate-args.js';

/**
 * Builds the executable schema from the resolvers (validation of arguments on). With `speedUps`
 * (the default), fields with plain arguments resolve synchronously; see execution/speed-ups.ts.
 */
export async function buildPaygraphSchema({ speedUps = true }: { speedUps?: boolean } = {}): Promise<GraphQLSchema> {
  const options: BuildSchemaOptions = {
    resolvers: [QueryResolver, CountryResolver, RoleResolver, SnapshotResolver, MoneyResolver, ReportResolver, ReportTemplateResolver, ImportResolver, MarketUpdatesResolver],
    validateFn: validateArgs,
    authChecker,
    // TypeGraphQL asks for one whenever there is a subscription, though marketUpdated brings its own
    // `subscribe` (its changes come from PostgreSQL NOTIFY, see serving/subscriptions): nothing publishes here.
    pubSub: createPubSub(),
  };
  if (speedUps) refuseBypassedOptions(options);
  const schema = await buildSchema(options);
  if (speedUps) speedUpResolvers(schema);
  return schema;
}
