import type { FieldProblem, ObservationField, ObservationFields, ObservationLevel } from '../observation.js';

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
  /**
   * What toObservation does beyond looking values up by columnOf, for writing a file's records
   * made only of values taken as written without building observations (verbatim-records.ts); a
   * format without it has every record go through toObservation and validateObservation.
   */
  verbatim?: {
    /** Level codes as written in the file, and the level each one means. */
    levels: Readonly<Record<string, ObservationLevel>>;
    /** Employment types accepted as written (an empty one is accepted too). */
    employmentTypes: readonly string[];
    /** The reporting currency of every amount: the format has no column for it. */
    currencyCode: string;
  };
}
