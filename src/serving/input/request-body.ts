import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ErrorCode } from '../../errors.js';
import { sendError } from '../http/request.js';

/** How deeply arrays and objects may nest in a request body: far beyond any GraphQL request's, far short of overflowing a recursive reader's stack. */
export const MAX_BODY_NESTING = 100;

class BodyNestingError extends Error {
  constructor() {
    super(`The request body nests arrays and objects more than ${MAX_BODY_NESTING} deep`);
  }
}

/** Whether arrays and objects nest deeper than `maximum` in `value` (walked without recursion, so any depth is safe). */
function nestsDeeperThan(value: unknown, maximum: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > maximum) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** Parses JSON bodies of at most `maxBodyBytes` (after decompression) nested at most MAX_BODY_NESTING deep. */
export function jsonBody(maxBodyBytes: number): RequestHandler[] {
  return [
    express.json({ limit: maxBodyBytes }),
    (req, _res, next) => next(nestsDeeperThan(req.body, MAX_BODY_NESTING) ? new BodyNestingError() : undefined),
  ];
}

/** What body-parser attaches to its errors (http-errors: `expose` is set for the client's mistakes). */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  /** The Content-Length, when the request had one. */
  length?: number;
}

const isBodyParserError = (error: BodyParserError) => error.expose === true && typeof error.status === 'number' && error.status >= 400 && error.status < 500;

const BODY_PROBLEMS: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'encoding.unsupported': 'The request body has an unsupported Content-Encoding: send it as is, or with gzip, deflate or br',
  'charset.unsupported': 'The request body has an unsupported charset: send UTF-8',
};

/**
 * Answers a body that cannot be read the GraphQL way, with a stable code: too large (413
 * QUERY_LIMIT_EXCEEDED), nested too deeply (400 QUERY_LIMIT_EXCEEDED), or anything else
 * body-parser refuses, such as malformed JSON or a body that does not decompress (400 or 415
 * BAD_REQUEST).
 */
export function requestBodyErrors(maxBodyBytes: number): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (error instanceof BodyNestingError) {
      sendError(res, 400, error.message, { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'bodyNesting', maximum: MAX_BODY_NESTING });
    } else if (error.type === 'entity.too.large') {
      // A chunked or compressed body has no length to report: it was cut off at the maximum.
      const known = typeof error.length === 'number';
      sendError(res, 413, known ? `The request body is ${error.length} bytes; the maximum is ${maxBodyBytes}` : `The request body is more than the maximum of ${maxBodyBytes} bytes`, {
        code: ErrorCode.QUERY_LIMIT_EXCEEDED,
        limit: 'bodyBytes',
        maximum: maxBodyBytes,
        ...(known ? { actual: error.length } : {}),
      });
    } else if (isBodyParserError(error)) {
      sendError(res, error.status!, BODY_PROBLEMS[error.type ?? ''] ?? 'The request body cannot be read (is it compressed as its Content-Encoding says?)', { code: 'BAD_REQUEST' });
    } else {
      next(error);
    }
  };
}
