import type { FieldProblem, ObservationField, ObservationFields } from '../observation.js';

/** A file layout the importer can read: which columns it has and what they mean. */
export interface ImportFormat {
  /** The name given to `--format`. */
  name: string;
  description: string;
  /** Category of the roles this source's job titles create (existing roles keep theirs). */
  roleCategory: string;
  /** Header columns a file of this format must have (others are ignored). */
  columns: readonly string[];
  /** The column holding an observation field, so problems are reported in the file's terms. */
  columnOf(field: ObservationField): string;
  /** One row, its values looked up by column, as observation fields; or what makes it unreadable. */
  toObservation(value: (column: string) => string | undefined): ObservationFields | FieldProblem;
}
