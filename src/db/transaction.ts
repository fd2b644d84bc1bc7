import type pg from 'pg';

/** Not an SQLSTATE: the code of an error thrown to have the transaction run again. */
export const RETRY_NOW = 'retry';
/** Deadlocks and serialization failures are worth another try; anything else is not. */
const RETRYABLE_CODES = new Set(['40P01', '40001', RETRY_NOW]);
const MAX_ATTEMPTS = 3;

/**
 * Runs `work` in a transaction on `client`: committed when it resolves, rolled back when it
 * throws, tried again (up to 3 times in all) on a deadlock, a serialization failure or an
 * error whose code is RETRY_NOW. Its statements are planned for their parameters' values
 * (connections keep one plan a statement for the reads: a rebuild's set-based statements over a
 * whole import took twice as long on such plans; docs/decisions/0008-generic-plans.md).
 */
export async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await beginTransaction(client);
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/** Begins a transaction as inTransaction does, for a caller that commits it itself. */
export function beginTransaction(client: pg.ClientBase): Promise<unknown> {
  return client.query('BEGIN; SET LOCAL plan_cache_mode = auto');
}

/** Whether a transaction that failed with `error` is worth another try (see inTransaction). */
export function isRetryable(error: unknown): boolean {
  return RETRYABLE_CODES.has(String((error as { code?: unknown } | undefined)?.code));
}

const REBUILD_LOCK_KEY = "hashtextextended('paygraph:snapshot-rebuild', 0)";

/**
 * Batches that mark markets stale take this lock shared, a rebuild takes it exclusively: a
 * rebuild then sees every batch committed before it, and no batch can commit between the
 * rebuild claiming the stale markets and reading their observations (whose mark it would
 * swallow). Held until the end of the current transaction.
 */
export async function lockAgainstRebuild(client: pg.ClientBase, mode: 'batch' | 'rebuild'): Promise<void> {
  await client.query(`SELECT ${mode === 'batch' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${REBUILD_LOCK_KEY})`);
}
