import { Field } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { Node } from './node.interface.js';

@SimpleObjectType({ implements: Node, description: 'A country whose labour markets paygraph describes.' })
export class Country extends Node {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code, e.g. "CA".' })
  code!: string;

  @Field(() => String, { description: 'English name, e.g. "Canada".' })
  name!: string;

  @Field(() => String, { description: 'ISO 4217 code of the local currency, e.g. "CAD".' })
  currencyCode!: string;
}
