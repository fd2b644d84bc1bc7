import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RateLimitConfig } from '../config.js';
import type { Caller, GraphQLContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import { RateLimiter, type RateLimitDecision } from '../services/rate-limiter.js';

/**
 * Cost-based rate limiting: each operation spends its query cost from a per-window budget,
 * per API key when a valid one is sent, else per client IP. Shared by the GraphQL plugin and
 * the HTTP response cache, so a cached answer is charged like a computed one.
 */
export class CostRateLimit {
  private readonly limiter: RateLimiter;

  constructor(private readonly config: RateLimitConfig) {
    this.limiter = new RateLimiter(config.windowSeconds);
  }

  /** Spends `cost` points (at least 1) of the caller's budget, if enough are left; a refusal spends nothing. */
  async charge(caller: Caller, cost: number | undefined): Promise<RateLimitDecision & { cost: number }> {
    const key = caller.bearerToken ? await caller.apiKey() : null;
    const client = key ? `key:${key.id}` : `ip:${caller.clientIp}`;
    const budget = key ? this.config.pointsPerWindowWithKey : this.config.pointsPerWindow;
    const points = Math.max(1, cost ?? 1);
    return { ...this.limiter.consume(client, points, budget), cost: points };
  }

  /** The RateLimit-* headers every response carries. */
  headers(decision: RateLimitDecision): Array<[string, string]> {
    return [
      ['ratelimit-limit', String(decision.limit)],
      ['ratelimit-remaining', String(decision.remaining)],
      ['ratelimit-reset', String(decision.resetSeconds)],
      ['ratelimit-policy', `${decision.limit};w=${this.config.windowSeconds};comment="cost points"`],
    ];
  }

  /** RATE_LIMITED, answered with HTTP 429 and Retry-After. */
  refusal({ cost, remaining, limit, resetSeconds }: RateLimitDecision & { cost: number }): GraphQLError {
    return new GraphQLError(
      `Rate limit exceeded: this operation costs ${cost} points and ${remaining} of ${limit} are left in this ${this.config.windowSeconds}-second window; retry in ${resetSeconds} s`,
      {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          cost,
          remaining,
          retryAfterSeconds: resetSeconds,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(resetSeconds)]]) },
        },
      },
    );
  }
}

/** The budgets `config` describes, or undefined when rate limiting is off. */
export function costRateLimit(config: RateLimitConfig): CostRateLimit | undefined {
  return config.enabled ? new CostRateLimit(config) : undefined;
}

/** Charges each operation its cost once it is known (before execution); an overspending request gets HTTP 429. */
export function rateLimitPlugin(rateLimit: CostRateLimit): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let decision: RateLimitDecision | undefined;
      return {
        async didResolveOperation({ contextValue }) {
          const charged = await rateLimit.charge(contextValue, contextValue.queryCost);
          decision = charged;
          if (!charged.allowed) throw rateLimit.refusal(charged);
        },
        async willSendResponse({ response }) {
          if (!decision) return;
          for (const [name, value] of rateLimit.headers(decision)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
