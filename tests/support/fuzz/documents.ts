import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Draw } from './draw.js';
import { literal, strings, valueFor } from './values.js';

/** What a GraphQL request carries besides HTTP: the document, variables and operation name. */
export interface GraphQLRequestParts {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: unknown;
}

const TYPE_NAMES_TO_MISDECLARE = ['Int', 'Int!', 'String!', '[String]', 'Boolean', 'ExperienceLevel', 'Decimal', 'ID!', 'Unknown', '[[Int!]!]'];

const operationNames = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z_]\w{0,15}$/) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 60_000 }).map((length) => `Op${'x'.repeat(length)}`) },
);

/**
 * Writes one operation over the schema, collecting the variables its arguments use: each argument
 * is a literal or a variable, usually of the right type and often odd (see valueFor).
 */
class OperationWriter {
  private readonly declarations: string[] = [];
  readonly variables: Record<string, unknown> = {};

  constructor(
    private readonly draw: Draw,
    private readonly schema: GraphQLSchema,
  ) {}

  /** An argument or directive value of `type`: a literal, or a variable (sometimes misdeclared, sometimes not sent). */
  private value(type: GraphQLInputType): string {
    const { draw } = this;
    if (!draw.chance(0.4)) return literal(valueFor(draw, type));
    const name = `v${this.declarations.length}`;
    const declared = draw.chance(0.9) ? String(type) : draw.pick(TYPE_NAMES_TO_MISDECLARE);
    const defaultValue = draw.chance(0.1) ? ` = ${literal(valueFor(draw, type))}` : '';
    this.declarations.push(`$${name}: ${declared}${defaultValue}`);
    if (draw.chance(0.9)) this.variables[name] = valueFor(draw, type);
    return `$${name}`;
  }

  private arguments(field: GraphQLField<unknown, unknown>): string {
    const { draw } = this;
    const written = field.args
      .filter((argument) => draw.chance(isNonNullType(argument.type) ? 0.95 : 0.4))
      .map((argument) => `${argument.name}: ${this.value(argument.type)}`);
    if (draw.chance(0.03)) written.push(`${draw.pick(['bogus', 'first', 'code', '__proto__'])}: ${literal(valueFor(draw, this.schema.getType('String') as GraphQLInputType))}`);
    return written.length ? `(${written.join(', ')})` : '';
  }

  private directives(): string {
    const { draw } = this;
    if (!draw.chance(0.04)) return '';
    const boolean = this.schema.getType('Boolean') as GraphQLInputType;
    return ` @${draw.pick(['include', 'skip', 'deprecated', 'foo'])}(if: ${this.value(boolean)})`.repeat(draw.int(1, 2));
  }

  /** One field of `type`: alias, arguments, directives, and a selection when it needs one and depth is left. */
  private field(field: GraphQLField<unknown, unknown>, depth: number, index: number): string {
    const { draw } = this;
    const alias = draw.chance(0.1) ? `a${index}: ` : '';
    const named = getNamedType(field.type);
    let selection = '';
    if (isCompositeType(named) && !draw.chance(0.02)) selection = ` { ${this.selection(named, depth - 1)} }`;
    else if (!isCompositeType(named) && draw.chance(0.02)) selection = ' { __typename }';
    return `${alias}${field.name}${this.arguments(field)}${this.directives()}${selection}`;
  }

  /** A selection set on `type` going at most `depth` levels further down. */
  selection(type: GraphQLCompositeType, depth: number): string {
    const { draw } = this;
    const fields = isUnionType(type) ? [] : Object.values(type.getFields());
    const usable = fields.filter((field) => depth > 0 || !isCompositeType(getNamedType(field.type)));
    const parts = usable.length ? draw.repeat(1, 4, (index) => this.field(draw.pick(usable), depth, index)) : ['__typename'];
    if (draw.chance(0.05)) parts.push('__typename');
    if ((isInterfaceType(type) || isUnionType(type)) && depth > 0) {
      for (const possible of draw.repeat(1, 2, () => draw.pick(this.schema.getPossibleTypes(type)))) parts.push(`... on ${possible.name} { ${this.selection(possible, depth - 1)} }`);
    }
    return parts.join(' ');
  }

  /** A selection nested `depth` levels deep, following the schema's cycles (country → roles → … → country). */
  deepSelection(type: GraphQLCompositeType, depth: number): string {
    const { draw } = this;
    if (depth <= 0 || isUnionType(type)) return '__typename';
    const composite = Object.values(type.getFields()).filter((field) => isCompositeType(getNamedType(field.type)));
    if (!composite.length) return this.selection(type, 0);
    const goesOn = composite.filter((field) => {
      const named = getNamedType(field.type);
      return (isObjectType(named) || isInterfaceType(named)) && Object.values(named.getFields()).some((child) => isCompositeType(getNamedType(child.type)));
    });
    const field = draw.pick(goesOn.length ? goesOn : composite);
    return `${field.name}${this.arguments(field)} { ${this.deepSelection(getNamedType(field.type) as GraphQLCompositeType, depth - 1)} }`;
  }

  /** `keyword [Name](variables) { body }`, with the variables the arguments declared. */
  operation(keyword: string, body: string, name?: string): string {
    const variables = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    return `${keyword}${name ? ` ${name}` : ''}${variables} { ${body} }`;
  }
}

