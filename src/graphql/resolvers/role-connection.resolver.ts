import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { RoleConnection } from '../models/connection.type.js';

@Resolver(() => RoleConnection)
export class RoleConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of roles in the whole connection, across pages.' })
  totalCount(@Root() connection: RoleConnection, @Ctx() { services }: GraphQLContext) {
    return connection.total ?? services.catalog.roleCountInCountry(connection.countryId);
  }
}
