import { Field, ID, InterfaceType } from 'type-graphql';

/** The object type of a node: services return nodes tagged with their __typename. */
export const nodeTypeName = (value: { __typename?: string }) => value.__typename;

@InterfaceType({ description: 'An object with a global id, fetchable with Query.node(id:).', resolveType: nodeTypeName })
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque id.' })
  id!: string;
}
