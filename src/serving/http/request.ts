import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { acceptRequestId } from '../errors/error-reporting.js';
import { isDatabaseUnavailable } from '../errors/format-error.js';

/** Gives each request an id (the client's own x-request-id when it is a plain token) and logs it when answered. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = acceptRequestId(req.get('x-request-id'));
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const { method, path } = req; // read now: mounted routers rewrite req.path
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        { requestId, method, path, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  };
}

/** Answers with one error, shaped as a GraphQL response's errors so clients read every refusal alike. */
export function sendError(res: Response, status: number, message: string, extensions: { code: string } & Record<string, unknown>): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}

/**
 * The last error handler: whatever no other handler answered gets a JSON error rather than
 * Express's HTML page with its stack trace — 503 SERVICE_UNAVAILABLE when the database cannot be
 * reached, else a generic 500 INTERNAL_SERVER_ERROR with the request id (the error is logged).
 */
export function unexpectedErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    // Too late for an answer of our own: Express ends the response.
    if (res.headersSent) return next(error);
    const requestId = res.locals.requestId as string | undefined;
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, requestId }, 'database unavailable');
      sendError(res, 503, 'The service is temporarily unavailable (database unreachable); retry shortly', { code: ErrorCode.SERVICE_UNAVAILABLE });
    } else {
      logger.error({ err: error, requestId }, 'unexpected error');
      sendError(res, 500, 'Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId });
    }
  };
}
