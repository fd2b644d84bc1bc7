import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { databaseUrlFor, withAdminClient } from './test-server.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database of this test file's own: by default fully migrated and empty (a clone of the
 * template); with `migrated: false`, without any table.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const serverUrl = inject('testServerUrl');
  const name = `paygraph_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}${migrated ? ` TEMPLATE ${inject('templateDatabase')}` : ''}`));
  const handle = connectDatabase(databaseUrlFor(serverUrl, name));
  return {
    ...handle,
    async drop() {
      await handle.close();
      await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
