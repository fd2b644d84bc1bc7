import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { QueryLimits } from '../../config.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { QueryLimitError } from '../errors/refusals.js';
import { INTROSPECTION_LIMITS } from './introspection.js';
import { operationCost } from './operation-cost.js';
import { operationShape } from './operation-shape.js';

const MEASURED_OPERATIONS_KEPT = 1000;

function refuseOver(limit: string, maximum: number, actual: number, message: (actual: number, maximum: number) => string): void {
  if (actual > maximum) throw new QueryLimitError(limit, maximum, actual, message(actual, maximum));
}

/**
 * Refuses an operation over the alias, depth, introspection or cost limits (QUERY_LIMIT_EXCEEDED),
 * or whose variables do not fit their types (BAD_USER_INPUT); returns its cost.
 */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: QueryLimits): number {
  const shape = operationShape(document, operation);
  refuseOver('aliases', limits.maxAliases, shape.aliases, (actual, maximum) => `The operation uses ${actual} aliases; the maximum is ${maximum}`);
  refuseOver('depth', limits.maxDepth, shape.depth, (actual, maximum) => `The operation is ${actual} levels deep; the maximum is ${maximum}`);
  refuseOver('introspectionFields', INTROSPECTION_LIMITS.fields, shape.introspectionFields, (actual, maximum) => `The operation asks for __schema or __type ${actual} times; the maximum is ${maximum}`);
  refuseOver('introspectionDepth', INTROSPECTION_LIMITS.depth, shape.introspectionDepth, (actual, maximum) => `The introspection is ${actual} levels deep; the maximum is ${maximum}`);
  refuseOver('introspectionAliases', INTROSPECTION_LIMITS.aliases, shape.introspectionAliases, (actual, maximum) => `The introspection uses ${actual} aliases; the maximum is ${maximum}`);
  const cost = operationCost(schema, document, operation.name?.value, variables);
  refuseOver('cost', limits.maxCost, cost, (actual, maximum) => `The operation costs ${actual} points; the maximum is ${maximum}`);
  return cost;
}

/** Refuses variables over `maxVariablesBytes` of JSON; returns that JSON. */
export function checkVariablesSize(variables: Record<string, unknown> | undefined, limits: QueryLimits): string {
  const json = JSON.stringify(variables ?? {});
  refuseOver('variablesBytes', limits.maxVariablesBytes, Buffer.byteLength(json), (actual, maximum) => `The variables are ${actual} bytes of JSON; the maximum is ${maximum}`);
  return json;
}

/**
 * Refuses operations over the alias, depth, introspection, variables-size and cost limits, and
 * operations whose variables do not fit their types, before any resolver runs (token and
 * body-size limits act earlier, at parsing and at the HTTP layer); records the cost for the rate
 * limiter.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GraphQLContext> {
  // Measuring is pure in the document and variables: remember recent answers (a cache hit should
  // cost little), under a digest, so that large variables are not kept.
  const measured = new Map<string, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, queryHash, contextValue }) {
          if (!operation) return;
          const variables = checkVariablesSize(request.variables, limits);
          const key = createHash('sha256').update(`${queryHash}\0${operation.name?.value ?? ''}\0`).update(variables).digest('base64');
          let cost = measured.get(key);
          if (cost === undefined) {
            cost = checkLimits(schema, document, operation, request.variables, limits);
            if (measured.size >= MEASURED_OPERATIONS_KEPT) measured.delete(measured.keys().next().value!);
            measured.set(key, cost);
          }
          contextValue.queryCost = cost;
        },
      };
    },
  };
}
