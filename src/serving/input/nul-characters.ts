import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { BadUserInputRefusal } from '../errors/refusals.js';

/**
 * Input types whose text is checked further in, value by value: importObservations answers a
 * NUL character in an observation as that observation's userError, and loads the rest of the batch.
 */
const CHECKED_PER_ITEM: ReadonlySet<string> = new Set(['ObservationInput']);

const NUL_CHARACTER = 'contains a NUL character (U+0000), which text cannot hold';

/** Whether any string in a JSON value holds a NUL character (iteratively: a value may be nested deep). */
function anyStringHoldsNul(value: unknown): boolean {
  const pending = [value];
  while (pending.length) {
    const item = pending.pop();
    if (typeof item === 'string' && item.includes('\0')) return true;
    if (item !== null && typeof item === 'object') for (const inner of Object.values(item)) pending.push(inner);
  }
  return false;
}

/** Whether a variable's value of `type` holds a NUL character outside the types checked per item. */
function holdsNul(value: unknown, type: GraphQLInputType | undefined): boolean {
  if (value === null || typeof value !== 'object') return anyStringHoldsNul(value);
  const nullable = type && getNullableType(type);
  // A list variable may be sent as one item (GraphQL coerces it to a list of one).
  if (isListType(nullable)) return (Array.isArray(value) ? value : [value]).some((item) => holdsNul(item, nullable.ofType as GraphQLInputType));
  if (!isInputObjectType(nullable)) return anyStringHoldsNul(value);
  if (CHECKED_PER_ITEM.has(nullable.name)) return false;
  const fields = nullable.getFields();
  return Object.entries(value).some(([name, item]) => holdsNul(item, fields[name]?.type));
}

/** Where a literal sits: an argument, or a variable's default value. */
interface LiteralPlace {
  name: string;
  description: string;
}

/** Where the document's first literal holding a NUL character sits, if it has one. */
function literalWithNul(schema: GraphQLSchema, document: DocumentNode): LiteralPlace | undefined {
  const typeInfo = new TypeInfo(schema);
  let place: LiteralPlace | undefined;
  let found: LiteralPlace | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: (node) => void (place = { name: node.name.value, description: `Argument "${node.name.value}"` }),
      VariableDefinition: (node) => void (place = { name: node.variable.name.value, description: `The default of variable "$${node.variable.name.value}"` }),
      ObjectValue() {
        const type = typeInfo.getInputType();
        if (type && CHECKED_PER_ITEM.has(getNamedType(type).name)) return false;
      },
      StringValue(node) {
        if (!node.value.includes('\0')) return;
        found = place;
        return BREAK;
      },
    }),
  );
  return found;
}

/**
 * Refuses, before anything runs, an operation whose arguments hold a NUL character: PostgreSQL's
 * text cannot store or compare one, so no slug, category, id or template can contain it. Literal
 * arguments and variables alike, whatever the field; answered as BAD_USER_INPUT (HTTP 400) naming
 * the argument or variable. Observations are the exception (see CHECKED_PER_ITEM).
 */
export function nulCharacterPlugin(): ApolloServerPlugin<GraphQLContext> {
  // Apollo keeps parsed documents, so a document sent again is the same object and checked once.
  const literalsChecked = new WeakMap<DocumentNode, LiteralPlace | undefined>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!literalsChecked.has(document)) literalsChecked.set(document, literalWithNul(schema, document));
          const literal = literalsChecked.get(document);
          if (literal) throw new BadUserInputRefusal(`${literal.description} ${NUL_CHARACTER}`, [literal.name]);
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            if (holdsNul(request.variables?.[name], typeFromAST(schema, definition.type) as GraphQLInputType | undefined)) {
              throw new BadUserInputRefusal(`Variable "$${name}" ${NUL_CHARACTER}`, [name]);
            }
          }
        },
      };
    },
  };
}
