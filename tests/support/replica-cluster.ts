import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './processes.js';

/** Debian's PostgreSQL server binaries, the newest installed (the machine's own server at 5432 accepts no replication). */
const BIN = (() => {
  const versions = readdirSync('/usr/lib/postgresql').filter((version) => existsSync(`/usr/lib/postgresql/${version}/bin/pg_basebackup`));
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql-15; .ci/run installs it)');
  return `/usr/lib/postgresql/${newest}/bin`;
})();
const OS_USER = 'postgres';
const DATABASE = 'paygraph';

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: as root, each command runs as the postgres OS user. */
function asServerUser(command: string, args: string[]) {
  const binary = path.join(BIN, command);
  return userInfo().uid === 0 ? run('runuser', ['-u', OS_USER, '--', binary, ...args]) : run(binary, args);
}

export interface ClusterNode {
  port: number;
  /** The `paygraph` database on this server. */
  url: string;
  /** Runs one statement there (a connection of its own, named "replica-cluster" in the log). */
  query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]>;
  /** The server's log so far: every statement, each line prefixed with the client's application_name and "|". */
  log(): string;
  start(): Promise<void>;
  /** Stops the server at once (`pg_ctl stop -m fast`: connections are cut). */
  stop(): Promise<void>;
}

export interface ReplicaCluster {
  primary: ClusterNode;
  /** A hot standby streaming from the primary. */
  replica: ClusterNode & {
    /** Makes the replica replay each commit `ms` after the primary made it (recovery_min_apply_delay). */
    delayReplay(ms: number): Promise<void>;
    /** The replica has replayed everything the primary has written so far. */
    caughtUp(timeoutMs?: number): Promise<void>;
  };
  /** Stops both servers and removes their folder. */
  close(): Promise<void>;
}

/** `url` whose connections carry `application` as their name: in pg_stat_activity, and before each line they cause in a server's log. */
export const withApplicationName = (url: string, application: string) => `${url}?application_name=${application}`;

/**
 * The statements (each with the lines it spans) that connections named `application` sent `node`
 * since its log had `mark` characters (and, given `until`, before it had that many).
 */
export function statementsSince(node: ClusterNode, mark: number, application: string, until?: number): string[] {
  return node
    .log()
    .slice(mark, until)
    .split(/\n(?=[^\n|]*\|[A-Z]+: {2})/)
    .filter((entry) => entry.startsWith(`${application}|LOG:`) && /\b(statement|execute [^:]*):/.test(entry));
}

async function queryAt<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'replica-cluster' });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

function clusterNode(dataDir: string, port: number): ClusterNode {
  const logFile = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  const url = `postgresql://postgres@127.0.0.1:${port}/${DATABASE}`;
  return {
    port,
    url,
    query: (text) => queryAt(url, text),
    log: () => readFileSync(logFile, 'utf8'),
    async start() {
      await asServerUser('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    },
    async stop() {
      await asServerUser('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}

/** Settings for a small, fast, throwaway server whose log lines start with the client's name. */
function configure(dataDir: string, port: number, socketDir: string) {
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'fsync = off',
      'shared_buffers = 16MB',
      'max_connections = 60',
      "log_line_prefix = '%a|'",
      '',
    ].join('\n'),
  );
}

/**
 * A PostgreSQL primary and a streaming replica of it, each on a free loopback port in a
 * temporary folder: initdb, the `paygraph` database made ready by `prepare` (migrated, seeded),
 * then pg_basebackup -R and a hot standby. From then on both log every statement. The folder is
 * owned by the postgres OS user when run as root.
 */
export async function startReplicaCluster(prepare: (primaryUrl: string) => Promise<void>): Promise<ReplicaCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'paygraph-replicas-'));
  if (userInfo().uid === 0) {
    const { uid, gid } = await run('id', ['-u', OS_USER]).then(async ({ stdout }) => ({ uid: Number(stdout), gid: Number((await run('id', ['-g', OS_USER])).stdout) }));
    chownSync(root, uid, gid);
  }
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primary = clusterNode(primaryDir, primaryPort);
  const replicaNode = clusterNode(replicaDir, replicaPort);
  const started: ClusterNode[] = [];
  const close = async () => {
    for (const node of started.reverse()) await node.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // initdb's pg_hba.conf lets local replication connections in with -A trust.
    await asServerUser('initdb', ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    configure(primaryDir, primaryPort, root);
    await primary.start();
    started.push(primary);
    await queryAt(primary.url.replace(/\/paygraph$/, '/postgres'), `CREATE DATABASE ${DATABASE}`);
    await prepare(primary.url);
    // Only now: logging each of the preparation's statements slows it past Prisma's transaction timeout on a busy machine.
    await primary.query("ALTER SYSTEM SET log_statement = 'all'");
    await primary.query('SELECT pg_reload_conf()');
    await asServerUser('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
    await replicaNode.start();
    started.push(replicaNode);
  } catch (error) {
    await close();
    throw error;
  }
  const replica = {
    ...replicaNode,
    async delayReplay(ms: number) {
      await replicaNode.query(`ALTER SYSTEM SET recovery_min_apply_delay = '${ms}ms'`);
      await replicaNode.query('SELECT pg_reload_conf()');
    },
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
        const [{ behind }] = await replicaNode.query<{ behind: boolean }>(`SELECT coalesce(pg_last_wal_replay_lsn() < '${lsn}', true) AS behind`);
        if (!behind) return;
      }
      throw new Error(`the replica did not replay ${lsn} within ${timeoutMs} ms`);
    },
  };
  return { primary, replica, close };
}
