import { isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildPaygraphSubgraphSchema } from '../../src/graphql/federation/subgraph-schema.js';
import { buildPaygraphSchema } from '../../src/graphql/schema.js';

/** Types @apollo/subgraph adds for the federation spec; they document themselves elsewhere. */
const FEDERATION_TYPES = /^(_Any|_Entity|_Service|link__\w+|federation__\w+)$/;
const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service']);

/** Every type, field, argument, input field and enum value of the schema that has no description. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (name: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || FEDERATION_TYPES.test(type.name)) continue;
    if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const path = `${type.name}.${field.name}`;
        if (FEDERATION_FIELDS.has(path)) continue;
        check(path, field.description);
        for (const arg of field.args) check(`${path}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('schema documentation', () => {
  it('describes every type, field, argument and enum value of the public schema', async () => {
    expect(undocumented(await buildPaygraphSchema())).toEqual([]);
  });

  it('describes everything in the subgraph schema beyond the federation machinery', async () => {
    expect(undocumented(await buildPaygraphSubgraphSchema())).toEqual([]);
  });
});
