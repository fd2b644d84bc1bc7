import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients can rely on. */
export const ErrorCode = {
  /** A country, role, snapshot or node id that does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** An argument that is malformed or out of range; `extensions.field` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A write without a valid API key. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** An API key without the scope the operation needs. */
  FORBIDDEN: 'FORBIDDEN',
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

export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
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
