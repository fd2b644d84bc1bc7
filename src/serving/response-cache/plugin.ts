import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { ByteBoundedCache, stringBytes } from '../../lib/byte-bounded-cache.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** How long a public read may be served from the cache when nothing has changed meanwhile. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

/** The most the in-process response cache holds. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The response cache's store, which can be emptied at once. Entries are keyed by the generation
 * current when their request started (see http-cache.ts), so a request that read old data while a
 * write committed can never store its stale answer where later requests look: a generation is
 * never used again once invalidated.
 */
export interface ResponseCache extends KeyValueCache<string> {
  /** The generation now current, for the key of a request that starts now. */
  generation(): Promise<string>;
  /** Makes every cached response unreachable (for every instance sharing the store). */
  invalidate(): Promise<void>;
  /** False while the store cannot be reached: requests are then answered without the cache. */
  readonly available: boolean;
  /** The bytes held in process (undefined for a store elsewhere). */
  readonly bytes: number | undefined;
}

/** The response cache in this process: an LRU bounded by the bytes of its entries (RESPONSE_CACHE_BYTES). */
export class InvalidatingCache implements ResponseCache {
  private generationNumber = 0;
  private readonly store = new ByteBoundedCache<string>({ maxBytes: RESPONSE_CACHE_BYTES, sizeOf: stringBytes });
  readonly available = true;

  async generation(): Promise<string> {
    return String(this.generationNumber);
  }

  get bytes(): number {
    return this.store.bytes;
  }

  async invalidate(): Promise<void> {
    this.generationNumber++;
    this.store.clear();
  }

  get(key: string): Promise<string | undefined> {
    return this.store.get(key);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.store.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.store.delete(key);
  }
}

/**
 * Cache hints (every public read may be cached for DEFAULT_MAX_AGE_SECONDS unless a type says
 * less) decide what the HTTP response cache may store and for how long; mutations empty it. No
 * Cache-Control header is sent: browsers and CDNs could not be told when a figure changes, this
 * cache can.
 */
export function responseCachePlugins(cache: ResponseCache): ApolloServerPlugin<GraphQLContext>[] {
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: DEFAULT_MAX_AGE_SECONDS, calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ operation, operationName, response, overallCachePolicy, contextValue }) {
            // A write answered by this process is visible to the very next read, before the database's change notice arrives.
            // Should a shared store fail to take the invalidation, it counts as unreachable until it has a new generation.
            if (operation?.operation === 'mutation') await cache.invalidate().catch(() => {});
            const ticket = contextValue.responseCache;
            if (!ticket || operation?.operation !== 'query') return;
            ticket.query = true;
            const policy = overallCachePolicy.policyIfCacheable();
            const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
            if (policy?.scope === 'PUBLIC' && result?.data && !result.errors) {
              ticket.storable = { operationName: operationName ?? null, cost: contextValue.queryCost, maxAgeSeconds: policy.maxAge };
            }
          },
        };
      },
    },
  ];
}

/**
 * Without a response cache nothing reads cache hints (no Cache-Control header is sent), so their
 * per-field bookkeeping is switched off.
 */
export function noCachePlugins(): ApolloServerPlugin<GraphQLContext>[] {
  return [ApolloServerPluginCacheControlDisabled()];
}
