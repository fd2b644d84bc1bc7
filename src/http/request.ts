import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { acceptRequestId } from '../plugins/error-reporting.js';

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

/** Answers body-parsing failures (too large, not JSON) the GraphQL way, with a stable code. */
export function requestBodyErrors(maxBodyBytes: number): ErrorRequestHandler {
  return (error: { type?: string; length?: number }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          {
            message: `The request body is ${error.length} bytes; the maximum is ${maxBodyBytes}`,
            extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'bodyBytes', maximum: maxBodyBytes, actual: error.length },
          },
        ],
      });
    } else if (error.type === 'entity.parse.failed' || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      next(error);
    }
  };
}
