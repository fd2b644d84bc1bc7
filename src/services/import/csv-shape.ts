/**
 * Watches the bytes of a CSV file go by and tells whether every line of it is exactly one
 * well-formed record, so that PostgreSQL's COPY reads it as csv-parse does and a record's ordinal
 * gives its line number. Anything else (a quoted field spanning lines, a stray quote, a lone
 * carriage return) makes the file irregular, and the import reads it record by record instead.
 */
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** A line of fields separated by commas, each either unquoted without quotes or fully quoted. */
const WELL_QUOTED_LINE = /^(?:[^",\r\n]*|"(?:[^"]|"")*")(?:,(?:[^",\r\n]*|"(?:[^"]|"")*"))*\r?$/;

export class CsvShape {
  private newlines = 0;
  private carriageReturns = 0;
  private crlfs = 0;
  private lastByte = -1;
  private wellQuoted = true;
  /** The bytes of the line in progress (only lines with a quote are ever decoded and checked). */
  private partialLine = Buffer.alloc(0);

  /** Takes the next chunk of the file. */
  scan(chunk: Buffer): void {
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) this.newlines++;
    if (chunk.includes(CR)) {
      for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1)) {
        this.carriageReturns++;
        if (chunk[at + 1] === LF) this.crlfs++;
      }
    }
    if (this.lastByte === CR && chunk[0] === LF) this.crlfs++;
    const lastNewline = chunk.lastIndexOf(LF);
    if (lastNewline === -1) {
      this.partialLine = Buffer.concat([this.partialLine, chunk]);
    } else {
      if (this.wellQuoted && (this.partialLine.includes(QUOTE) || chunk.subarray(0, lastNewline).includes(QUOTE))) {
        this.checkLines(Buffer.concat([this.partialLine, chunk.subarray(0, lastNewline)]));
      }
      this.partialLine = Buffer.from(chunk.subarray(lastNewline + 1));
    }
    if (chunk.length) this.lastByte = chunk[chunk.length - 1]!;
  }

  private checkLines(lines: Buffer) {
    for (const line of lines.toString('utf8').split('\n')) {
      if (line.includes('"') && !WELL_QUOTED_LINE.test(line)) this.wellQuoted = false;
    }
  }

  /** Lines in the file so far, counting a last line without a newline. */
  get lines(): number {
    return this.newlines + (this.lastByte !== -1 && this.lastByte !== LF ? 1 : 0);
  }

  /**
   * True when every line is one record: quotes well formed within each line, and carriage returns
   * only in CRLF line ends used throughout. Call once the whole file went by.
   */
  get regular(): boolean {
    if (this.partialLine.includes(QUOTE)) this.checkLines(this.partialLine);
    const lineEnds = this.carriageReturns === 0 || (this.carriageReturns === this.crlfs && this.crlfs === this.newlines);
    return this.wellQuoted && lineEnds;
  }
}
