import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';

const EXPOSED_CODES = new Set<string>([
  ErrorCode.NOT_FOUND,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

type ValidationEntry = { property: string; constraints?: Record<string, string> };

/** TypeGraphQL's class-validator failure, which carries no code of its own. */
function argumentValidationFailure(error: unknown): ValidationEntry[] | null {
  if (!(error instanceof GraphQLError) || error.message !== 'Argument Validation Error') return null;
  return (error.extensions?.validationErrors as ValidationEntry[] | undefined) ?? [];
}

/** Whether a client may see this error as it is (it has one of our stable codes). */
export function isExposedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (argumentValidationFailure(original)) return true;
  return original instanceof GraphQLError && EXPOSED_CODES.has(String(original.extensions?.code));
}

/**
 * Lets errors with a stable code through (argument validation failures become BAD_USER_INPUT
 * naming the fields) and replaces anything else with a generic INTERNAL_SERVER_ERROR: SQL,
 * stack traces and file paths never reach a client. The request-id plugin logs the original.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const validation = argumentValidationFailure(unwrapResolverError(error));
  if (validation) {
    const messages = validation.flatMap((entry) => Object.values(entry.constraints ?? {}));
    return {
      message: messages.length ? messages.join('; ') : formatted.message,
      locations,
      path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: validation.map((entry) => entry.property) },
    };
  }
  if (isExposedError(error) || EXPOSED_CODES.has(String(formatted.extensions?.code))) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error', locations, path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
