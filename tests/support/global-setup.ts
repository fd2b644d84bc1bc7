import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../src/config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { deployMigrations } from '../../src/db/migrations.js';
import { createLogger } from '../../src/logger.js';
import { databaseUrlFor, TEMPLATE_DATABASE } from './database-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL on the test PostgreSQL server; test files create their own databases there. */
    testServerUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;

/**
 * Once per run: finds the test PostgreSQL (TEST_DATABASE_URL, else an embedded server under
 * .data/), and builds a template database with every migration applied, which each test file
 * clones into a database of its own.
 */
export async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedDatabase(path.join(projectRoot, '.data', 'test-postgres'), 54330, createLogger('warn'));
    serverUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await deployMigrations(databaseUrlFor(serverUrl, TEMPLATE_DATABASE));
  project.provide('testServerUrl', serverUrl);
}

export async function teardown() {
  await embedded?.stop();
}
