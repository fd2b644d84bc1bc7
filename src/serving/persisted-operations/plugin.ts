import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Config } from '../../config.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { PersistedQueryNotInListError } from '../errors/refusals.js';
import { PersistedOperations } from './operation-registry.js';

/**
 * Apollo Server's APQ cache (`persistedQueries.cache`): a registered hash runs without its text.
 * With `registration` on, clients may add operations the usual APQ way (kept in a bounded
 * in-memory cache); off, nothing else is ever stored.
 */
export function persistedQueryCache(operations: PersistedOperations, { registration }: { registration: boolean }): KeyValueCache<string> {
  const registered = registration ? new InMemoryLRUCache<string>() : undefined;
  // Apollo prefixes keys with "apq:" unless told the cache holds nothing else; this one holds hashes only.
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation({
    async get(hash) {
      return operations.text(hash) ?? registered?.get(hash);
    },
    async set(hash, text, options) {
      await registered?.set(hash, text, options);
    },
    async delete(hash) {
      return registered?.delete(hash);
    },
  });
}

/**
 * Persisted-only mode: an operation runs only when the hash of its text (sent as
 * `extensions.persistedQuery.sha256Hash`, or computed from `query`) is registered; anything else
 * is refused with PERSISTED_QUERY_NOT_IN_LIST before it executes. (Apollo parses and validates
 * first: a malformed operation gets its GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED.)
 */
export function persistedOnlyPlugin(operations: PersistedOperations): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!operations.has(queryHash)) throw new PersistedQueryNotInListError();
        },
      };
    },
  };
}

/**
 * What Apollo Server needs for persisted operations: the contract's operations (and those of
 * `file`) run by hash in every mode; with `only`, nothing else runs and nothing can be registered.
 */
export function persistedOperationsOptions(
  { only, file }: Config['persistedOperations'],
  operations = PersistedOperations.load(file),
): {
  persistedQueries: NonNullable<ApolloServerOptions<GraphQLContext>['persistedQueries']>;
  plugins: ApolloServerPlugin<GraphQLContext>[];
} {
  return {
    persistedQueries: { cache: persistedQueryCache(operations, { registration: !only }) },
    plugins: only ? [persistedOnlyPlugin(operations)] : [],
  };
}
