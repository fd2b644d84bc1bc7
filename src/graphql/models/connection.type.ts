import { Field, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { Role } from './role.type.js';

@SimpleObjectType({ description: 'Relay pagination state of a connection.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede startCursor (true when the page was asked for with `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page, to pass as `after`; null for an empty page.' })
  endCursor!: string | null;
}

@SimpleObjectType({ description: 'A role in a page of roles, with its cursor.' })
export class RoleEdge {
  @Field(() => String, { description: 'Opaque position of this role in the connection.' })
  cursor!: string;

  @Field(() => Role, { description: 'The role, scoped to the country of the connection.' })
  node!: Role;
}

@SimpleObjectType({ description: 'A page of roles (Relay connection).' })
export class RoleConnection {
  /** Null when the selection has no totalCount (Country.roles counts only when asked). */
  @Field(() => Int, { description: 'Number of roles in the whole connection, across pages.' })
  totalCount!: number | null;

  @Field(() => PageInfo, { description: 'Where this page stands in the connection.' })
  pageInfo!: PageInfo;

  @Field(() => [RoleEdge], { description: 'The roles of this page, in slug order or in the order asked for.' })
  edges!: RoleEdge[];
}
