import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/http-server.js';
import { freePort, gone, watchProcess } from './processes.js';

/** The machine's Redis (started before the session, as PostgreSQL is). */
export const MACHINE_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of this test's own, so test files running in parallel never share keys. */
export function uniqueKeyPrefix(): string {
  return `paygraph-test-${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) keys.push(...batch);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export interface PaygraphInstance {
  server: RunningServer;
  /** This instance's own connection pool, so its SQL statements are counted apart. */
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** One paygraph instance (as `npm start` runs one per machine) over the database at `url`, with a pool of its own. */
export async function startInstance(url: string, serving: ServerOptions['serving'], logger: Logger = createLogger('silent')): Promise<PaygraphInstance> {
  const database = connectDatabase(url);
  const server = await startServer({ database, logger, port: 0, production: true, serving });
  return {
    server,
    database,
    async close() {
      await server.close();
      await database.close();
    },
  };
}

export interface RedisServer {
  url: string;
  /** Kills the server at once (SIGKILL), as a crash or an OOM kill would. */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing is answered, as a hung server behaves. */
  pause(): void;
  /** Lets a frozen server go on (SIGCONT). */
  resume(): void;
  /** Starts it again on the same port, empty (it keeps nothing on disk). */
  restart(): Promise<void>;
  /** Kills it and removes its folder. */
  stop(): Promise<void>;
}

/** A redis-server of the test's own on a free loopback port, in a temporary folder, keeping nothing on disk. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'paygraph-redis-'));
  let running: ReturnType<typeof watchProcess> | undefined;
  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
    running = watchProcess(child);
    await running.waitFor(/Ready to accept connections/, 10_000);
  };
  const kill = async () => {
    const child = running?.child;
    running = undefined;
    if (!child?.pid || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await gone(child.pid);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    pause: () => running?.child.kill('SIGSTOP'),
    resume: () => running?.child.kill('SIGCONT'),
    restart: start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
