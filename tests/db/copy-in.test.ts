import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyField, copyFrom, copyTextArray } from '../../src/db/copy-in.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(() => database.drop());

describe('copyTextArray', () => {
  it('writes text arrays that COPY reads back element for element', async () => {
    const arrays: (string[] | null)[] = [
      ['Python', 'SQL'],
      ['C, C++', 'say "hi"', 'back\\slash', '{braces}', '}{', 'NULL', '\\N', '', ' spaced ', 'tab\there', 'line\nbreak', 'carriage\rreturn', 'ünï ✓', "it's"],
      ['\\"}{,\\\\'],
      [],
      null,
    ];
    const client = await database.pool.connect();
    try {
      await client.query('CREATE TEMP TABLE copied (id int, names text[])');
      const lines = arrays.map((names, index) => `${copyField(index)}\t${copyTextArray(names)}\n`).join('');
      expect(await copyFrom(client, 'copied (id, names)', Buffer.from(lines))).toBe(arrays.length);
      const { rows } = await client.query('SELECT names FROM copied ORDER BY id');
      expect(rows.map((row) => row.names)).toEqual(arrays);
    } finally {
      client.release();
    }
  });
});
