import { Field } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { Node } from './node.interface.js';

@SimpleObjectType({
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
