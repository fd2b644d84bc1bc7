import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { QueryLimits, RateLimitConfig } from '../../config.js';
import type { Caller, GraphQLContext } from '../../graphql/context.js';
import { ErrorCode } from '../../errors.js';
import { RateLimiter, type RateLimitDecision, type SharedBudgets } from './rate-limiter.js';

/**
 * Cost-based rate limiting: each operation spends its query cost from a per-window budget,
 * per API key when a valid one is sent, else per client IP. One instance serves every endpoint
 * (/graphql and /subgraph spend one budget), the GraphQL plugin and the HTTP layer alike (the
 * response cache charges a cached answer like a computed one; spent budgets are refused before
 * the request is read). With `shared` budgets (Redis), every instance spends the same ones.
 */
export class CostRateLimit {
  private readonly byIp: RateLimiter;
  private readonly byKey: RateLimiter;

  constructor(
    private readonly config: RateLimitConfig,
    shared?: SharedBudgets,
  ) {
    this.byIp = new RateLimiter(config.windowSeconds, config.pointsPerWindow, 'ip', shared);
    this.byKey = new RateLimiter(config.windowSeconds, config.pointsPerWindowWithKey, 'key', shared);
  }

  /**
   * Spends `cost` points (at least 1) of the caller's budget if they are left; if not, refuses,
   * and the caller forfeits the rest of the window's budget.
   */
  async charge(caller: Caller, cost: number | undefined): Promise<RateLimitDecision & { cost: number }> {
    const { limiter, client } = await this.account(caller);
    const points = Math.max(1, cost ?? 1);
    return { ...(await limiter.consume(client, points)), cost: points };
  }

  /** Whether the caller has any of its budget left in this window; spends nothing. */
  async standing(caller: Caller): Promise<RateLimitDecision> {
    const { limiter, client } = await this.account(caller);
    return limiter.standing(client);
  }

  private async account(caller: Caller): Promise<{ limiter: RateLimiter; client: string }> {
    const key = caller.bearerToken ? await caller.apiKey() : null;
    return key ? { limiter: this.byKey, client: String(key.id) } : { limiter: this.byIp, client: caller.clientIp };
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

  /**
   * RATE_LIMITED, answered with HTTP 429 and Retry-After: for an operation costing more than was
   * left (`cost`), or for a caller whose budget was already spent (no cost: nothing was read).
   */
  refusal({ cost, remaining, limit, resetSeconds }: RateLimitDecision & { cost?: number }): GraphQLError {
    const window = `${this.config.windowSeconds}-second window`;
    const reason = cost === undefined ? `the ${limit} cost points of this ${window} are spent` : `this operation costs ${cost} points, more than were left of the ${limit} of this ${window}`;
    return new GraphQLError(`Rate limit exceeded: ${reason}; retry in ${resetSeconds} s`, {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        ...(cost === undefined ? {} : { cost }),
        remaining,
        retryAfterSeconds: resetSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(resetSeconds)]]) },
      },
    });
  }
}

/** The budgets `config` describes (in Redis when `shared`), or undefined when rate limiting is off. */
export function costRateLimit(config: RateLimitConfig, shared?: SharedBudgets): CostRateLimit | undefined {
  return config.enabled ? new CostRateLimit(config, shared) : undefined;
}

/**
 * What refusing an operation over a query limit costs: its measured cost when that is over the
 * cost limit, and at least the most an accepted operation may cost (depth and alias refusals come
 * before the cost is measured). Refusing is then never cheaper than answering, so a client cannot
 * make the server parse, validate and price document after document for free.
 */
function refusalCost(errors: readonly GraphQLError[], { maxCost }: Pick<QueryLimits, 'maxCost'>): number | undefined {
  const refusal = errors.find((error) => error.extensions?.code === ErrorCode.QUERY_LIMIT_EXCEEDED);
  if (!refusal) return undefined;
  const { limit, actual } = refusal.extensions;
  return Math.max(maxCost, limit === 'cost' && typeof actual === 'number' ? actual : 0);
}

/**
 * Charges each operation its cost once it is known (before execution), and an operation refused
 * over a query limit its refusal cost; an overspending request gets HTTP 429.
 */
export function rateLimitPlugin(rateLimit: CostRateLimit, limits: Pick<QueryLimits, 'maxCost'>): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let decision: RateLimitDecision | undefined;
      return {
        async didResolveOperation({ contextValue }) {
          // Set by the query-limits plugin (which runs first) unless it refused the operation: that is charged below.
          if (contextValue.queryCost === undefined) return;
          const charged = await rateLimit.charge(contextValue, contextValue.queryCost);
          decision = charged;
          if (!charged.allowed) throw rateLimit.refusal(charged);
        },
        async didEncounterErrors({ errors, contextValue }) {
          const cost = decision ? undefined : refusalCost(errors, limits);
          // A key that cannot be checked now leaves the refusal as it is.
          if (cost !== undefined) decision = await rateLimit.charge(contextValue, cost).catch(() => undefined);
        },
        async willSendResponse({ response }) {
          if (!decision) return;
          for (const [name, value] of rateLimit.headers(decision)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
