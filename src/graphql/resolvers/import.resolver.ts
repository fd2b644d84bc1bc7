import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { ImportObservationsInput } from '../models/import.input.js';
import { ImportObservationsPayload } from '../models/import.type.js';
import { Scope } from '../../services/api-keys/api-key.service.js';

@Resolver()
export class ImportResolver {
  @Authorized(Scope.OBSERVATIONS_WRITE)
  @Mutation(() => ImportObservationsPayload, {
    complexity: 50,
    description: `Loads a batch of salary observations, checked as a file import checks them, and recomputes the snapshots of the markets they change. Needs an API key with ${Scope.OBSERVATIONS_WRITE}. Invalid observations come back as userErrors and the valid ones are loaded; sending the same source and ids again adds nothing.`,
  })
  async importObservations(@Arg('input', () => ImportObservationsInput, { description: 'The batch.' }) input: ImportObservationsInput, @Ctx() { services }: GraphQLContext): Promise<ImportObservationsPayload> {
    const { source, roleCategory, observations } = input;
    const summary = await services.observationImports.importBatch({ source, roleCategory, observations: observations.map((observation) => observation.toRecord()) });
    return ImportObservationsPayload.from(summary);
  }
}
