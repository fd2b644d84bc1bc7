import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import type { Metrics } from './metrics.js';

/** Counts and times every GraphQL operation by its label (see Metrics.operationLabel). */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, response }) {
          const operation = metrics.operationLabel(operationName);
          const failed = response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length);
          metrics.graphqlRequests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          stopTimer({ operation });
        },
      };
    },
  };
}
