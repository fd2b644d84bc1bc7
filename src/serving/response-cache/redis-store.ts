import { randomUUID } from 'node:crypto';
import type { KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisConnection } from '../redis/connection.js';
import { DEFAULT_MAX_AGE_SECONDS, type ResponseCache } from './plugin.js';

/**
 * The response cache in Redis, shared by every instance using the same Redis and key prefix.
 *
 * The generation is a random token in one Redis key, read by every request as it starts and
 * replaced by any instance that learns of a write (its own mutation, the database's change
 * notice). Being random rather than a counter, it never comes back: not after Redis restarts
 * empty, nor after the key is evicted, so an answer stored late under an old generation is never
 * found. Entries expire with their cache hints; with `maxmemory-policy volatile-lru` Redis evicts
 * entries and never the generation (which has no expiry).
 */
export class RedisResponseCache implements ResponseCache {
  readonly bytes = undefined;
  private readonly generationKey: string;
  private readonly entryPrefix: string;
  /** The generation this instance last read or set. */
  private known: string | undefined;

  /**
   * `onForeignGeneration` is told when a request finds a generation this instance did not set or
   * see before: another instance has learnt of a write, maybe before this one.
   */
  constructor(
    private readonly redis: RedisConnection,
    private readonly options: { onForeignGeneration?: () => void } = {},
  ) {
    this.generationKey = `${redis.keyPrefix}response-cache:generation`;
    this.entryPrefix = `${redis.keyPrefix}response-cache:entry:`;
    // Writes may have committed while this instance could not reach Redis, and their invalidations were lost.
    redis.onConnect(() => this.newGeneration());
  }

  get available(): boolean {
    return this.redis.up;
  }

  async generation(): Promise<string> {
    const fresh = randomUUID();
    const current =
      (await this.command(() => this.redis.client.get(this.generationKey))) ??
      // Another instance may be starting one too: the first one set wins.
      (await this.command(() => this.redis.client.set(this.generationKey, fresh, 'NX', 'GET'))) ??
      fresh;
    if (current !== this.known) {
      this.known = current;
      this.options.onForeignGeneration?.();
    }
    return current;
  }

  /** While Redis is down nothing is served from it, and it gets a new generation before it is used again. */
  async invalidate(): Promise<void> {
    if (this.redis.up) await this.newGeneration();
  }

  private async newGeneration(): Promise<void> {
    const fresh = randomUUID();
    await this.command(() => this.redis.client.set(this.generationKey, fresh));
    this.known = fresh;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.command(() => this.redis.client.get(this.entryPrefix + key))) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = Math.max(1, Math.round(options?.ttl ?? DEFAULT_MAX_AGE_SECONDS));
    await this.command(() => this.redis.client.set(this.entryPrefix + key, value, 'EX', ttl));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.command(() => this.redis.client.del(this.entryPrefix + key))) > 0;
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.redis.failed(error);
      throw error;
    }
  }
}
