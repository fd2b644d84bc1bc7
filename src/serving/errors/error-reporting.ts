import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import { ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { isDatabaseUnavailable, isExposedError } from './format-error.js';

const CLIENT_REQUEST_ID = /^[\w.-]{1,64}$/;

/** The client's own request id when it is a plain token (safe to log and echo), else a new one. */
export function acceptRequestId(offered?: string | null): string {
  return offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * Logs every unexpected error with the request id and hands that id to the client in
 * `extensions.requestId` of each masked error (the HTTP layer sends it as `x-request-id` on
 * every response, see serving/http/request.ts). A request that failed
 * because the database is unreachable is answered with HTTP 503.
 */
export function errorReportingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { requestId } = contextValue;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (isDatabaseUnavailable(error)) logger.warn({ err: error.originalError ?? error, requestId, operationName }, 'database unavailable');
            else if (!isExposedError(error)) logger.error({ err: error.originalError ?? error, requestId, operationName, path: error.path }, 'unexpected error');
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) response.http.status = 503;
          for (const error of errors) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId };
            }
          }
        },
      };
    },
  };
}
