import type { RequestHandler } from 'express';
import { WrittenData } from '../../graphql/planned/written-data.js';

/**
 * Gives each request a place for data a planned query has already written as JSON
 * (`res.locals.writtenData`, handed to the GraphQL context) and fills it into the body Apollo
 * sends. Put right before Apollo's handler, so that handlers before it (the response cache) see
 * the body as the client will.
 */
export function fillWrittenData(): RequestHandler {
  return (_req, res, next) => {
    const written = new WrittenData();
    res.locals.writtenData = written;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => send(typeof body === 'string' ? written.fill(body) : body);
    next();
  };
}
