import type { ApolloServerPlugin } from '@apollo/server';
import type { ReadReplicas } from '../db/replicas/read-replicas.js';
import type { GraphQLContext } from '../graphql/context.js';
import { RequestServices } from '../services/request-services.js';

/**
 * Where an operation's statements go. A request's context starts on the primary; once the
 * operation is known to be a query, its services move to a replica that has replayed every
 * announced write, if there is one. Everything a mutation does stays on the primary, so its
 * response reads its own writes, and it is announced as soon as it is answered: the next read
 * here must not wait for the database's change notice to avoid the replicas that lack it.
 */
export function readRoutingPlugin(replicas: ReadReplicas): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'query') return;
          const replica = replicas.replicaForRead();
          if (replica) contextValue.services = new RequestServices(replica);
        },
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') replicas.writeAnnounced();
        },
      };
    },
  };
}
