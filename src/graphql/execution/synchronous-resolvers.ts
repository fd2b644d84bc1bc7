/**
 * TypeGraphQL validates a resolver's arguments with `await`, so every field that takes arguments
 * resolves on a later tick even when validation is synchronous: 150 promises for the snapshots of
 * a 50-role page, about a tenth of a nested read's CPU. This gives the fields that need nothing
 * more (no middleware or @Authorized, arguments of scalars and enums only) a resolver that builds
 * the same argument objects, validates them with the same synchronous function, and calls the
 * resolver method directly. Fields with input objects or guards keep TypeGraphQL's resolver.
 */
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Metadata = ReturnType<typeof getMetadataStorage>;
type ResolverMetadata = Metadata['queries'][number] | Metadata['fieldResolvers'][number];
type Param = NonNullable<ResolverMetadata['params']>[number];
type ParamValue = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * A class whose instances are built from plain values: an @ArgsType with only scalar and enum
 * fields, extending nothing or another such class.
 */
function isPlainArgsClass(metadata: Metadata, type: unknown): type is new () => object {
  const argsType = metadata.argumentTypes.find((candidate) => candidate.target === type);
  if (!argsType) return false;
  const parent: unknown = Object.getPrototypeOf(type);
  if (parent !== Function.prototype && !isPlainArgsClass(metadata, parent)) return false;
  return (argsType.fields ?? []).every((field) => !metadata.inputTypes.some((input) => input.target === field.getType()));
}

/** How to get one parameter's value, or undefined when only TypeGraphQL's resolver can. */
function paramValue(metadata: Metadata, param: Param, validate: (value: unknown) => void): ParamValue | undefined {
  switch (param.kind) {
    case 'root':
      return param.propertyName === undefined && param.getType === undefined ? (root) => root : undefined;
    case 'context':
      return param.propertyName === undefined ? (_root, _args, context) => context : undefined;
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'arg':
      return param.validateFn === undefined && !metadata.inputTypes.some((input) => input.target === param.getType()) ? (_root, args) => args[param.name] : undefined;
    case 'args': {
      const ArgsClass = param.getType();
      if (param.validateFn !== undefined || !isPlainArgsClass(metadata, ArgsClass)) return undefined;
      return (_root, args) => {
        // As TypeGraphQL builds it: the class's own defaults, without keys it leaves undefined.
        const instance = new ArgsClass() as Record<string, unknown>;
        for (const key of Object.keys(instance)) if (instance[key] === undefined && !(key in args)) delete instance[key];
        Object.assign(instance, args);
        validate(instance);
        return instance;
      };
    }
    default:
      return undefined;
  }
}

/** The synchronous resolver for `resolver`, or undefined when it needs TypeGraphQL's. */
function directResolver(metadata: Metadata, resolver: ResolverMetadata, instances: Map<unknown, object>, validate: (value: unknown) => void): GraphQLFieldResolver<unknown, unknown> | undefined {
  if (resolver.roles?.length || resolver.middlewares?.length || !resolver.params) return undefined;
  const params = [...resolver.params].sort((a, b) => a.index - b.index).map((param) => paramValue(metadata, param, validate));
  if (params.some((param) => param === undefined)) return undefined;
  const values = params as ParamValue[];
  const target = resolver.target as new () => Record<string, (...params: unknown[]) => unknown>;
  if (!instances.has(target)) instances.set(target, new target());
  const instance = instances.get(target) as Record<string, (...params: unknown[]) => unknown>;
  const method = instance[resolver.methodName]!;
  return (root, args, context, info) => method.apply(instance, values.map((value) => value(root, args as Record<string, unknown>, context, info)));
}

/**
 * Replaces the resolvers of `schema`'s queries and object fields that TypeGraphQL would run
 * asynchronously for their arguments alone (see above). `validate` must be the schema's validateFn.
 */
export function resolveSynchronously(schema: GraphQLSchema, validate: (value: unknown) => void): void {
  const metadata = getMetadataStorage();
  const instances = new Map<unknown, object>();
  const fieldsOf = (typeName: string | undefined) => (typeName ? (schema.getType(typeName) as GraphQLObjectType | undefined)?.getFields() : undefined);
  const replace = (typeName: string | undefined, resolver: ResolverMetadata) => {
    const field = fieldsOf(typeName)?.[resolver.schemaName];
    const direct = field && directResolver(metadata, resolver, instances, validate);
    if (field && direct) field.resolve = direct;
  };
  for (const query of metadata.queries) replace(schema.getQueryType()?.name, query);
  for (const resolver of metadata.fieldResolvers) {
    if (resolver.kind !== 'external' || !resolver.getObjectType) continue;
    const objectClass = resolver.getObjectType();
    replace(metadata.objectTypes.find((type) => type.target === objectClass)?.name, resolver);
  }
}
