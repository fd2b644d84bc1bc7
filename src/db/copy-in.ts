/**
 * `COPY … FROM STDIN` over node-postgres, through its Submittable interface (the one
 * pg-cursor and pg-query-stream use): the fastest way PostgreSQL takes rows in.
 */
import type pg from 'pg';

/** The protocol calls we make on node-postgres' Connection beyond its typed surface. */
type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

class CopyFrom implements pg.Submittable {
  private rowCount = 0;

  constructor(
    private readonly sql: string,
    private readonly data: Buffer,
    private readonly settle: (error: Error | null, rowCount: number) => void,
  ) {}

  submit(connection: pg.Connection) {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection) {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }) {
    this.rowCount = Number(message.text.split(' ').pop());
  }

  handleReadyForQuery() {
    this.settle(null, this.rowCount);
  }

  handleError(error: Error) {
    this.settle(error, 0);
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
export function copyFrom(client: pg.PoolClient, target: string, lines: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFrom(`COPY ${target} FROM STDIN`, lines, (error, rowCount) => (error ? reject(error) : resolve(rowCount))));
  });
}
