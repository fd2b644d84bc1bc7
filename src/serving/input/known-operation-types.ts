import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * A validation rule: an operation of a type the schema lacks (paygraph has no subscriptions) is
 * refused as invalid, GRAPHQL_VALIDATION_FAILED with HTTP 400, as graphql-js 17 does. graphql-js
 * 16 lets it through to execution, whose error has no code and would be masked as an internal one.
 */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      context.reportError(new GraphQLError(`This API has no ${node.operation} operations: send a query or a mutation`, { nodes: node }));
    },
  };
}
