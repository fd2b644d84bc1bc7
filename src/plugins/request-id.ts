import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { isExposedError } from './format-error.js';

export const newRequestId = (): string => randomUUID();

/**
 * Logs every unexpected error with the request id, and hands that id to the client: in the
 * `x-request-id` header and in the extensions of each masked error.
 */
export function requestIdPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { requestId } = contextValue;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isExposedError(error)) logger.error({ err: error.originalError ?? error, requestId, operationName, path: error.path }, 'unexpected error');
          }
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-request-id', requestId);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId };
            }
          }
        },
      };
    },
  };
}
