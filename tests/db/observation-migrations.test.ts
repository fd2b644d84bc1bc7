import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { committedMigrations } from '../../src/db/migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const sql = (name: string) => readFileSync(path.join(projectRoot, 'prisma', 'migrations', name, 'migration.sql'), 'utf8');

const databases: TestDatabase[] = [];
afterAll(() => Promise.all(databases.map((database) => database.drop())));

/** A database with the migrations before `migration` applied, and a function that applies it. */
async function databaseBefore(migration: string): Promise<{ database: TestDatabase; migrate: () => Promise<unknown> }> {
  const database = await createTestDatabase({ migrated: false });
  databases.push(database);
  for (const name of committedMigrations().filter((name) => name < migration)) await database.pool.query(sql(name));
  return { database, migrate: () => database.pool.query(sql(migration)) };
}

describe('migration 20261127080000_observation_row_numbers', () => {
  it('moves whole-number row keys to row_number and keeps every other key as written', async () => {
    const { database, migrate } = await databaseBefore('20261127080000_observation_row_numbers');
    const keys = ['2', '0', '3755', '999999999999999999', '007', '+1', '1000000000000000000', 'client-42', ''];
    await database.pool.query("INSERT INTO country (code, name, currency_code) VALUES ('US', 'United States', 'USD')");
    await database.pool.query("INSERT INTO role (slug, title, category) VALUES ('data-engineer', 'Data Engineer', 'Data')");
    await database.pool.query("INSERT INTO observation_source (key) VALUES ('s')");
    await database.pool.query(
      `INSERT INTO observation (source_id, row_key, country_id, role_id, level, period, job_title, amount, currency_code)
       SELECT 1, key, 1, 1, 'MID', '2022', 'Data Engineer', 1, 'USD' FROM unnest($1::text[]) AS key`,
      [keys],
    );
    await migrate();
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

describe('migration 20261127100000_observation_imported_at_timestamptz', () => {
  it('keeps each import time, read in the time zone it was written in', async () => {
    const { database, migrate } = await databaseBefore('20261127100000_observation_imported_at_timestamptz');
    await database.pool.query("INSERT INTO observation_source (key) VALUES ('s')");
    await database.pool.query(
      `INSERT INTO observation (source_id, row_number, country_id, role_id, level, period, job_title, amount, currency_code, imported_at)
       VALUES (1, 2, 1, 1, 'MID', '2022', 'x', 1, 'USD', '2026-01-02 03:04:05.678')`,
    );
    const { rows: zone } = await database.pool.query<{ TimeZone: string }>('SHOW TimeZone');
    await migrate();
    const { rows } = await database.pool.query(
      `SELECT imported_at = ('2026-01-02 03:04:05.678'::timestamp AT TIME ZONE $1) AS same, pg_typeof(imported_at)::text AS type FROM observation`,
      [zone[0]!.TimeZone],
    );
    expect(rows).toEqual([{ same: true, type: 'timestamp with time zone' }]);
  });
});
