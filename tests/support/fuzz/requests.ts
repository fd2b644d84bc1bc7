import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isNonNullType, parse, typeFromAST, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../../src/config.js';
import { CONTRACT_FILE, operationTexts } from '../../../src/serving/persisted-operations/operation-registry.js';
import {
  deepOperation,
  fragmentBomb,
  fragmentCycle,
  introspection,
  manyAliases,
  mutatedDocument,
  randomOperation,
  severalOperations,
  type GraphQLRequestParts,
} from './documents.js';
import { Draw } from './draw.js';
import { getRequest, oddHttpRequest } from './http-oddities.js';
import { jsonPost, type FuzzRequest, type RequestShape } from './transport.js';
import { anyValue, deeplyNested, EnumName, objectOf, strings, valueFor } from './values.js';

/** A contract operation with the types of its variables, and values that find data in the seed market. */
interface KnownOperation {
  query: string;
  variableTypes: Record<string, GraphQLInputType>;
  variables: Record<string, unknown>;
}

interface Material {
  schema: GraphQLSchema;
  contract: KnownOperation[];
}

const SEED_MARKET: Record<string, unknown> = { country: 'CA', role: 'machine-learning-lead', first: 5, period: '2026-04' };

function contractOperations(schema: GraphQLSchema): KnownOperation[] {
  return operationTexts(readFileSync(CONTRACT_FILE, 'utf8')).map((query) => {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    const variableTypes = Object.fromEntries((operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, typeFromAST(schema, definition.type as never) as GraphQLInputType]));
    const variables = Object.fromEntries(Object.keys(variableTypes).flatMap((name) => (name in SEED_MARKET ? [[name, SEED_MARKET[name]]] : [])));
    return { query, variableTypes, variables };
  });
}

const DEEP_JSON_MARK = '\u0000deep JSON goes here\u0000';

