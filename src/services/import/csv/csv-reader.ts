import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { boundedText } from '../../../lib/bounded-text.js';
import { DEFAULT_CSV_DIALECT, type CsvDialect, type ImportFormat } from '../formats/index.js';
import type { FieldProblem, ObservationFields } from '../observation.js';

/**
 * A data row of a source: identified by `rowKey`, read into fields (with the problems of those
 * the source could not read) or found unreadable. A row of a file keyed by one of its columns
 * has its line too, for its problems to name.
 */
export type SourceRow = { rowKey: string; line?: string; fields: ObservationFields; problems?: FieldProblem[] } | { rowKey: string; problem: FieldProblem };

/** The file cannot be imported at all (wrong layout); rows are never the reason. */
export class ImportFileError extends Error {}

/** Rows read ahead of the consumer before the file is paused (and the most handed over at once). */
const READ_AHEAD = 1000;

/**
 * Every line break ends a record (outside quotes), whichever a file has or mixes: CRLF, LF or a
 * lone CR. csv-parse left to itself settles on the first one it meets and reads the others as text
 * (after a CRLF header, two LF lines would make one record).
 */
export const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];
const LINE_BREAK = /\r\n|\r|\n/g;

/** csv-parse's options for `dialect`: a quote inside a quoted field is written twice, whatever the quote. */
export function csvParseDialect({ delimiter, quote }: CsvDialect) {
  return { delimiter, quote, escape: quote };
}

/** Line breaks inside quoted fields: a record that spans several lines. */
function embeddedLineBreaks(record: string[]): number {
  let count = 0;
  for (const field of record) {
    if (field.includes('\n') || field.includes('\r')) count += field.match(LINE_BREAK)!.length;
  }
  return count;
}

/** A file's columns as read from its header line, and each column's field in a record. */
export interface CsvHeader {
  header: string[];
  /** Column → its field (the last of two columns of one name, as values are looked up). */
  columnIndex: Map<string, number>;
}

/**
 * The header line `record` of a file in `format`.
 * @throws ImportFileError when it lacks a column the format needs.
 */
export function headerOf(record: readonly string[], format: ImportFormat): CsvHeader {
  const header = record.map((column) => column.trim());
  const missing = format.columns.filter((column) => !header.includes(column));
  if (missing.length) {
    throw new ImportFileError(`The header lacks the ${format.columnsLabel} ${missing.join(', ')} (found: ${boundedText(header.join(', '))})`);
  }
  return { header, columnIndex: new Map(header.map((column, index) => [column, index])) };
}

/** Where a reading of the file's rest picks up: the header as read, and the last line read. */
export interface CsvContinuation extends CsvHeader {
  line: number;
}

/** A data record of `format` as a source row keyed `rowKey`, or the problem that keeps it from being one. */
export function rowOfRecord(rowKey: string, record: readonly string[], header: readonly string[], columnIndex: ReadonlyMap<string, number>, format: ImportFormat): SourceRow {
  if (record.length !== header.length) return { rowKey, problem: { field: 'line', reason: `expected ${header.length} fields, found ${record.length}` } };
  const value = (column: string) => record[columnIndex.get(column)!];
  const result = format.toObservation(value);
  if ('reason' in result) return { rowKey, problem: result };
  const row: SourceRow = 'problems' in result ? { rowKey, fields: result.fields, problems: result.problems } : { rowKey, fields: result };
  if (!format.rowKeyOf) return row;
  const key = format.rowKeyOf(value);
  return typeof key === 'string' ? { ...row, rowKey: key, line: rowKey } : { ...row, problems: [...(row.problems ?? []), key] };
}

/**
 * Streams the rows of a CSV file in `format`, holding at most a few thousand rows in memory.
 * Each row's key is the line it starts on (the header is line 1). Records the CSV parser cannot
 * read (a stray quote), rows with a wrong number of fields and rows the format rejects come out
 * as problems; they never stop the rows after them. Blank lines are skipped.
 * @throws ImportFileError when the header cannot be read or lacks a column the format needs.
 */
export async function* readCsvRows(input: Readable, format: ImportFormat, from?: CsvContinuation): AsyncGenerator<SourceRow[]> {
  // Lines are counted here rather than with csv-parse's `info`, which halves its speed. Records
  // and skipped records arrive through synchronous callbacks in file order, which keeps the count right.
  /** Lines before the first that csv-parse reads: its own line counts start after them. */
  const linesBefore = from?.line ?? 0;
  let line = linesBefore;
  let header = from?.header;
  let columnIndex = from?.columnIndex ?? new Map<string, number>();
  let failure: Error | undefined;
  let ended = false;
  let queue: SourceRow[] = [];
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const parser = parse({
    ...csvParseDialect(format.csv ?? DEFAULT_CSV_DIALECT),
    bom: true,
    record_delimiter: RECORD_DELIMITERS,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const rowKey = String(line + 1);
      line = Math.max(line + 1, linesBefore + ((error as { lines?: number } | undefined)?.lines ?? 0));
      // The row key gives the line; csv-parse's own count would start where it started reading.
      // Its message may quote the whole field read so far.
      const message = boundedText(error?.message.replace(/ at line \d+/, '') ?? 'malformed record');
      // Thrown, csv-parse fails with it: a file whose header cannot be read has no rows.
      if (!header) throw new ImportFileError(`The header line is not readable CSV: ${message}`);
      queue.push({ rowKey, problem: { field: 'line', reason: `unreadable CSV: ${message}` } });
      return undefined;
    },
  });
  const accept = (record: string[]) => {
    const rowKey = String(line + 1);
    line += 1 + embeddedLineBreaks(record);
    if (record.length === 1 && record[0] === '') return;
    if (!header) {
      ({ header, columnIndex } = headerOf(record, format));
    } else {
      queue.push(rowOfRecord(rowKey, record, header, columnIndex, format));
    }
  };
  parser.on('data', (record: string[]) => {
    try {
      accept(record);
    } catch (error) {
      failure = error as Error;
      input.destroy();
      parser.destroy();
    }
    if (queue.length >= READ_AHEAD) parser.pause();
    notify();
  });
  parser.on('end', () => {
    ended = true;
    notify();
  });
  const fail = (error: Error) => {
    failure ??= error;
    notify();
  };
  parser.on('error', fail);
  input.on('error', fail);
  input.pipe(parser);

  try {
    for (;;) {
      if (queue.length) {
        const rows = queue;
        queue = [];
        if (parser.isPaused()) parser.resume();
        yield rows;
      } else if (failure) {
        throw failure;
      } else if (ended) {
        break;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!header) throw new ImportFileError('The file is empty: no header line');
}
