import { GraphQLScalarType } from 'graphql';
import { ENTITY_REFERENCES } from './entity-references.js';

function isRepresentation(value: unknown): value is { __typename: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { __typename: typeName } = value as { __typename?: unknown };
  return typeof typeName === 'string' && Object.hasOwn(ENTITY_REFERENCES, typeName);
}

/**
 * `_Any`, the entity representations a gateway sends to `_entities`, checked as they are
 * coerced: anything but an object naming one of our entities is the caller's mistake
 * (BAD_USER_INPUT naming the variable), not a failure of the resolver. A key that names nothing
 * resolves to null.
 */
export const RepresentationScalar = new GraphQLScalarType({
  name: '_Any',
  parseValue(value) {
    if (!isRepresentation(value)) throw new TypeError(`A representation is an object whose __typename is one of ${Object.keys(ENTITY_REFERENCES).join(', ')}`);
    return value;
  },
});
