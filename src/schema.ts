import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker.js';
import { CountryResolver } from './resolvers/country.resolver.js';
import { ImportResolver } from './resolvers/import.resolver.js';
import { QueryResolver } from './resolvers/query.resolver.js';
import { ReportResolver, ReportTemplateResolver } from './resolvers/report.resolver.js';
import { RoleConnectionResolver } from './resolvers/role-connection.resolver.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { SnapshotResolver } from './resolvers/snapshot.resolver.js';
import { validateArgs } from './validate-args.js';

/** Builds the executable schema from the resolvers (validation of arguments on). */
export function buildPaygraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [QueryResolver, CountryResolver, RoleConnectionResolver, RoleResolver, SnapshotResolver, ReportResolver, ReportTemplateResolver, ImportResolver],
    validateFn: validateArgs,
    authChecker,
  });
}
