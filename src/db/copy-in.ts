/**
 * `COPY … FROM STDIN` over node-postgres, through its Submittable interface (the one
 * pg-cursor and pg-query-stream use): the fastest way PostgreSQL takes rows in.
 */
import type pg from 'pg';

/** The protocol calls we make on node-postgres' Connection beyond its typed surface. */
type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

/**
 * `COPY <target> FROM STDIN` whose rows are sent as they come: chunks written before the server
 * is ready for them wait here, then go in order. Queued on its client like any query, so the
 * statements queued before it run first.
 */
export class CopyStream implements pg.Submittable {
  /** Set once the server takes rows. */
  private connection: CopyConnection | undefined;
  private waiting: Buffer[] = [];
  /** How the COPY is to end, once asked to: with its rows, or failed with a reason. */
  private ending: { failure?: string } | undefined;
  private failed = false;
  /** Whether the end (CopyDone or CopyFail) has been sent. */
  private ended = false;
  private rowCount = 0;
  private readonly settled: Promise<number>;
  private settle!: (error: Error | null) => void;

  private constructor(private readonly sql: string) {
    this.settled = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve(this.rowCount));
    });
    // Awaited by end() or fail(); this only keeps Node from calling a failure unhandled meanwhile.
    this.settled.catch(() => undefined);
  }

  /** Starts `COPY <target> FROM STDIN` (text format) on `client`, after whatever it has queued. */
  static start(client: pg.ClientBase, target: string): CopyStream {
    const copy = new CopyStream(`COPY ${target} FROM STDIN`);
    client.query(copy);
    return copy;
  }

  /** Sends rows: whole lines, each a row of tab-separated fields written with {@link copyField}, ending in "\n". */
  write(lines: Buffer): void {
    if (this.failed || this.ending) return;
    if (this.connection) this.connection.sendCopyFromChunk(lines);
    else this.waiting.push(lines);
  }

  /**
   * Ends the COPY with the rows written.
   * @returns the number of rows copied.
   * @throws the server's error, if it refused a row (or the COPY).
   */
  end(): Promise<number> {
    this.ending ??= {};
    this.finish();
    return this.settled;
  }

  /** Ends the COPY with none of its rows (the server rolls its statement back); resolves once the server has answered. */
  async fail(reason: string): Promise<void> {
    this.ending ??= { failure: reason };
    this.finish();
    await this.settled.catch(() => undefined);
  }

  private finish(): void {
    if (!this.connection || !this.ending || this.failed || this.ended) return;
    this.ended = true;
    if (this.ending.failure === undefined) this.connection.endCopyFrom();
    else this.connection.sendCopyFail(this.ending.failure);
  }

  submit(connection: pg.Connection) {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection) {
    this.connection = connection;
    for (const lines of this.waiting) connection.sendCopyFromChunk(lines);
    this.waiting = [];
    this.finish();
  }

  handleCommandComplete(message: { text: string }) {
    this.rowCount = Number(message.text.split(' ').pop());
  }

  handleReadyForQuery() {
    this.settle(null);
  }

  handleError(error: Error) {
    // The server ignores what is still sent; nothing more is.
    this.failed = true;
    this.waiting = [];
    this.settle(error);
  }

  // Not sent during a COPY FROM; present because node-postgres may call any handler.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One field in COPY's text format: \N for NULL, backslash escapes for the characters that delimit. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]!) : value;
}

const ARRAY_ELEMENT_ESCAPE = /["\\]/g;

/**
 * A text[] as one COPY field: \N for NULL, else an array literal whose every element is
 * double-quoted (so commas, braces, spaces and the word NULL stay text) with its quotes and
 * backslashes backslash-escaped, the literal then escaped as any COPY field.
 */
export function copyTextArray(values: readonly string[] | null): string {
  if (values === null) return '\\N';
  return copyField(`{${values.map((value) => `"${value.replace(ARRAY_ELEMENT_ESCAPE, '\\$&')}"`).join(',')}}`);
}

/**
 * Runs `COPY <target> FROM STDIN` (text format) on `client` with `lines` as the data: each line
 * is one row of tab-separated fields written with {@link copyField}, ending in "\n".
 * @returns the number of rows copied.
 */
export function copyFrom(client: pg.ClientBase, target: string, lines: Buffer): Promise<number> {
  const copy = CopyStream.start(client, target);
  copy.write(lines);
  return copy.end();
}
