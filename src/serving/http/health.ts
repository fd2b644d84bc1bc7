import express, { type Router } from 'express';
import type { DatabaseHandle } from '../../db/client.js';
import { pendingMigrations } from '../../db/migrations.js';
import type { Logger } from '../../logger.js';

const READINESS_TIMEOUT_MS = 2000;
/** How long a readiness answer is reused: however many probes arrive, the database sees one check a second at most. */
const READINESS_REUSE_MS = 1000;

/** Why the server is not ready, as a code: the details (addresses, migration names) go to the log only. */
type NotReadyReason = 'database_unreachable' | 'migrations_pending';

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * /healthz: the process is up. /readyz: the database answers and has every committed migration;
 * otherwise 503 with a reason code (`database_unreachable`, `migrations_pending`). A ready server
 * missing a part it can serve without (`degraded()`, e.g. `redis_unreachable`) stays ready and
 * lists it under `degraded`.
 */
export function healthRouter(database: DatabaseHandle, logger: Logger, degraded: () => string[] = () => []): Router {
  const check = async (): Promise<NotReadyReason | null> => {
    try {
      const pending = await withTimeout(pendingMigrations(database.pool), READINESS_TIMEOUT_MS);
      if (!pending.length) return null;
      logger.warn({ pending }, 'not ready: migrations pending');
      return 'migrations_pending';
    } catch (error) {
      logger.warn({ err: error }, 'not ready: database unreachable');
      return 'database_unreachable';
    }
  };
  // Shared by every probe while it runs and for READINESS_REUSE_MS after it settles.
  let latest: Promise<NotReadyReason | null> | undefined;
  const readiness = () =>
    (latest ??= check().finally(() => {
      setTimeout(() => (latest = undefined), READINESS_REUSE_MS).unref();
    }));

  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const reason = await readiness();
    if (reason) return void res.status(503).json({ status: 'not ready', reason });
    const missing = degraded();
    res.json(missing.length ? { status: 'ready', degraded: missing } : { status: 'ready' });
  });
  return router;
}
