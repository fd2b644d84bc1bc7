import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface.js';

@ObjectType({
  implements: Node,
  description:
    'An occupation. Reached through Country.roles it is scoped to that country, so its market fields need no countryCode; reached from the root they take one.',
})
export class Role extends Node {
  @Field(() => String, { description: 'URL-safe identifier, e.g. "machine-learning-lead".' })
  slug!: string;

  @Field(() => String, { description: 'Display title, e.g. "Machine Learning Lead".' })
  title!: string;

  @Field(() => String, { description: 'Occupational family, e.g. "Data Science & AI".' })
  category!: string;
}
