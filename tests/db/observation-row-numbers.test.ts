import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { committedMigrations } from '../../src/db/migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const MIGRATION = '20261127080000_observation_row_numbers';
const sql = (name: string) => readFileSync(path.join(projectRoot, 'prisma', 'migrations', name, 'migration.sql'), 'utf8');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  for (const name of committedMigrations().filter((name) => name < MIGRATION)) await database.pool.query(sql(name));
});
afterAll(() => database.drop());

describe(`migration ${MIGRATION}`, () => {
  it('moves whole-number row keys to row_number and keeps every other key as written', async () => {
    const keys = ['2', '0', '3755', '999999999999999999', '007', '+1', '1000000000000000000', 'client-42', ''];
    await database.pool.query("INSERT INTO country (code, name, currency_code) VALUES ('US', 'United States', 'USD')");
    await database.pool.query("INSERT INTO role (slug, title, category) VALUES ('data-engineer', 'Data Engineer', 'Data')");
    await database.pool.query("INSERT INTO observation_source (key) VALUES ('s')");
    await database.pool.query(
      `INSERT INTO observation (source_id, row_key, country_id, role_id, level, period, job_title, amount, currency_code)
       SELECT 1, key, 1, 1, 'MID', '2022', 'Data Engineer', 1, 'USD' FROM unnest($1::text[]) AS key`,
      [keys],
    );
    await database.pool.query(sql(MIGRATION));
    const { rows } = await database.pool.query('SELECT row_number::text, row_key FROM observation ORDER BY row_number, row_key');
    expect(rows).toEqual([
      { row_number: '0', row_key: null },
      { row_number: '2', row_key: null },
      { row_number: '3755', row_key: null },
      { row_number: '999999999999999999', row_key: null },
      { row_number: null, row_key: '' },
      { row_number: null, row_key: '+1' },
      { row_number: null, row_key: '007' },
      { row_number: null, row_key: '1000000000000000000' },
      { row_number: null, row_key: 'client-42' },
    ]);
    // The same key cannot be stored twice, nor a row without a key or with both.
    await expect(database.pool.query("INSERT INTO observation (source_id, row_number, country_id, role_id, level, period, job_title, amount, currency_code) VALUES (1, 2, 1, 1, 'MID', '2022', 'x', 1, 'USD')")).rejects.toMatchObject({ code: '23505' });
    await expect(database.pool.query("INSERT INTO observation (source_id, row_key, country_id, role_id, level, period, job_title, amount, currency_code) VALUES (1, '007', 1, 1, 'MID', '2022', 'x', 1, 'USD')")).rejects.toMatchObject({ code: '23505' });
    await expect(database.pool.query("INSERT INTO observation (source_id, country_id, role_id, level, period, job_title, amount, currency_code) VALUES (1, 1, 1, 'MID', '2022', 'x', 1, 'USD')")).rejects.toMatchObject({ code: '23514' });
    await expect(database.pool.query("INSERT INTO observation (source_id, row_number, row_key, country_id, role_id, level, period, job_title, amount, currency_code) VALUES (1, 5, 'x', 1, 1, 'MID', '2022', 'x', 1, 'USD')")).rejects.toMatchObject({ code: '23514' });
  });
});
