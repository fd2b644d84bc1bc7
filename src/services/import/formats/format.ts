import type { FieldProblem, ObservationField, ObservationFields, ObservationLevel, ReadFields } from '../observation.js';

/** How a CSV file of a format separates and quotes its fields. */
export interface CsvDialect {
  /** One character between fields. */
  delimiter: string;
  /** One character around a field that holds delimiters, quotes or line breaks; doubled inside it. */
  quote: string;
}

export const DEFAULT_CSV_DIALECT: CsvDialect = { delimiter: ',', quote: '"' };

/** A file layout the importer can read: which columns it has and what they mean. */
export interface ImportFormat {
  /** The name given to `--format`. */
  name: string;
  description: string;
  /** Category of the roles this source's job titles create (existing roles keep theirs). */
  roleCategory: string;
  /** How its fields are separated and quoted; DEFAULT_CSV_DIALECT when absent. */
  csv?: CsvDialect;
  /** Header columns a file of this format must have (others are ignored). */
  columns: readonly string[];
  /** What a header without some of `columns` lacks, before their names: "ai-jobs column(s)". */
  columnsLabel: string;
  /** The column holding an observation field, so problems are reported in the file's terms. */
  columnOf(field: ObservationField): string;
  /**
   * One row, its values looked up by column, as observation fields (with the problems of those it
   * could not read, which validation adds to its own); or what makes the row unreadable.
   */
  toObservation(value: (column: string) => string | undefined): ObservationFields | ReadFields | FieldProblem;
  /**
   * The key identifying a row within its source, when the format reads it from the row (else the
   * row's line is its key); or what makes it unusable.
   */
  rowKeyOf?(value: (column: string) => string | undefined): string | FieldProblem;
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
    /** Country codes accepted as written; every ISO 3166-1 alpha-2 code in upper case when absent. */
    countryCodes?: (code: string) => boolean;
  };
}
