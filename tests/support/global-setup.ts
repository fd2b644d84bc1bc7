import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../src/config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { deployMigrations } from '../../src/db/migrations.js';
import { createLogger } from '../../src/logger.js';
import { databaseUrlFor, withAdminClient } from './test-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test PostgreSQL server; test files create their own databases there. */
    testServerUrl: string;
    /** The migrated database that test files clone; one per run, so parallel runs do not collide. */
    templateDatabase: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let serverUrl: string | undefined;
const templateDatabase = `paygraph_test_template_${randomBytes(4).toString('hex')}`;


/**
 * Once per run: finds the test PostgreSQL (TEST_DATABASE_URL, else an embedded server under
 * .data/), and builds a template database with every migration applied, which each test file
 * clones into a database of its own.
 */
export async function setup(project: TestProject) {
  serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedDatabase(path.join(projectRoot, '.data', 'test-postgres'), 54330, createLogger('warn'));
    serverUrl = embedded.url;
  }
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${templateDatabase}`));
  await deployMigrations(databaseUrlFor(serverUrl, templateDatabase));
  project.provide('testServerUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);
}

export async function teardown() {
  if (serverUrl) await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`));
  await embedded?.stop();
}
