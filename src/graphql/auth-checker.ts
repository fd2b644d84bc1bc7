import type { AuthCheckerFn } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/**
 * Guards fields marked @Authorized(scope…): a valid API key is required (UNAUTHENTICATED
 * otherwise) and it must hold every listed scope (FORBIDDEN otherwise).
 */
export const authChecker: AuthCheckerFn<GraphQLContext> = async ({ context }, scopes) => {
  if (!context.bearerToken) throw new UnauthenticatedError('This operation needs an API key: send `Authorization: Bearer <key>`');
  const key = await context.apiKey();
  if (!key) throw new UnauthenticatedError('The API key is not valid (unknown or revoked)');
  const missing = scopes.filter((scope) => !key.scopes.includes(scope));
  if (missing.length) throw new ForbiddenError(`The API key "${key.prefix}…" lacks the scope(s): ${missing.join(', ')}`);
  return true;
};
