/**
 * `COPY … FROM STDIN` over node-postgres, through its Submittable interface (the one
 * pg-cursor and pg-query-stream use): the fastest way PostgreSQL takes rows in.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';

/** The protocol calls we make on node-postgres' Connection beyond its typed surface. */
type CopyConnection = pg.Connection & {
  stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

class CopyFrom implements pg.Submittable {
  private rowCount = 0;

  constructor(
    private readonly sql: string,
    private readonly data: Buffer | Readable,
    private readonly settle: (error: Error | null, rowCount: number) => void,
  ) {}

  submit(connection: pg.Connection) {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection) {
    const data = this.data;
    if (Buffer.isBuffer(data)) {
      connection.sendCopyFromChunk(data);
      connection.endCopyFrom();
      return;
    }
    // Streamed at the pace the server takes it: memory holds a chunk or two, whatever the size.
    data.on('data', (chunk: Buffer) => {
      connection.sendCopyFromChunk(chunk);
      if (connection.stream.writableNeedDrain) {
        data.pause();
        connection.stream.once('drain', () => data.resume());
      }
    });
    data.once('end', () => connection.endCopyFrom());
    data.once('error', (error) => connection.sendCopyFail(error.message));
  }

  handleCommandComplete(message: { text: string }) {
    this.rowCount = Number(message.text.split(' ').pop());
  }

  handleReadyForQuery() {
    this.settle(null, this.rowCount);
  }

  handleError(error: Error) {
    // The server stopped reading (bad data): stop sending.
    if (!Buffer.isBuffer(this.data)) this.data.destroy();
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

/**
 * Runs `COPY <target> FROM STDIN` (text format) on `client` with `lines` as the data: each line
 * is one row of tab-separated fields written with {@link copyField}, ending in "\n".
 * @returns the number of rows copied.
 */
export function copyFrom(client: pg.PoolClient, target: string, lines: Buffer): Promise<number> {
  return copyStatement(client, `COPY ${target} FROM STDIN`, lines);
}

/**
 * Runs `statement`, a `COPY … FROM STDIN`, with `input` streamed as its data.
 * @returns the number of rows copied.
 * @throws the server's error when it refuses the data (the input is destroyed), or the input's.
 */
export function copyStreamFrom(client: pg.PoolClient, statement: string, input: Readable): Promise<number> {
  return copyStatement(client, statement, input);
}

function copyStatement(client: pg.PoolClient, statement: string, data: Buffer | Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFrom(statement, data, (error, rowCount) => (error ? reject(error) : resolve(rowCount))));
  });
}
