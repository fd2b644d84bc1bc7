import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyField, copyFrom, copyTextArray, CopyStream } from '../../src/db/copy-in.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(() => database.drop());

/** Runs `work` on a connection of its own: the temp tables it makes live on that connection. */
async function withClient(work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await database.pool.connect();
  try {
    await work(client);
  } finally {
    client.release();
  }
}

describe('copyTextArray', () => {
  it('writes text arrays that COPY reads back element for element', async () => {
    const arrays: (string[] | null)[] = [
      ['Python', 'SQL'],
      ['C, C++', 'say "hi"', 'back\\slash', '{braces}', '}{', 'NULL', '\\N', '', ' spaced ', 'tab\there', 'line\nbreak', 'carriage\rreturn', 'ünï ✓', "it's"],
      ['\\"}{,\\\\'],
      [],
      null,
    ];
    await withClient(async (client) => {
      await client.query('CREATE TEMP TABLE copied (id int, names text[])');
      const lines = arrays.map((names, index) => `${copyField(index)}\t${copyTextArray(names)}\n`).join('');
      expect(await copyFrom(client, 'copied (id, names)', Buffer.from(lines))).toBe(arrays.length);
      const { rows } = await client.query('SELECT names FROM copied ORDER BY id');
      expect(rows.map((row) => row.names)).toEqual(arrays);
    });
  });
});

describe('CopyStream', () => {
  it('sends the rows written before the server is ready, then the rest as written, and ends with their count', async () => {
    await withClient(async (client) => {
      await client.query('CREATE TEMP TABLE streamed (id int, name text)');
      const copy = CopyStream.start(client, 'streamed (id, name)');
      copy.write(Buffer.from('1\tfirst\n2\tsecond\n'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      copy.write(Buffer.from('3\tthird ✓\n'));
      expect(await copy.end()).toBe(3);
      const { rows } = await client.query('SELECT id, name FROM streamed ORDER BY id');
      expect(rows).toEqual([
        { id: 1, name: 'first' },
        { id: 2, name: 'second' },
        { id: 3, name: 'third ✓' },
      ]);
    });
  });

  it('keeps none of its rows when failed, or when the server refuses one, and leaves the connection usable', async () => {
    await withClient(async (client) => {
      await client.query('CREATE TEMP TABLE refused (id int)');
      const failed = CopyStream.start(client, 'refused (id)');
      failed.write(Buffer.from('1\n2\n'));
      await failed.fail('stopped');
      const refused = CopyStream.start(client, 'refused (id)');
      refused.write(Buffer.from('3\nnot a number\n'));
      await expect(refused.end()).rejects.toMatchObject({ code: '22P02' });
      // Written after the refusal: dropped, never sent.
      refused.write(Buffer.from('4\n'));
      expect((await client.query('SELECT count(*)::int AS n FROM refused')).rows).toEqual([{ n: 0 }]);
      expect(await copyFrom(client, 'refused (id)', Buffer.from('5\n'))).toBe(1);
    });
  });
});
