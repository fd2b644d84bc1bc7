import { createLogger } from '../../src/logger.js';
import { startServer, type ServerOptions } from '../../src/server.js';
import type { TestDatabase } from './database.js';

/** The real HTTP server on a free port over a test database (production mode unless told otherwise). */
export function startTestServer(database: TestDatabase, options: Partial<Omit<ServerOptions, 'database'>> = {}) {
  return startServer({ database, logger: createLogger('silent'), port: 0, production: true, ...options });
}
