import express, { type Router } from 'express';
import type { DatabaseHandle } from '../db/client.js';
import { pendingMigrations } from '../db/migrations.js';

const READINESS_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** /healthz: the process is up. /readyz: the database answers and has every committed migration. */
export function healthRouter(database: DatabaseHandle): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const pending = await withTimeout(pendingMigrations(database.pool), READINESS_TIMEOUT_MS);
      if (pending.length) res.status(503).json({ status: 'not ready', reason: `pending migrations: ${pending.join(', ')}` });
      else res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'not ready', reason: `database unreachable: ${(error as Error).message}` });
    }
  });
  return router;
}
