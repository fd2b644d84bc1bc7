import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connectDatabase, type DatabaseHandle } from './client.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';
import { deployMigrations, pendingMigrations } from './migrations.js';
import { isEmpty, seedDatabase } from './seed.js';
import { DatabaseSetupError } from './setup-error.js';

export class PendingMigrationsError extends DatabaseSetupError {
  constructor(readonly migrations: string[]) {
    super(`The database has ${migrations.length} pending migration${migrations.length === 1 ? '' : 's'}; run \`npm run db:migrate\` first.`);
  }
}

export interface OpenDatabase extends DatabaseHandle {
  /** True when paygraph runs its own embedded PostgreSQL (no DATABASE_URL). */
  embedded: boolean;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under .data/ when there is none.
 * The embedded database is migrated and, when empty, seeded; a configured database is left as
 * it is and rejected with PendingMigrationsError if it lacks committed migrations.
 * close() also stops the embedded server.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.embeddedDataDir, port: config.embeddedPort }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedDatabase(config.embeddedDataDir, config.embeddedPort, logger);
    url = embedded.url;
  }
  const handle = connectDatabase(url);
  const close = async () => {
    await handle.close();
    await embedded?.stop();
  };
  try {
    const pending = await pendingMigrations(handle.pool);
    if (pending.length && !embedded) throw new PendingMigrationsError(pending);
    if (pending.length) {
      logger.info({ migrations: pending }, 'applying migrations to the embedded database');
      await deployMigrations(url);
    }
    if (embedded && (await isEmpty(handle.prisma))) {
      logger.info('empty database: loading the seed market');
      await seedDatabase(handle.prisma);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { ...handle, url, embedded: Boolean(embedded), close };
}