/** JSON text nested `levels` deep, written out: JSON.stringify cannot nest past a few thousand levels. */
function deepJsonText(levels: number, asList: boolean): string {
  return asList ? `${'['.repeat(levels)}1${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A contract operation (whose hash is registered) or a random one. */
function someOperation(draw: Draw, { schema, contract }: Material): GraphQLRequestParts {
  if (!draw.chance(0.5)) return randomOperation(draw, schema);
  const { query, variables } = draw.pick(contract);
  return { query, variables };
}

/** A contract operation sent with odd variables: missing, mistyped, `__proto__`, deep, huge, or not an object. */
function oddVariables(draw: Draw, { contract }: Material): RequestShape {
  const { query, variableTypes, variables } = draw.pick(contract);
  const names = Object.keys(variableTypes);
  const one = names.length ? draw.pick(names) : 'country';
  const variants: Record<string, () => unknown> = {
    missing: () => undefined,
    'empty object': () => ({}),
    'one missing': () => objectOf(Object.entries(variables).filter(([name]) => name !== one)),
    'wrong types': () => objectOf(names.map((name) => [name, anyValue(draw)])),
    'odd values of the right type': () => objectOf(names.map((name) => [name, valueFor(draw, variableTypes[name]!)])),
    '__proto__ key': () => objectOf([['__proto__', variables], ...(draw.chance(0.5) ? Object.entries(variables) : [])]),
    'constructor key': () => objectOf([...Object.entries(variables), [draw.pick(['constructor', 'prototype', 'toString']), draw.pick([{}, 'x', null])]]),
    'deeply nested value': () => ({ ...variables, [one]: deeplyNested(draw, draw.pick([100, 1000, 2000])) }),
    'large string': () => ({ ...variables, [one]: 'x'.repeat(draw.pick([10_000, 200_000])) }),
    'many extra variables': () => ({ ...variables, ...Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`extra${index}`, index])) }),
    'enum name for a string': () => ({ ...variables, [one]: new EnumName('CA') }),
    'not an object': () => draw.pick<unknown>(['{"country": "CA"}', [], [{}], 1, true, '', null]),
  };
  const variant = draw.pick([...Object.keys(variants), 'nested deeper than JSON.stringify goes']);
  if (variant in variants) return jsonPost(draw, `variables: ${variant}`, { query, variables: variants[variant]!() });
  const request = jsonPost(draw, `variables: ${variant}`, { query, variables: { ...variables, [one]: DEEP_JSON_MARK } });
  return { ...request, body: (request.body as string).replace(JSON.stringify(DEEP_JSON_MARK), deepJsonText(draw.pick([4000, 10_000, 50_000]), draw.chance(0.5))) };
}

/** An operation with an operation name of any kind: absent, wrong, not a string, huge. */
function oddOperationName(draw: Draw, material: Material): RequestShape {
  const operation = someOperation(draw, material);
  const operationName = draw.pick<() => unknown>([() => anyValue(draw), () => draw.from(strings), () => 'N'.repeat(draw.pick([1000, 100_000])), () => ''])();
  return jsonPost(draw, 'operationName', { ...operation, operationName });
}

/** Automatic persisted queries: registered and unknown hashes, hashes not of their query, other versions, malformed extensions. */
function persistedQuery(draw: Draw, material: Material): RequestShape {
  const operation = someOperation(draw, material);
  const hash = sha256(operation.query);
  const variants: Record<string, () => Record<string, unknown>> = {
    'hash only': () => ({ variables: operation.variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    'hash with its query': () => ({ ...operation, extensions: { persistedQuery: { version: 1, sha256Hash: draw.chance(0.5) ? hash : hash.toUpperCase() } } }),
    'hash not of its query': () => ({ ...operation, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`${operation.query} `) } } }),
    'unknown hash': () => ({ extensions: { persistedQuery: { version: 1, sha256Hash: draw.chance(0.5) ? sha256(draw.from(strings)) : draw.from(strings) } } }),
    'version other than 1': () => ({
      ...(draw.chance(0.5) ? operation : {}),
      extensions: { persistedQuery: { version: draw.pick([2, 0, '1', null, 1.5]), sha256Hash: hash } },
    }),
    'malformed extension': () => ({
      ...(draw.chance(0.5) ? operation : {}),
      extensions: { persistedQuery: draw.pick<unknown>(['x', [], null, { version: 1 }, { version: 1, sha256Hash: 123 }, { sha256Hash: hash }]) },
    }),
  };
  const variant = draw.pick(Object.keys(variants));
  return jsonPost(draw, `persisted query: ${variant}`, variants[variant]!());
}

const ENTITIES_QUERY = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Country { name } ... on Role { title } ... on MarketSnapshot { period } } }';

/** What a gateway sends the subgraph: entity representations, here of every shape. */
function subgraphRequest(draw: Draw): RequestShape {
  if (draw.chance(0.1)) return jsonPost(draw, 'subgraph', { query: '{ _service { sdl } }' }, '/subgraph');
  const representation = () =>
    draw.chance(0.85)
      ? objectOf([
          ['__typename', draw.chance(0.8) ? draw.pick(['Country', 'Role', 'MarketSnapshot', 'Query', 'Money']) : draw.from(strings)],
          [draw.pick(['code', 'slug', 'id', 'name']), draw.chance(0.8) ? draw.from(strings) : anyValue(draw)],
        ])
      : anyValue(draw);
  return jsonPost(draw, 'subgraph entities', { query: ENTITIES_QUERY, variables: { r: draw.repeat(0, 5, representation) } }, '/subgraph');
}

type Generator = (draw: Draw, material: Material) => RequestShape;

/** What each kind of request is made of, and how often it comes (weights out of their sum). */
const GENERATORS: Array<[weight: number, make: Generator]> = [
  [30, (draw, { schema }) => jsonPost(draw, 'query', randomOperation(draw, schema))],
  [6, (draw, { schema }) => jsonPost(draw, 'mutation without a key', randomOperation(draw, schema, 'mutation'))],
  [2, (draw, { schema }) => jsonPost(draw, 'subscription', randomOperation(draw, schema, 'subscription'))],
  [10, (draw, material) => jsonPost(draw, 'broken syntax', { ...someOperation(draw, material), query: mutatedDocument(draw, someOperation(draw, material).query) })],
  [2, (draw) => jsonPost(draw, 'fragment cycle', fragmentCycle(draw))],
  [2, (draw) => jsonPost(draw, 'fragment bomb', fragmentBomb(draw))],
  [4, (draw, { schema }) => jsonPost(draw, 'deep nesting', deepOperation(draw, schema))],
  [3, (draw, { schema }) => jsonPost(draw, 'many aliases', manyAliases(draw, schema))],
  [3, (draw) => jsonPost(draw, 'introspection', introspection(draw))],
  [3, (draw, { schema }) => jsonPost(draw, 'several operations', severalOperations(draw, schema))],
  [9, oddVariables],
  [3, oddOperationName],
  [5, persistedQuery],
  [6, (draw, material) => getRequest(draw, someOperation(draw, material))],
  [10, (draw, material) => oddHttpRequest(draw, someOperation(draw, material))],
  [2, subgraphRequest],
];

const TOTAL_WEIGHT = GENERATORS.reduce((sum, [weight]) => sum + weight, 0);

function generatorFor(draw: Draw): Generator {
  let ticket = draw.int(1, TOTAL_WEIGHT);
  for (const [weight, make] of GENERATORS) {
    ticket -= weight;
    if (ticket <= 0) return make;
  }
  throw new Error('unreachable: the tickets add up to the total weight');
}

const publishedSchema = () => buildSchema(readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8'));

/** The contract's operations that the seed market's names fill every variable of, as a client first sends them. */
export function seedMarketOperations(): GraphQLRequestParts[] {
  return contractOperations(publishedSchema())
    .filter(({ variableTypes, variables }) => Object.entries(variableTypes).every(([name, type]) => name in variables || !isNonNullType(type)))
    .map(({ query, variables }) => ({ query, variables }));
}

/** `count` requests made from the schema (schema.graphql) and the contract; the same seed makes the same requests. */
export function fuzzRequests(seed: number, count: number): FuzzRequest[] {
  const schema = publishedSchema();
  const material: Material = { schema, contract: contractOperations(schema) };
  const draw = new Draw(seed);
  return Array.from({ length: count }, (_, index) => ({ index, ...generatorFor(draw)(draw, material) }));
}
