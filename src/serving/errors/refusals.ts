import { GraphQLError, type ASTNode } from 'graphql';
import { ErrorCode } from '../../errors.js';

/**
 * Requests the server refuses before executing anything, answered with an HTTP status of their own.
 */

/** A malformed argument or variable found before execution: HTTP 400, naming them in `fields`. */
export class BadUserInputRefusal extends GraphQLError {
  constructor(message: string, fields: readonly string[], nodes?: readonly ASTNode[]) {
    super(message, { nodes, extensions: { code: ErrorCode.BAD_USER_INPUT, fields, http: { status: 400 } } });
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
