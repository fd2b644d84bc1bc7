import { Field, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import type { BatchImportSummary } from '../../services/import/import.service.js';

@SimpleObjectType({ description: 'A problem of an observation that was not loaded; the rest of the batch was.' })
export class ImportUserError {
  @Field(() => [String], { description: 'Path of the offending input field, e.g. ["input", "observations", "3", "amount"].' })
  field!: string[];

  @Field(() => [String], { description: 'The same as field.', deprecationReason: 'Use field, the name every userErrors entry gives the path of its input field.' })
  get path(): string[] {
    return this.field;
  }

  @Field(() => String, { description: 'What is wrong with it.' })
  message!: string;
}

@SimpleObjectType({ description: 'Result of importObservations.' })
export class ImportObservationsPayload {
  @Field(() => Int, { description: 'Observations received.' })
  read!: number;

  @Field(() => Int, { description: 'Observations loaded by this call.' })
  imported!: number;

  @Field(() => Int, { description: 'Valid observations the source had already loaded (or repeated in the batch); nothing changed for them.' })
  duplicates!: number;

  @Field(() => Int, { description: 'Observations rejected; userErrors says why.' })
  rejected!: number;

  @Field(() => Int, { description: 'Market snapshots recomputed because of this call.' })
  snapshots!: number;

  @Field(() => [ImportUserError], { description: 'One entry per problem of a rejected observation (an observation with several has one for each); empty when every observation was valid.' })
  userErrors!: ImportUserError[];

  /** The payload of an import, each problem pointing at its field in the mutation's input. */
  static from({ rejections, ...counts }: BatchImportSummary): ImportObservationsPayload {
    const userErrors = rejections.map(({ index, field, reason }) =>
      Object.assign(new ImportUserError(), { field: ['input', 'observations', String(index), field], message: `${field} ${reason}` }),
    );
    return Object.assign(new ImportObservationsPayload(), { ...counts, userErrors });
  }
}
