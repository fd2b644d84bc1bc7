import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients can rely on. */
export const ErrorCode = {
  /** A country, role, snapshot or node id that does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** An argument that is malformed or out of range; `extensions.fields` names it (a list of argument or variable names). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** An amount asked for in a currency no stored exchange rate relates to; `extensions.currency` names it, `extensions.from` the amount's own. */
  CONVERSION_UNAVAILABLE: 'CONVERSION_UNAVAILABLE',
  /** A write without a valid API key. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** An API key without the scope the operation needs. */
  FORBIDDEN: 'FORBIDDEN',
  /** A request over a serving limit (depth, aliases, cost, body size); extensions say which, the maximum and the actual value. */
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  /** A client spent its cost budget for the current window; Retry-After says when to come back. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Persisted-only mode: the operation's hash is not registered (the code Apollo Router uses for the same refusal). */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** The database cannot be reached. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Anything unexpected; the message is generic and the request id points at the log entry. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

/**
 * A malformed or out-of-range argument, naming the arguments (or variables) at fault in
 * `extensions.fields`. Thrown from a resolver it nulls that field; thrown before execution, give
 * it `httpStatus` 400 to refuse the whole request.
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, fields: readonly string[], httpStatus?: number) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields, ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
  }
}

/** No stored exchange rate relates the amount's currency to the one asked for. */
export class ConversionUnavailableError extends GraphQLError {
  constructor(from: string, currency: string) {
    super(`No exchange rate from ${from} to ${currency} is known: none of the imported observations relates them`, {
      extensions: { code: ErrorCode.CONVERSION_UNAVAILABLE, currency, from },
    });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** A request over one of the serving limits; answered with HTTP 400 (413 for a body too large). */
export class QueryLimitError extends GraphQLError {
  constructor(limit: string, maximum: number, actual: number, message: string, httpStatus = 400) {
    super(message, { extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit, maximum, actual, http: { status: httpStatus } } });
  }
}

/** An operation refused in persisted-only mode; answered with HTTP 400. */
export class PersistedQueryNotInListError extends GraphQLError {
  constructor() {
    super('This server runs registered operations only; send the sha256Hash of a registered operation (see the contract)', {
      extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
    });
  }
}
