import 'reflect-metadata';
import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import { nodeTypeName } from './models/node.interface.js';
import { CountryResolver } from './resolvers/country.resolver.js';
import { ImportResolver } from './resolvers/import.resolver.js';
import { MoneyResolver } from './resolvers/money.resolver.js';
import { QueryResolver } from './resolvers/query.resolver.js';
import { ReportResolver, ReportTemplateResolver } from './resolvers/report.resolver.js';
import { RoleConnectionResolver } from './resolvers/role-connection.resolver.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { SnapshotResolver } from './resolvers/snapshot.resolver.js';
import { resolveSynchronously } from './synchronous-resolvers.js';
import { validateArgs, validateArguments } from './validate-args.js';

/** Builds the executable schema from the resolvers (validation of arguments on). */
export async function buildPaygraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [QueryResolver, CountryResolver, RoleConnectionResolver, RoleResolver, SnapshotResolver, MoneyResolver, ReportResolver, ReportTemplateResolver, ImportResolver],
    validateFn: validateArgs,
    authChecker,
  });
  // TypeGraphQL wraps resolveType in an async function; compiled queries (compiled-execution.ts)
  // need the type name at once.
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = nodeTypeName;
  resolveSynchronously(schema, validateArguments);
  return schema;
}
