import type { SqlReader, Statement } from '../db/client.js';

/** Statements that build a whole answer as one JSON document in PostgreSQL, passed on as text. */
export class JsonDocumentService {
  constructor(private readonly read: SqlReader) {}

  /** The `document` column of the statement's one row, as JSON text (null when SQL NULL). */
  async document(statement: Statement, values: unknown[]): Promise<string | null> {
    const [row] = await this.read<{ document: string | null }>(statement, values);
    return row?.document ?? null;
  }
}
