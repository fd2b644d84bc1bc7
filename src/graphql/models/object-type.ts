import { ObjectType, type ObjectTypeOptions } from 'type-graphql';

/**
 * TypeGraphQL's `@ObjectType` with `simpleResolvers`: plain fields are read by graphql-js's
 * default resolver rather than through a per-field wrapper that exists for middlewares and
 * auth checks, which paygraph does not use. Field resolvers are unaffected.
 */
export function SimpleObjectType(options: ObjectTypeOptions): ClassDecorator {
  return ObjectType({ ...options, simpleResolvers: true });
}