function rootType(schema: GraphQLSchema, keyword: 'query' | 'mutation' | 'subscription'): GraphQLCompositeType {
  // There is no Subscription type: a subscription is written over Query, as a confused client would.
  return (keyword === 'mutation' ? schema.getMutationType() : schema.getQueryType())!;
}

/** An operation of random fields, arguments and variables, `depth` levels deep at most. */
export function randomOperation(draw: Draw, schema: GraphQLSchema, keyword: 'query' | 'mutation' | 'subscription' = 'query'): GraphQLRequestParts {
  const writer = new OperationWriter(draw, schema);
  const body = writer.selection(rootType(schema, keyword), draw.int(1, 5));
  const name = draw.chance(0.4) ? draw.from(operationNames) : undefined;
  return { query: writer.operation(keyword, body, name), variables: writer.variables, operationName: name };
}

/** An operation nested deeper than the depth limit (12) or near it. */
export function deepOperation(draw: Draw, schema: GraphQLSchema): GraphQLRequestParts {
  const writer = new OperationWriter(draw, schema);
  const body = writer.deepSelection(schema.getQueryType()!, draw.int(8, 80));
  return { query: writer.operation('query', body), variables: writer.variables };
}

/** Many aliases of one field, around the alias limit (50) or far over it. */
export function manyAliases(draw: Draw, schema: GraphQLSchema): GraphQLRequestParts {
  const writer = new OperationWriter(draw, schema);
  const field = writer.selection(schema.getQueryType()!, 1).replace(/^a\d+: /, '');
  const count = draw.pick([10, 49, 50, 51, 200, 1000]);
  // Repeated a thousand times, a field with long arguments would only test the body limit.
  const aliased = field.length > 300 ? 'countries { name }' : field;
  const body = Array.from({ length: count }, (_, index) => `a${index}: ${aliased}`).join(' ');
  return { query: writer.operation('query', body), variables: writer.variables };
}

/** Fragments that spread each other in a cycle (invalid), of length 1 to 4. */
export function fragmentCycle(draw: Draw): GraphQLRequestParts {
  const length = draw.int(1, 4);
  const fragments = Array.from({ length }, (_, index) => `fragment F${index} on Country { name ...F${(index + 1) % length} }`);
  return { query: `query { countries { ...F0 } } ${fragments.join(' ')}` };
}

/**
 * A fragment bomb: each level spreads the one below it `width` times, so the document is small
 * and its expansion exponential (width^levels fields). Valid GraphQL; only limits can stop it.
 */
export function fragmentBomb(draw: Draw): GraphQLRequestParts {
  const levels = draw.int(3, 40);
  const width = draw.int(2, 4);
  const leaf = draw.pick(['name', 'a: name', 'roles(first: 1) { totalCount }', 'x: roles(first: 100) { edges { node { slug } } }']);
  const fragments = [`fragment F0 on Country { ${leaf} }`];
  for (let level = 1; level <= levels; level++) fragments.push(`fragment F${level} on Country { ${`...F${level - 1} `.repeat(width)}}`);
  return { query: `query { countries { ...F${levels} } } ${fragments.join(' ')}` };
}

/** Introspection queries (refused in production), some deep, some with odd type names. */
export function introspection(draw: Draw): GraphQLRequestParts {
  const typeRef = (levels: number): string => (levels === 0 ? 'name' : `name kind ofType { ${typeRef(levels - 1)} }`);
  return {
    query: draw.pick([
      `{ __schema { types { name fields { name type { ${typeRef(draw.int(1, 12))} } } } } }`,
      `{ __type(name: ${literal(draw.chance(0.5) ? draw.pick(['Country', 'Query', 'Node', 'Decimal']) : draw.from(strings))}) { name kind fields(includeDeprecated: true) { name } } }`,
      '{ __schema { queryType { name } mutationType { name } subscriptionType { name } directives { name args { name } } } }',
      '{ __typename a: __typename b: __schema { __typename } }',
    ]),
  };
}

/** Several operations in one document; the operation name picks one, or none, or one that is not there. */
export function severalOperations(draw: Draw, schema: GraphQLSchema): GraphQLRequestParts {
  const names = draw.repeat(2, 3, (index) => (draw.chance(0.1) ? '' : `Op${index}`));
  const operations = names.map((name) => {
    const operation = randomOperation(draw, schema);
    return { ...operation, query: operation.query.replace(/^query( \S+)?(?=[ ({])/, `query ${name}`) };
  });
  return {
    query: operations.map((operation) => operation.query).join('\n'),
    variables: Object.assign({}, ...operations.map((operation) => operation.variables)),
    operationName: draw.pick([undefined, null, ...names, 'Missing', '']),
  };
}

const BREAKERS = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '...', '"', '"""', '\\', '#', '\u0000', '\ufeff', '\u2028', 'query', 'fragment', 'on', '=', '|', '&', ',', '1e', '-', '0x1', '\n'];

/** A document broken the ways typing and transport break text: truncated, chars lost, doubled or swapped, junk inserted. */
export function mutatedDocument(draw: Draw, source: string): string {
  let text = source;
  const edits = draw.int(1, 3);
  for (let edit = 0; edit < edits; edit++) {
    const at = draw.int(0, text.length);
    switch (draw.int(0, 4)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + draw.int(1, 12));
        break;
      case 2:
        text = text.slice(0, at) + draw.pick(BREAKERS) + text.slice(at);
        break;
      case 3:
        text = text.slice(0, at) + text.slice(at, at + draw.int(1, 30)).repeat(2) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
    }
  }
  return text;
}
