import { getIntrospectionQuery, getOperationAST, GraphQLError, parse, type ValidationRule } from 'graphql';
import { operationShape } from './operation-shape.js';

/** graphql-js's standard introspection query with every option on: what GraphiQL, codegen, Postman and IDE plugins send, at most. */
const STANDARD_INTROSPECTION = parse(
  getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    experimentalDirectiveDeprecation: true,
    oneOf: true,
  }),
);

/**
 * Introspection is measured apart from the operation's depth and aliases (the standard query is
 * deeper than any query paygraph's own types need) and bounded by its own rules: the standard
 * query's depth (its `ofType` chains), a few `__schema`/`__type` fields and a few aliases, so
 * that asking for the schema many times over in one operation is refused. graphql-js's own
 * validation (MaxIntrospectionDepthRule) bounds nested `fields`/`interfaces`/`possibleTypes`/
 * `inputFields` lists, whose results multiply.
 */
export const INTROSPECTION_LIMITS = {
  fields: 3,
  depth: operationShape(STANDARD_INTROSPECTION, getOperationAST(STANDARD_INTROSPECTION)!).introspectionDepth,
  aliases: 3,
} as const;

/** Refuses introspection naming paygraph's switch (Apollo's own refusal tells the operator to pass an option to ApolloServer). */
export const IntrospectionDisabledRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(new GraphQLError('Introspection is disabled on this server (the operator can enable it with INTROSPECTION=true)', { nodes: [node] }));
    }
  },
});
