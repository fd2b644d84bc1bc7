import { Field, Int } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import type { BatchImportSummary } from '../services/import/import.service.js';

@SimpleObjectType({ description: 'An observation that was not loaded, and why; the rest of the batch was.' })
export class ImportUserError {
  @Field(() => [String], { description: 'Path of the offending input field, e.g. ["input", "observations", "3", "amount"].' })
  path!: string[];

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

  @Field(() => [ImportUserError], { description: 'One entry per rejected observation; empty when every observation was valid.' })
  userErrors!: ImportUserError[];

  /** The payload of an import, each rejection pointing at its field in the mutation's input. */
  static from({ rejections, ...counts }: BatchImportSummary): ImportObservationsPayload {
    const userErrors = rejections.map(({ index, field, reason }) => ({ path: ['input', 'observations', String(index), field], message: `${field} ${reason}` }));
    return Object.assign(new ImportObservationsPayload(), { ...counts, userErrors });
  }
}
