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
  /** A request over a serving limit (depth, aliases, cost, body size, live subscriptions); extensions say which (`limit`), the maximum and the actual value. */
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

/**
 * An error a client can act on, as services raise it: a stable code and the details that go with
 * it, and nothing of the transport. The GraphQL edge (serving/errors/format-error.ts) turns it into
 * `extensions: { code, ...details }`; the command line into one line on stderr.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.NOT_FOUND, message);
  }
}

/** A malformed or out-of-range input, naming the parameters (arguments, variables) at fault in `fields`. */
export class BadUserInputError extends DomainError {
  constructor(message: string, fields: readonly string[]) {
    super(ErrorCode.BAD_USER_INPUT, message, { fields });
  }
}

/** No stored exchange rate relates the amount's currency to the one asked for. */
export class ConversionUnavailableError extends DomainError {
  constructor(from: string, currency: string) {
    super(ErrorCode.CONVERSION_UNAVAILABLE, `No exchange rate from ${from} to ${currency} is known: none of the imported observations relates them`, { currency, from });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}
