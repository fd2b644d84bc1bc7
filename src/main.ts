import 'reflect-metadata';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { DatabaseSetupError } from './db/setup-error.js';
import { createLogger } from './logger.js';
import { startServer } from './server/http-server.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

let database;
try {
  database = await openDatabase(config, logger);
} catch (error) {
  if (!(error instanceof DatabaseSetupError)) throw error;
  // One readable line, no stack: the message says what to do (run the migrations, free or change the port).
  process.stderr.write(`paygraph: ${error.message}\n`);
  process.exit(1);
}

const server = await startServer({ database, logger, port: config.port, production: config.production, serving: config });
const graphiql = server.url.replace(/graphql$/, 'graphiql');
logger.info({ graphql: server.url, graphiql: config.production ? undefined : graphiql }, 'paygraph is ready');
console.log(`\n  GraphQL  ${server.url}\n  GraphiQL ${config.production ? '(off in production)' : graphiql}\n`);

let stopping = false;
/** Stops accepting, lets in-flight requests finish, closes the pool and the embedded database; bounded in time. */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: draining in-flight requests');
  setTimeout(() => {
    logger.error('shutdown took too long; exiting anyway');
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  await server.close();
  await database!.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
