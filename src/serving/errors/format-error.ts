import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '../../errors.js';

const EXPOSED_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
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

const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03']);
const UNREACHABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|database system is (starting up|shutting down)|Can't reach database server|DatabaseNotReachable/i;

/** Whether an error means "the database cannot be reached now" rather than a fault of ours or the caller's. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = unwrapResolverError(error) as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause.code === 'string' && UNREACHABLE_CODES.has(cause.code)) return true;
    if (typeof cause.message === 'string' && UNREACHABLE_MESSAGE.test(cause.message)) return true;
    cause = cause.cause as typeof cause;
  }
  return false;
}

/**
 * Apollo Server's own refusals of a malformed request that carry an HTTP status but no code (an
 * unsupported persisted-query version, a hash that is not its query's): the client's mistake.
 */
function isUncodedRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 400 && status < 500;
}

/** Whether a client may see this error as it is (it has one of our stable codes, or is a refusal of Apollo's). */
export function isExposedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || argumentValidationFailure(original) || isUncodedRefusal(original)) return true;
  return original instanceof GraphQLError && EXPOSED_CODES.has(String(original.extensions?.code));
}

/**
 * Lets errors with a stable code through (argument validation failures become BAD_USER_INPUT
 * naming the fields; Apollo's uncoded refusals of a malformed request become BAD_REQUEST; an
 * unreachable database becomes SERVICE_UNAVAILABLE) and replaces anything
 * else with a generic INTERNAL_SERVER_ERROR: SQL, stack traces and file paths never reach a
 * client. The error-reporting plugin logs the original.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { locations, path } = formatted;
  const original = unwrapResolverError(error);
  // A service's error: its code and details, in the one shape every error has.
  if (original instanceof DomainError) return { message: original.message, locations, path, extensions: { ...original.details, code: original.code } };
  const validation = argumentValidationFailure(original);
  if (validation) {
    const messages = validation.flatMap((entry) => Object.values(entry.constraints ?? {}));
    return {
      message: messages.length ? messages.join('; ') : formatted.message,
      locations,
      path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: validation.map((entry) => entry.property) },
    };
  }
  if (isUncodedRefusal(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  if (isExposedError(error) || EXPOSED_CODES.has(String(formatted.extensions?.code))) {
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      message: 'The service is temporarily unavailable (database unreachable); retry shortly',
      locations,
      path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  return { message: 'Internal server error', locations, path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
