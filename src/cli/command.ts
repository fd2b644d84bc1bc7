import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../db/open.js';
import { DatabaseSetupError } from '../db/setup-error.js';
import { createCliLogger } from '../logger.js';

/** One of paygraph's commands, as `paygraph <its name> [arguments]` runs it (see main.ts). */
export interface Command {
  /** What `--help` prints. */
  usage: string;
  /**
   * Runs with the arguments after its name (never `--help`, which is answered before).
   * @returns the exit status.
   * @throws UsageError for arguments it cannot take; CommandError when it cannot do its work.
   */
  run(args: string[]): Promise<number>;
}

/** The arguments make no sense: exit status 2. */
export class UsageError extends Error {}

/** The command cannot do its work, for a reason its message gives in one line: exit status 1. */
export class CommandError extends Error {}

/**
 * Runs `work` on the database of DATABASE_URL (or the embedded one `npm start` uses), then closes it.
 * @throws CommandError when the database cannot be opened or lacks migrations.
 */
export async function withDatabase<T>(work: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let database: OpenDatabase;
  try {
    database = await openDatabase(config, createCliLogger());
  } catch (error) {
    const message = (error as Error).message;
    throw new CommandError(error instanceof DatabaseSetupError ? message : `Cannot open the database: ${message}`);
  }
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
