import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import type { BuildSchemaOptions } from 'type-graphql';
import { nodeTypeName } from '../models/node.interface.js';
import { compiledExecution } from './compiled-execution.js';
import { resolveSynchronously } from './synchronous-resolvers.js';
import { validateArgs, validateArguments } from './validate-args.js';

/**
 * The execution speed-ups, in one place behind one switch (SPEED_UPS): fields with plain
 * arguments resolved synchronously (docs/decisions/0003) and queries run by graphql-jit
 * (docs/decisions/0002). Both stand in for parts of TypeGraphQL and graphql-js, so a schema
 * option they do not reproduce is refused at start-up rather than silently skipped.
 */
export function refuseBypassedOptions(options: BuildSchemaOptions): void {
  const bypassed = [
    options.globalMiddlewares?.length ? 'globalMiddlewares' : undefined,
    options.container ? 'container' : undefined,
    options.validate !== undefined ? 'validate' : undefined,
    options.validateFn !== validateArgs ? 'a validateFn other than validateArgs' : undefined,
  ].filter(Boolean);
  if (bypassed.length) throw new Error(`The execution speed-ups would bypass buildSchema's ${bypassed.join(', ')}: remove them, or run with SPEED_UPS=off`);
}

/** Gives `schema` the synchronous resolvers, and the Node type a synchronous resolveType (compiled queries need the type name at once). */
export function speedUpResolvers(schema: GraphQLSchema): void {
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = nodeTypeName;
  resolveSynchronously(schema, validateArguments);
}

/**
 * How Apollo Server executes `schema`: planned and compiled queries with the speed-ups on
 * (`defaultMaxAge` is the cache hint of a field that sets none), graphql-js without.
 */
export function executionOf(schema: GraphQLSchema, speedUps: boolean, defaultMaxAge: number) {
  return speedUps ? { gateway: compiledExecution(schema, { defaultMaxAge }) } : { schema };
}
