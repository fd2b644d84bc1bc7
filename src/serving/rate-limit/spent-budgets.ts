import type { Request, RequestHandler } from 'express';
import type { Caller } from '../../graphql/context.js';
import { formatError } from '../errors/format-error.js';
import type { CostRateLimit } from './cost-rate-limit.js';

/**
 * Refuses a caller whose budget for the window is spent with HTTP 429 RATE_LIMITED, Retry-After
 * and the RateLimit-* headers, before its request is read: no body parsing, no GraphQL parsing,
 * validation or pricing. A caller whose API key cannot be checked now goes on, for Apollo to
 * answer as it does without a budget.
 */
export function refuseSpentBudgets(rateLimit: CostRateLimit, callerOf: (req: Request) => Caller): RequestHandler {
  return async (req, res, next) => {
    const standing = await rateLimit.standing(callerOf(req)).catch(() => undefined);
    if (!standing || standing.allowed) return next();
    const refusal = rateLimit.refusal(standing);
    for (const [name, value] of rateLimit.headers(standing)) res.setHeader(name, value);
    res.setHeader('retry-after', String(standing.resetSeconds));
    res.status(429).json({ errors: [formatError(refusal.toJSON(), refusal)] });
  };
}
