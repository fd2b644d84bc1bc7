import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { databaseUrlFor, TEMPLATE_DATABASE } from './database-names.js';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

async function onServer<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('testServerUrl') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database of this test file's own: by default fully migrated and empty (a clone of the
 * template); with `migrated: false`, without any table.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `paygraph_test_${randomBytes(6).toString('hex')}`;
  await onServer((admin) => admin.query(`CREATE DATABASE ${name}${migrated ? ` TEMPLATE ${TEMPLATE_DATABASE}` : ''}`));
  const url = databaseUrlFor(inject('testServerUrl'), name);
  const handle = connectDatabase(url);
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      await onServer((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
