import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../config.js';
import type { Logger } from '../../logger.js';

/** How long a command may take before Redis counts as unreachable: requests then go on without it. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2000;
/** The longest wait between two attempts to reconnect; attempts go on for as long as the process runs. */
const MAX_RECONNECT_DELAY_MS = 1000;

export interface RedisConnection {
  readonly client: Redis;
  readonly keyPrefix: string;
  /** Connected, and every `onConnect` step has run since: only then may Redis be used. */
  readonly up: boolean;
  /** Runs `step` after each (re)connection, before `up` turns true; a failing step counts as an outage. */
  onConnect(step: () => Promise<void>): void;
  /** Connects; settles once the first attempt has succeeded or failed (the server starts either way). */
  start(): Promise<void>;
  /** A command failed: until a reconnection, Redis counts as down (a timed-out connection is dropped and made anew). */
  failed(error: unknown): void;
  close(): Promise<void>;
}

/**
 * The one Redis client of a process. Commands never wait for Redis: while it is unreachable they
 * fail at once (no offline queue, no retries), and a slow one fails after COMMAND_TIMEOUT_MS, so
 * callers go on without Redis. An outage is logged once when it starts and once when it ends.
 */
export async function connectRedis({ url, keyPrefix }: RedisConfig & { url: string }, logger: Logger): Promise<RedisConnection> {
  // Loaded only when Redis is configured: a single instance never needs the client.
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  const steps: Array<() => Promise<void>> = [];
  let up = false;
  let outage = false;
  let closing = false;
  let settleStart: (() => void) | undefined;

  const down = (reason: string) => {
    up = false;
    settleStart?.();
    if (outage || closing) return;
    outage = true;
    logger.warn({ reason }, 'Redis unreachable: serving without it (no shared response cache, per-instance rate-limit budgets) until it is back');
  };

  client.on('error', (error: Error) => {
    // Emitted on every failed reconnection attempt: the outage is logged once, by `down`.
    logger.debug({ err: error }, 'Redis connection error');
    down(error.message);
  });
  client.on('close', () => down('connection closed'));
  client.on('ready', () => {
    void (async () => {
      try {
        for (const step of steps) await step();
      } catch (error) {
        return connection.failed(error);
      }
      if (client.status !== 'ready') return;
      up = true;
      settleStart?.();
      if (outage) logger.info('Redis reachable again');
      outage = false;
    })();
  });

  const connection: RedisConnection = {
    client,
    keyPrefix,
    get up() {
      return up;
    },
    onConnect(step) {
      steps.push(step);
    },
    start() {
      if (up || outage) return Promise.resolve();
      return new Promise<void>((resolve) => {
        settleStart = () => {
          settleStart = undefined;
          resolve();
        };
        // A first command may have connected it already (a lazy client connects on demand); failures arrive as 'error' events.
        if (client.status === 'wait') client.connect().catch(() => {});
      });
    },
    failed(error) {
      down(error instanceof Error ? error.message : String(error));
      // A command that timed out leaves a connection that looks ready: make a new one, which runs the onConnect steps again.
      if (client.status === 'ready') client.disconnect(true);
    },
    async close() {
      closing = true;
      up = false;
      await client.quit().catch(() => client.disconnect());
    },
  };
  return connection;
}
