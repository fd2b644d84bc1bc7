import { getVariableValues, GraphQLError, Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { BadUserInputRefusal } from '../errors/refusals.js';

/** The variable an error of graphql-js's variable coercion is about, when it says. */
function variableName(error: GraphQLError): string | undefined {
  const definition = error.nodes?.find((node) => node.kind === Kind.VARIABLE_DEFINITION);
  return definition?.kind === Kind.VARIABLE_DEFINITION ? definition.variable.name.value : undefined;
}

/**
 * The operation's variables as its resolvers will get them (defaults applied, scalars parsed).
 * Values that do not fit their declared types are the caller's mistake: refused with
 * BAD_USER_INPUT (HTTP 400), `extensions.fields` naming the variables.
 */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Record<string, unknown>): Record<string, unknown> {
  const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (!errors) return coerced;
  const fields = [...new Set(errors.map(variableName).filter((name) => name !== undefined))];
  throw new BadUserInputRefusal(
    errors.map((error) => error.message).join(' '),
    fields,
    errors.flatMap((error) => error.nodes ?? []),
  );
}
