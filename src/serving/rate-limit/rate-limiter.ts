import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisConnection } from '../redis/connection.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** The client's budget per window. */
  limit: number;
  /** Points left in the current window after this request (0 when refused). */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** Budgets kept in Redis, shared by every instance using it. */
export interface SharedBudgets {
  redis: RedisConnection;
  /** Called for each charge or check made on this instance's own budgets because Redis could not be reached. */
  onFallback(): void;
}

/**
 * Fixed-window budgets of `budget` cost points per client; a client's window starts at its first
 * charge. A request that would overspend is refused and its points are spent all the same, which
 * forfeits what was left of the window's budget: a client that sends more than it may is refused
 * until the window resets, and can be refused before its requests are even read (see `standing`),
 * instead of having each new document parsed, validated and priced first.
 *
 * With `shared`, budgets live in Redis (an atomic increment per charge, so concurrent requests on
 * any instances never overspend); while Redis cannot be reached, each instance charges its own
 * in-memory budgets instead.
 */
export class RateLimiter {
  private readonly local: RateLimiterMemory;
  private readonly shared: (SharedBudgets & { limiter: RateLimiterRedis }) | undefined;

  constructor(
    private readonly windowSeconds: number,
    private readonly budget: number,
    /** Keeps this budget's clients apart from another budget's. */
    name: string,
    shared?: SharedBudgets,
  ) {
    const options = { points: budget, duration: windowSeconds };
    this.local = new RateLimiterMemory({ ...options, keyPrefix: name });
    this.shared = shared && {
      ...shared,
      limiter: new RateLimiterRedis({ ...options, keyPrefix: `${shared.redis.keyPrefix}rate-limit:${name}`, storeClient: shared.redis.client }),
    };
  }

  /** Spends `points` of `client`'s budget for the current window if they are left; if not, spends what is left and refuses. */
  consume(client: string, points: number): Promise<RateLimitDecision> {
    return this.withStore((limiter) =>
      limiter.consume(client, points).then(
        (result) => this.decision(result, true),
        (refusal: unknown) => {
          if (refusal instanceof RateLimiterRes) return this.decision(refusal, false);
          throw refusal;
        },
      ),
    );
  }

  /** Whether `client` has any of its budget left in the current window; spends nothing. */
  standing(client: string): Promise<RateLimitDecision> {
    return this.withStore(async (limiter) => {
      const spent = await limiter.get(client);
      if (!spent) return { allowed: true, limit: this.budget, remaining: this.budget, resetSeconds: this.windowSeconds };
      return this.decision(spent, spent.consumedPoints < this.budget);
    });
  }

  private async withStore(use: (limiter: RateLimiterAbstract) => Promise<RateLimitDecision>): Promise<RateLimitDecision> {
    if (this.shared) {
      if (this.shared.redis.up) {
        try {
          return await use(this.shared.limiter);
        } catch (error) {
          this.shared.redis.failed(error);
        }
      }
      this.shared.onFallback();
    }
    return use(this.local);
  }

  private decision(result: RateLimiterRes, allowed: boolean): RateLimitDecision {
    return { allowed, limit: this.budget, remaining: result.remainingPoints, resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
  }
}
