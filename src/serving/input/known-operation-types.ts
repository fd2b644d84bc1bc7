import { GraphQLError, type ValidationRule } from 'graphql';

type OperationType = 'query' | 'mutation' | 'subscription';

const TRANSPORT_OF: Record<OperationType, string> = {
  query: 'over HTTP (POST or GET)',
  mutation: 'over HTTP (POST)',
  subscription: 'over WebSocket (the graphql-transport-ws protocol of graphql-ws)',
};

export const SUBSCRIPTIONS_OVER_WEBSOCKET = `Send subscription operations ${TRANSPORT_OF.subscription} to this same path /graphql`;

/**
 * A validation rule for a transport serving `served` operation types: an operation of a type the
 * schema lacks, or that another transport serves, is refused as invalid (GRAPHQL_VALIDATION_FAILED,
 * HTTP 400 over HTTP), naming where it is served. graphql-js 16 would let a type the schema lacks
 * through to execution, whose error has no code and would be masked as an internal one.
 */
export function servedOperationTypes(...served: OperationType[]): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      if (served.includes(node.operation) && context.getSchema().getRootType(node.operation)) return;
      const message = context.getSchema().getRootType(node.operation)
        ? `Send ${node.operation} operations ${TRANSPORT_OF[node.operation]} to this same path /graphql`
        : `This API has no ${node.operation} operations`;
      context.reportError(new GraphQLError(message, { nodes: node }));
    },
  });
}
