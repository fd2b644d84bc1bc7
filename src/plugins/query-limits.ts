import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config.js';
import type { GraphQLContext } from '../context.js';
import { QueryLimitError } from '../errors.js';

type Fragments = Map<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
}

/** Levels of nested selections: `{ a { b } }` is 2. Fragments count where they are spread. */
export function selectionDepth(selectionSet: SelectionSetNode | undefined, fragments: Fragments, visiting = new Set<string>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, visiting));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else if (!visiting.has(selection.name.value)) {
      visiting.add(selection.name.value);
      deepest = Math.max(deepest, selectionDepth(fragments.get(selection.name.value)?.selectionSet, fragments, visiting));
      visiting.delete(selection.name.value);
    }
  }
  return deepest;
}

/** Aliased fields in the operation, counting a fragment's each time it is spread. */
export function aliasCount(selectionSet: SelectionSetNode | undefined, fragments: Fragments, visiting = new Set<string>()): number {
  if (!selectionSet) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count += (selection.alias ? 1 : 0) + aliasCount(selection.selectionSet, fragments, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += aliasCount(selection.selectionSet, fragments, visiting);
    } else if (!visiting.has(selection.name.value)) {
      visiting.add(selection.name.value);
      count += aliasCount(fragments.get(selection.name.value)?.selectionSet, fragments, visiting);
      visiting.delete(selection.name.value);
    }
  }
  return count;
}

const MEASURED_OPERATIONS_KEPT = 1000;

/** A page of `first` items costs `first` times one item. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + Math.max(args.first, 0) * childComplexity : undefined;

/** The cost of an operation: 1 per field, times page sizes and the list sizes declared on fields. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    maxQueryNodes: Number.MAX_SAFE_INTEGER,
    estimators: [pageSizeEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: QueryLimits): number {
  const fragments = fragmentsOf(document);
  const aliases = aliasCount(operation.selectionSet, fragments);
  if (aliases > limits.maxAliases) throw new QueryLimitError('aliases', limits.maxAliases, aliases, `The operation uses ${aliases} aliases; the maximum is ${limits.maxAliases}`);
  const depth = selectionDepth(operation.selectionSet, fragments);
  if (depth > limits.maxDepth) throw new QueryLimitError('depth', limits.maxDepth, depth, `The operation is ${depth} levels deep; the maximum is ${limits.maxDepth}`);
  const cost = operationCost(schema, document, operation.name?.value, variables);
  if (cost > limits.maxCost) throw new QueryLimitError('cost', limits.maxCost, cost, `The operation costs ${cost} points; the maximum is ${limits.maxCost}`);
  return cost;
}

/**
 * Refuses operations over the alias, depth and cost limits before any resolver runs (token and
 * body-size limits act earlier, at parsing and at the HTTP layer), and records the cost for the
 * rate limiter.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GraphQLContext> {
  // Measuring is pure in the document and variables: remember recent answers (a cache hit should cost little).
  const measured = new Map<string, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, queryHash, contextValue }) {
          if (!operation) return;
          const key = `${queryHash}:${operation.name?.value ?? ''}:${JSON.stringify(request.variables ?? {})}`;
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
