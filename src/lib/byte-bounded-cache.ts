import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The most heap a string can take: V8 stores one or two bytes a character. */
export const stringBytes = (text: string): number => 2 * text.length;

/**
 * The heap a parsed document takes with everything hanging off it: measured on paygraph's
 * schema at 4–6 times its JSON (tokens, locations, the source text) once validated and compiled
 * by graphql-jit, plus a few KiB of compiled code for even the smallest query.
 */
export const documentBytes = (document: DocumentNode): number => 6 * JSON.stringify(document).length + 2048;

/**
 * An in-process LRU cache (Apollo's KeyValueCache interface, so it can back Apollo's document
 * store or the response cache) bounded by the estimated bytes of its entries rather than their
 * number: a million small entries or a few huge ones take the same room. An entry larger than
 * `maxEntryBytes` is not kept.
 */
export class ByteBoundedCache<V extends object | string> implements KeyValueCache<V> {
  private readonly entries: LRUCache<string, V>;

  constructor(options: { maxBytes: number; maxEntryBytes?: number; sizeOf(value: V): number }) {
    this.entries = new LRUCache<string, V>({
      maxSize: options.maxBytes,
      maxEntrySize: options.maxEntryBytes ?? options.maxBytes,
      sizeCalculation: (value, key) => Math.max(1, options.sizeOf(value) + stringBytes(key)),
    });
  }

  /** Estimated bytes held now; never more than `maxBytes`. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  async get(key: string): Promise<V | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: V, options?: KeyValueCacheSetOptions): Promise<void> {
    this.entries.set(key, value, options?.ttl ? { ttl: options.ttl * 1000 } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
