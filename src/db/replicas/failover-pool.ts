import pg from 'pg';

const NETWORK_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);
const DROPPED_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|connection timeout/i;

/**
 * Whether a replica failed as a server rather than the statement failing: it cannot be reached,
 * is starting or shutting down (SQLSTATE 08xxx, 57P01–57P03), or cancelled the statement because
 * replay needed what it read (a recovery conflict: 40001, 40P01). The primary can answer all of
 * these.
 */
export function isReplicaFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_FAILURES.has(code) || /^(08|57P0[123]$|40001$|40P01$)/.test(code))) return true;
  return typeof message === 'string' && DROPPED_CONNECTION.test(message);
}

/**
 * A replica's connection pool whose statements go to `fallback` (the primary's pool) when the
 * replica fails as a server (isReplicaFailure), so a replica that stops mid-request costs that
 * request nothing. Only the promise forms of query() and connect() fail over; they are the ones
 * paygraph and Prisma's adapter use. A standby refuses writes with another code, so nothing but
 * reads is ever repeated on the primary.
 */
export function failoverPool(config: pg.PoolConfig, fallback: pg.Pool, onReplicaFailure: (error: unknown) => void): pg.Pool {
  const pool = new pg.Pool(config);
  const failOver = <T>(attempt: Promise<T>, retry: () => Promise<T>) =>
    attempt.catch((error: unknown) => {
      if (!isReplicaFailure(error)) throw error;
      onReplicaFailure(error);
      return retry();
    });
  type Method = (...args: unknown[]) => unknown;
  const [query, connect] = [pool.query as Method, pool.connect as Method];
  pool.query = ((...args: unknown[]) => {
    const passOn = () => query.apply(pool, args);
    const takesCallback = typeof args.at(-1) === 'function' || typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function';
    return takesCallback ? passOn() : failOver(passOn() as Promise<unknown>, () => (fallback.query as Method).apply(fallback, args) as Promise<unknown>);
  }) as pg.Pool['query'];
  pool.connect = ((...args: unknown[]) =>
    args.length ? connect.apply(pool, args) : failOver(connect.apply(pool) as Promise<pg.PoolClient>, () => fallback.connect())) as pg.Pool['connect'];
  return pool;
}
