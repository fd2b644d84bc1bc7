import type { RequestHandler } from 'express';

/**
 * Counts the requests a handler is still answering, so a shutdown can wait for them before it
 * closes the database. Apollo's drain waits for responses per socket, but a request that arrives
 * on a keep-alive socket as the drain ends it is still executed; without this wait its statements
 * would meet a closed pool.
 */
export function inFlightRequests() {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    /** `handler`, counted from the moment it is called until what it returns settles. */
    track(handler: RequestHandler): RequestHandler {
      return async (req, res, next) => {
        running++;
        try {
          await handler(req, res, next);
        } finally {
          if (--running === 0) for (const resolve of waiting.splice(0)) resolve();
        }
      };
    },
    /** Resolves once no tracked request is running. */
    settled(): Promise<void> {
      return running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
  };
}
