import { buildSubgraphSchema } from '@apollo/subgraph';
// 2.14 (the newest @apollo/subgraph that runs on Node 20) exports the type only from here.
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import {
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  printSchema,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { createResolversMap } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { buildPaygraphSchema } from '../schema.js';
import { ENTITY_REFERENCES, type EntityReference } from './entity-references.js';
import { RepresentationScalar } from './representation-scalar.js';

/** Federation 2.3: all the subgraph needs (`@key`), and understood by every current router and gateway. */
const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.3';

const federationLink = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])`).definitions;

function withKey(definition: ObjectTypeDefinitionNode, key: string): ObjectTypeDefinitionNode {
  const [keyDirective] = (parse(`type Entity @key(fields: "${key}")`).definitions[0] as ObjectTypeDefinitionNode).directives!;
  return { ...definition, directives: [...(definition.directives ?? []), keyDirective!] };
}

function entityOf(definition: DefinitionNode): EntityReference | undefined {
  return definition.kind === Kind.OBJECT_TYPE_DEFINITION ? ENTITY_REFERENCES[definition.name.value as keyof typeof ENTITY_REFERENCES] : undefined;
}

/**
 * The Federation 2 type definitions of a schema: its SDL as clients see it, linked to the
 * federation spec, with `@key` on each entity. The keys live beside their reference resolvers
 * (entity-references.ts) rather than on the model classes, so the two cannot drift apart and the
 * public schema carries no federation directive.
 */
function subgraphTypeDefs(schema: GraphQLSchema): DocumentNode {
  const definitions = parse(printSchema(schema)).definitions.map((definition) => {
    const entity = entityOf(definition);
    return entity ? withKey(definition as ObjectTypeDefinitionNode, entity.key) : definition;
  });
  return { kind: Kind.DOCUMENT, definitions: [...federationLink, ...definitions] };
}

type ObjectResolvers = Record<string, GraphQLFieldResolver<unknown, GraphQLContext>>;

function referenceResolver(entity: EntityReference) {
  const resolveReference = (reference: Record<string, unknown>, context: GraphQLContext) => {
    const keyValue = reference[entity.key];
    return typeof keyValue === 'string' ? entity.resolve(keyValue, context) : null;
  };
  // GraphQLResolverMap types every entry as a field resolver; __resolveReference takes (reference, context).
  return resolveReference as unknown as GraphQLFieldResolver<unknown, GraphQLContext>;
}

/**
 * Field extensions do not survive the trip through SDL, and the query limits read TypeGraphQL's
 * `complexity` weights from them: without this the subgraph would price operations lower than
 * /graphql does. `_entities` costs its selection once per representation.
 */
function withCosts(subgraph: GraphQLSchema, schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    const target = subgraph.getType(type.name);
    if (!(isObjectType(type) || isInterfaceType(type)) || !(isObjectType(target) || isInterfaceType(target))) continue;
    const targetFields = target.getFields();
    for (const field of Object.values(type.getFields())) {
      const targetField = targetFields[field.name];
      if (targetField) targetField.extensions = { ...targetField.extensions, ...field.extensions };
    }
  }
  const entities = subgraph.getQueryType()!.getFields()._entities!;
  const perRepresentation: ComplexityEstimator = ({ args, childComplexity }) => 1 + (args.representations as unknown[]).length * childComplexity;
  entities.extensions = { ...entities.extensions, complexity: perRepresentation };
  return subgraph;
}

/**
 * paygraph as a Federation 2 subgraph: the same types and resolvers as the main schema, plus
 * `_service { sdl }` and `_entities` for Country (key code), Role (key slug) and MarketSnapshot
 * (key id, the global id).
 */
export async function buildPaygraphSubgraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildPaygraphSchema();
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<GraphQLContext>;
  for (const [typeName, entity] of Object.entries(ENTITY_REFERENCES)) {
    resolvers[typeName] = { ...(resolvers[typeName] as ObjectResolvers), __resolveReference: referenceResolver(entity) };
  }
  resolvers._Any = RepresentationScalar;
  return withCosts(buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(schema), resolvers }]), schema);
}
