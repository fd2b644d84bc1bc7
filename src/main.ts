import 'reflect-metadata';
import { loadConfig } from './config.js';
import { connectDatabase } from './db/client.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import { deployMigrations, pendingMigrations } from './db/migrations.js';
import { isEmpty, seedDatabase } from './db/seed.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = config.databaseUrl;
if (!databaseUrl) {
  logger.info({ dataDir: config.embeddedDataDir, port: config.embeddedPort }, 'no DATABASE_URL: starting the embedded PostgreSQL');
  embedded = await startEmbeddedDatabase(config.embeddedDataDir, config.embeddedPort, logger);
  databaseUrl = embedded.url;
}

const database = connectDatabase(databaseUrl);
const pending = await pendingMigrations(database.pool);
if (pending.length && embedded) {
  logger.info({ migrations: pending }, 'applying migrations to the embedded database');
  await deployMigrations(databaseUrl);
} else if (pending.length) {
  logger.fatal({ migrations: pending }, 'the database has pending migrations: run `npm run db:migrate`, then start again');
  await database.close();
  process.exit(1);
}
if (embedded && (await isEmpty(database.prisma))) {
  logger.info('empty database: loading the seed market');
  await seedDatabase(database.prisma);
}

const server = await startServer({ database, logger, port: config.port, production: config.production });
logger.info({ graphql: server.url, graphiql: config.production ? undefined : server.url.replace(/graphql$/, 'graphiql') }, 'paygraph is ready');
console.log(`\n  GraphQL  ${server.url}\n  GraphiQL ${server.url.replace(/graphql$/, 'graphiql')}${config.production ? ' (off in production)' : ''}\n`);
