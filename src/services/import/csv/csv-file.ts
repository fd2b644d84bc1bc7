/**
 * Reading a CSV file fast: most lines are one record each, fields separated by the delimiter
 * (a comma unless the format says otherwise), quoted in full or not at all, and such a line splits exactly as csv-parse reads it, at a fraction of
 * its cost. Each line ends at LF or CRLF, whichever it has, as csv-parse is told to read records
 * (RECORD_DELIMITERS). From the first line that is anything else (a quoted line break, a stray
 * quote, a carriage return inside the line, a line over a megabyte), csv-parse reads the rest.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvParseDialect, headerOf, readCsvRows, type SourceRow } from './csv-reader.js';
import { DEFAULT_CSV_DIALECT, type CsvDialect, type ImportFormat } from '../formats/index.js';

const LF = 0x0a;
/** Bytes read at once (about 1,200 records, a few milliseconds' work): the database's replies get through between two. */
const CHUNK = 1 << 16;
/** A line longer than this is left to csv-parse, with the rest of the file: memory stays bounded whatever the file (one without line feeds, say). */
const MAX_LINE = 1 << 20;

/** Records of a file in `format` read line by line, each with its line, and the file's header. */
export interface FileRecords {
  format: ImportFormat;
  header: readonly string[];
  /** Header column → its field in a record (the last one of that name, as csv-parse reads it). */
  columnIndex: ReadonlyMap<string, number>;
  records: string[][];
  lines: number[];
}

export function isFileRecords(chunk: FileRecords | readonly SourceRow[]): chunk is FileRecords {
  return 'records' in chunk;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * Splits a line of `dialect`: its fields as csv-parse reads them, or undefined when it would read
 * more than this line.
 */
function lineSplitter({ delimiter, quote }: CsvDialect): (line: string) => string[] | undefined {
  const [d, q] = [escapeRegExp(delimiter), escapeRegExp(quote)];
  const field = `(?:[^${q}${d}\\r\\n]*|${q}(?:[^${q}]|${q}${q})*${q})`;
  /** A line of fields separated by the delimiter, each either unquoted without quotes or fully quoted. */
  const wellQuotedLine = new RegExp(`^${field}(?:${d}${field})*$`);
  return (line) => {
    if (line.includes(quote)) return wellQuotedLine.test(line) ? (parse(line, csvParseDialect({ delimiter, quote })) as string[][])[0] ?? [''] : undefined;
    return line.includes('\r') ? undefined : line.split(delimiter);
  };
}

/**
 * Streams the CSV file `file` in `format`: records of the lines read here, then, from a line only
 * csv-parse can read, rows as readCsvRows gives them. A record made into a row (rowOfRecord) is
 * the row readCsvRows gives for it. At most a line of the file (a megabyte) is in memory here.
 * @param onBytes told how many bytes have been read so far.
 * @throws ImportFileError when the header cannot be read or lacks a column the format needs.
 */
export async function* readCsvFile(file: string, format: ImportFormat, onBytes?: (bytes: number) => void): AsyncGenerator<FileRecords | SourceRow[]> {
  let header: string[] | undefined;
  let columnIndex = new Map<string, number>();
  let line = 0;
  /** Bytes of the file before `rest`. */
  let offset = 0;
  /** The chunks of the line in progress: joined once its line break comes (a long line costs no more than its length). */
  let rest: Buffer[] = [];
  /** csv-parse reading the file from byte `from` on, as it would have from the start. */
  const readRest = (from: number) =>
    readCsvRows(createReadStream(file, { start: from }), format, header && { header, columnIndex, line });
  const dialect = format.csv ?? DEFAULT_CSV_DIALECT;
  const splitLine = lineSplitter(dialect);
  const input = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      onBytes?.(input.bytesRead);
      const lastLf = chunk.lastIndexOf(LF);
      if (lastLf === -1) {
        rest.push(chunk);
        if (input.bytesRead - offset <= MAX_LINE) continue;
        input.destroy();
        yield* readRest(offset);
        return;
      }
      const complete = rest.length ? Buffer.concat([...rest, chunk.subarray(0, lastLf + 1)]) : chunk.subarray(0, lastLf + 1);
      const text = complete.toString('utf8');
      const linesBefore = line;
      const records: string[][] = [];
      const lines: number[] = [];
      // Most reads have no quote and no carriage return at all: each of their lines is split as it is.
      if (header && !text.includes(dialect.quote) && !text.includes('\r')) {
        const split = text.split('\n');
        // The text ends in a line feed: the last piece is empty.
        for (let index = 0; index < split.length - 1; index++) {
          line++;
          const record = split[index]!;
          if (record === '') continue;
          records.push(record.split(dialect.delimiter));
          lines.push(line);
        }
        offset += complete.length;
        rest = lastLf + 1 < chunk.length ? [chunk.subarray(lastLf + 1)] : [];
        if (records.length) yield { format, header, columnIndex, records, lines };
        continue;
      }
      for (let start = 0; start < text.length; ) {
        const end = text.indexOf('\n', start);
        const record = text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
        if (!header) {
          const fields = splitLine(record.replace(/^\uFEFF/, ''));
          // A header csv-parse might read differently: csv-parse reads the whole file.
          if (!fields || record.includes(dialect.quote)) {
            input.destroy();
            yield* readRest(0);
            return;
          }
          ({ header, columnIndex } = headerOf(fields, format));
          line = 1;
          start = end + 1;
          continue;
        }
        const fields = splitLine(record);
        if (!fields) {
          input.destroy();
          if (records.length) yield { format, header, columnIndex, records, lines };
          // Counted in line breaks, not re-encoded text: bytes that are not UTF-8 decode to U+FFFD, which re-encodes longer.
          let from = offset;
          for (let skipped = linesBefore; skipped < line; skipped++) from = offset + complete.indexOf(LF, from - offset) + 1;
          yield* readRest(from);
          return;
        }
        line++;
        start = end + 1;
        if (fields.length === 1 && fields[0] === '') continue;
        records.push(fields);
        lines.push(line);
      }
      offset += complete.length;
      rest = lastLf + 1 < chunk.length ? [chunk.subarray(lastLf + 1)] : [];
      if (records.length) yield { format, header: header!, columnIndex, records, lines };
    }
    // A last line without a line break, or an empty file: csv-parse reads it (and fails the empty one).
    if (rest.length || !header) yield* readRest(offset);
  } finally {
    input.destroy();
  }
}
