import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RateLimitConfig } from '../config.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import { RateLimiter, type RateLimitDecision } from '../services/rate-limiter.js';

function rateLimitHeaders(decision: RateLimitDecision, windowSeconds: number): Array<[string, string]> {
  return [
    ['ratelimit-limit', String(decision.limit)],
    ['ratelimit-remaining', String(decision.remaining)],
    ['ratelimit-reset', String(decision.resetSeconds)],
    ['ratelimit-policy', `${decision.limit};w=${windowSeconds};comment="cost points"`],
  ];
}

/**
 * Cost-based rate limiting: each operation spends its query cost from a per-window budget,
 * per API key when a valid one is sent, else per client IP. Every response carries the
 * RateLimit-* headers; an overspending request gets HTTP 429, RATE_LIMITED and Retry-After.
 */
export function rateLimitPlugin(config: RateLimitConfig): ApolloServerPlugin<GraphQLContext> {
  const limiter = new RateLimiter(config.windowSeconds);
  return {
    async requestDidStart() {
      let decision: RateLimitDecision | undefined;
      return {
        async didResolveOperation({ contextValue }) {
          const key = contextValue.bearerToken ? await contextValue.apiKey() : null;
          const client = key ? `key:${key.id}` : `ip:${contextValue.clientIp}`;
          const budget = key ? config.pointsPerWindowWithKey : config.pointsPerWindow;
          const cost = Math.max(1, contextValue.queryCost ?? 1);
          decision = limiter.consume(client, cost, budget);
          if (!decision.allowed) {
            throw new GraphQLError(
              `Rate limit exceeded: this operation costs ${cost} points and ${decision.remaining} of ${decision.limit} are left in this ${config.windowSeconds}-second window; retry in ${decision.resetSeconds} s`,
              {
                extensions: {
                  code: ErrorCode.RATE_LIMITED,
                  cost,
                  remaining: decision.remaining,
                  retryAfterSeconds: decision.resetSeconds,
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.resetSeconds)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (!decision) return;
          for (const [name, value] of rateLimitHeaders(decision, config.windowSeconds)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
