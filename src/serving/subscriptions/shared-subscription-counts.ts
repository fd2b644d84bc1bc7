import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '../redis/connection.js';

/** How long a subscription counts in Redis unless its instance refreshes it: a crashed instance's subscriptions stop counting after this. */
export const ENTRY_TTL_MS = 60_000;
/** Entries refreshed per Redis command. */
const REFRESH_BATCH = 500;

// Redis's own clock in milliseconds, so that the instances' clocks need not agree.
const NOW = "local time = redis.call('TIME') local now = time[1] * 1000 + math.floor(time[2] / 1000)";

/**
 * KEYS[1]: a client's sorted set of live subscriptions, each scored with its expiry. ARGV: the
 * entries' lifetime in ms, the client's bound, the new entry. Drops expired entries, and adds the
 * new one if the client holds fewer than its bound. Returns {1 if added, entries held before}.
 */
const ADMIT = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZCARD', KEYS[1])
if held >= tonumber(ARGV[2]) then return {0, held} end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {1, held}`;

/** KEYS: clients' sorted sets; ARGV[1]: the lifetime in ms; ARGV[i + 1]: an entry of KEYS[i]. (Re)adds each entry with a new expiry. */
const REFRESH = `${NOW}
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + tonumber(ARGV[1]), ARGV[i + 1])
  redis.call('PEXPIRE', key, ARGV[1])
end
return #KEYS`;

export interface SharedAdmission {
  /** Whether the client may hold one more (always, when Redis cannot be reached: each instance then counts alone). */
  admitted: boolean;
  /** The client's live subscriptions over every instance before this one (undefined when Redis cannot be reached). */
  held: number | undefined;
}

/**
 * Live subscriptions per client over every instance sharing a Redis: one sorted set per client
 * (`<prefix>subscriptions:client:<client>`), one entry per subscription, scored with an expiry
 * that its instance pushes back every third of ENTRY_TTL_MS while the subscription lives. An
 * instance that crashes stops refreshing, and its entries stop counting once they expire. While
 * Redis cannot be reached, every subscription is admitted here (the instance's own bound still
 * holds); when it is back, each instance adds its live subscriptions again, so the count is whole
 * again, though a client may then hold more than its bound until some end.
 */
export class SharedSubscriptionCounts {
  private readonly instance = randomUUID();
  private sequence = 0;
  /** This instance's live entries, each with its client: refreshed while they live. */
  private readonly live = new Map<string, string>();
  /** Entries whose admission Redis has not answered yet. */
  private readonly pending = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnection,
    private readonly ttlMs = ENTRY_TTL_MS,
  ) {
    // Entries added or removed while Redis could not be reached were lost, or Redis restarted empty.
    redis.onConnect(() => this.refresh());
    this.timer = setInterval(() => {
      if (redis.up) this.refresh().catch((error: unknown) => redis.failed(error));
    }, ttlMs / 3);
    this.timer.unref();
  }

  /** A new entry, for a subscription about to be admitted. */
  entry(): string {
    return `${this.instance}:${++this.sequence}`;
  }

  /** Counts `entry` for `client`, unless the client holds `max` subscriptions over all instances already. */
  async admit(client: string, entry: string, max: number): Promise<SharedAdmission> {
    if (!this.redis.up) {
      this.live.set(entry, client);
      return { admitted: true, held: undefined };
    }
    this.pending.add(entry);
    let answer: [number, number] | undefined;
    try {
      answer = (await this.redis.client.eval(ADMIT, 1, this.key(client), this.ttlMs, max, entry)) as [number, number];
    } catch (error) {
      this.redis.failed(error);
    }
    // Released meanwhile: its removal, sent after the addition, has removed it from Redis too.
    if (!this.pending.delete(entry)) return { admitted: false, held: answer?.[1] };
    if (answer?.[0] === 0) return { admitted: false, held: answer[1] };
    this.live.set(entry, client);
    return { admitted: true, held: answer?.[1] };
  }

  /** Stops counting `entry` of `client` (if Redis cannot be told now, the entry expires). */
  release(client: string, entry: string): void {
    this.live.delete(entry);
    this.pending.delete(entry);
    if (this.redis.up) this.redis.client.zrem(this.key(client), entry).catch((error: unknown) => this.redis.failed(error));
  }

  /** Stops refreshing (entries still live expire). */
  close(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    const entries = [...this.live];
    for (let start = 0; start < entries.length; start += REFRESH_BATCH) {
      const batch = entries.slice(start, start + REFRESH_BATCH);
      await this.redis.client.eval(REFRESH, batch.length, ...batch.map(([, client]) => this.key(client)), this.ttlMs, ...batch.map(([entry]) => entry));
    }
  }

  private key(client: string): string {
    return `${this.redis.keyPrefix}subscriptions:client:${client}`;
  }
}
