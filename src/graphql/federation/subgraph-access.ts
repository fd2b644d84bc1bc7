import type { RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../errors.js';
import { sendError } from '../../serving/http/request.js';
import { bearerToken, Scope, type ApiKeyService, type AuthenticatedKey } from '../../services/api-keys/api-key.service.js';

/** How long a verified key is trusted without asking the database again (a revoked key is refused within this time). */
const VERIFIED_KEY_REUSE_MS = 10_000;

/**
 * Keeps /subgraph for gateways, for use where introspection is off: its `_service { sdl }` is the
 * whole schema and `_entities` looks records up by key, so a request needs an API key with the
 * subgraph:read scope (401 UNAUTHENTICATED without a valid key, 403 FORBIDDEN without the scope).
 * It runs before the body is read and before the response cache can answer, and leaves the key in
 * `res.locals.verifiedApiKey`, so that the rate limiter does not look it up again.
 */
export function requireSubgraphKey(apiKeys: ApiKeyService): RequestHandler {
  // A gateway sends the same key with every request: a cached answer then costs no SQL.
  const verified = new LRUCache<string, AuthenticatedKey>({ max: 100, ttl: VERIFIED_KEY_REUSE_MS });
  const verify = async (token: string) => {
    const known = verified.get(token);
    if (known) return known;
    const key = await apiKeys.verify(token);
    if (key) verified.set(token, key);
    return key;
  };

  return async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    const key = token ? await verify(token) : null;
    if (!key) {
      res.setHeader('www-authenticate', 'Bearer');
      const problem = token ? 'The API key is not valid (unknown or revoked)' : 'The subgraph is for gateways: send `Authorization: Bearer <key>`';
      return sendError(res, 401, `${problem}, a key with the scope ${Scope.SUBGRAPH_READ}`, { code: ErrorCode.UNAUTHENTICATED });
    }
    if (!key.scopes.includes(Scope.SUBGRAPH_READ)) {
      return sendError(res, 403, `The API key "${key.prefix}…" lacks the scope ${Scope.SUBGRAPH_READ}`, { code: ErrorCode.FORBIDDEN });
    }
    res.locals.verifiedApiKey = key;
    next();
  };
}
