import { afterAll, beforeAll } from 'vitest';
import { seedDatabase } from '../../src/db/seed.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/http-server.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from './database.js';

type TestServerOptions = Partial<Omit<ServerOptions, 'database'>>;

/** The real HTTP server on a free port over a test database (production mode unless told otherwise). */
export function startTestServer(database: DatabaseHandle, options: TestServerOptions = {}) {
  return startServer({ database, logger: createLogger('silent'), port: 0, production: true, ...options });
}

/**
 * For a test file: a seeded database of its own and the real server over it, started before the
 * file's tests and torn down after them. Read `database` and `server` inside tests.
 */
export function useSeededServer(options: TestServerOptions = {}) {
  const fixture = {} as { database: TestDatabase; server: RunningServer };
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    await seedDatabase(fixture.database.prisma);
    fixture.server = await startTestServer(fixture.database, options);
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.database?.drop();
  });
  return fixture;
}
