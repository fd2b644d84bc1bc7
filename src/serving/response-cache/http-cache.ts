import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Caller } from '../../graphql/context.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { CostRateLimit } from '../rate-limit/cost-rate-limit.js';
import type { ResponseCache } from './plugin.js';
import { requestLocale } from '../http/locale.js';
import { operationRequest, type OperationRequest } from './operation-request.js';
import type { ResponseCacheTicket } from './ticket.js';


/** Stored before the body, on the entry's first line. */
interface EntryHead {
  contentType: string;
  operationName: string | null;
  /** The operation's cost, charged again on every hit. */
  cost: number | undefined;
  storedAt: number;
}

function encodeEntry(head: EntryHead, body: string): string {
  return `${JSON.stringify(head)}\n${body}`;
}

function decodeEntry(entry: string): { head: EntryHead; body: string } {
  const split = entry.indexOf('\n');
  return { head: JSON.parse(entry.slice(0, split)) as EntryHead, body: entry.slice(split + 1) };
}

export interface ResponseCacheOptions {
  cache: ResponseCache;
  /** Keeps the answers of different endpoints (schemas) apart. */
  endpoint: string;
  /** Whether Apollo would run this document here at all (persisted-only mode, APQ off): a hit must never answer what Apollo would refuse. */
  runs(request: OperationRequest): boolean;
  metrics: Metrics;
  logger: Logger;
  rateLimit?: { limit: CostRateLimit; callerOf(req: Request): Caller };
}

/**
 * The response cache, in front of Apollo: a hit is answered with the bytes Apollo sent the first
 * time (after charging its operation cost), without parsing, validating or executing anything.
 * A miss goes on to Apollo with a ticket in its context; the response-cache plugin marks the
 * ticket when the answer may be stored, and the bytes are stored as they are sent.
 *
 * Keys hold the cache generation current when the request arrived, so an answer computed while a
 * write committed is stored where no later request looks. The Accept header is part of the key
 * since it picks the response's content type, and the locale Accept-Language asks for since it
 * picks how amounts are formatted. Only JSON POST bodies are cached. While the store cannot be
 * reached (Redis down), requests go on to Apollo uncached.
 */
export function serveCachedResponses(options: ResponseCacheOptions): RequestHandler {
  const { cache, metrics, logger } = options;

  const answerHit = async (req: Request, res: Response, entry: string): Promise<boolean> => {
    const stopTimer = metrics.graphqlDuration.startTimer();
    const { head, body } = decodeEntry(entry);
    if (options.rateLimit) {
      const decision = await options.rateLimit.limit.charge(options.rateLimit.callerOf(req), head.cost).catch(() => undefined);
      // Refused, or the API key could not be checked: Apollo answers (429 RATE_LIMITED, 503), as without a cache.
      if (!decision?.allowed) return false;
      for (const [name, value] of options.rateLimit.limit.headers(decision)) res.setHeader(name, value);
    }
    const operation = metrics.operationLabel(head.operationName);
    metrics.cacheLookups.inc({ result: 'hit' });
    metrics.graphqlRequests.inc({ operation, outcome: 'ok' });
    res.setHeader('content-type', head.contentType);
    res.setHeader('age', String(Math.max(0, Math.round((Date.now() - head.storedAt) / 1000))));
    res.send(body);
    stopTimer({ operation });
    return true;
  };

  const storeWhenSent = (res: Response, key: string, ticket: ResponseCacheTicket) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (ticket.query) metrics.cacheLookups.inc({ result: 'miss' });
      const { storable } = ticket;
      if (storable && res.statusCode === 200 && typeof body === 'string') {
        const head: EntryHead = { contentType: String(res.getHeader('content-type')), operationName: storable.operationName, cost: storable.cost, storedAt: Date.now() };
        // A store that cannot be reached logs its outage once (see redis/connection.ts), not each request.
        cache.set(key, encodeEntry(head, body), { ttl: storable.maxAgeSeconds }).catch((error: unknown) => logger.debug({ err: error }, 'response cache: cannot store'));
      }
      return send(body);
    };
  };

  return async (req, res, next) => {
    const request = req.method === 'POST' ? operationRequest(req.body) : undefined;
    if (!request || !options.runs(request)) return next();
    const unavailable = () => {
      metrics.cacheLookups.inc({ result: 'unavailable' });
      next();
    };
    if (!cache.available) return unavailable();
    let key: string;
    let entry: string | undefined;
    try {
      const generation = await cache.generation();
      key = createHash('sha256').update(`${options.endpoint}\n${generation}\n${req.get('accept') ?? ''}\n${requestLocale(req) ?? ''}\n${request.identity}`).digest('base64url');
      entry = await cache.get(key);
    } catch (error) {
      logger.debug({ err: error }, 'response cache: lookup failed');
      return unavailable();
    }
    if (entry !== undefined) {
      if (!(await answerHit(req, res, entry))) next();
      return;
    }
    const ticket: ResponseCacheTicket = {};
    res.locals.responseCache = ticket;
    storeWhenSent(res, key, ticket);
    next();
  };
}
