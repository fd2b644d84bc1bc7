import type { RequestHandler } from 'express';
import { getLocation, getOperationAST, parse } from 'graphql';
import { SUBSCRIPTIONS_OVER_WEBSOCKET } from './known-operation-types.js';

/**
 * Refuses a subscription POSTed over HTTP before Apollo sees it (400, GRAPHQL_VALIDATION_FAILED,
 * as the validation rule would): graphql-js's single-field-subscription rule evaluates
 * `@include`/`@skip` without variables and throws, rather than reports, on a variable it lacks,
 * which Apollo would answer as an internal error. Only text naming `subscription` is parsed.
 */
export function refuseSubscriptionsOverHttp({ maxTokens }: { maxTokens: number }): RequestHandler {
  return (req, res, next) => {
    const body = (req.method === 'GET' ? req.query : req.body) as { query?: unknown; operationName?: unknown } | undefined;
    if (typeof body?.query !== 'string' || !body.query.includes('subscription')) return next();
    let operation;
    try {
      operation = getOperationAST(parse(body.query, { maxTokens }), typeof body.operationName === 'string' ? body.operationName : undefined);
    } catch {
      return next();
    }
    if (operation?.operation !== 'subscription') return next();
    const locations = operation.loc ? [getLocation(operation.loc.source, operation.loc.start)] : undefined;
    res.status(400).json({ errors: [{ message: SUBSCRIPTIONS_OVER_WEBSOCKET, locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  };
}
