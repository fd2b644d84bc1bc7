import pg from 'pg';
import type { Logger } from '../logger.js';

export interface NotificationListener {
  /** Settles once the first attempt to subscribe has succeeded or failed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  /** A notice on `channel`, with its payload ('' when none). */
  onNotification(channel: string, payload: string): void;
  /**
   * Called each time the listener has (re)subscribed: notices sent while it was not connected
   * are lost, so whatever they would have said must be assumed.
   */
  onConnect(): void;
}

/**
 * LISTENs to `channels` on a connection of its own (PostgreSQL delivers a NOTIFY to every
 * listening session when its transaction commits), reconnecting every `retryMs` while the
 * database is unreachable.
 */
export function listenForNotifications(url: string, channels: readonly string[], handlers: NotificationHandlers, logger: Logger, retryMs = 1000): NotificationListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    next.on('notification', ({ channel, payload }) => handlers.onNotification(channel, payload ?? ''));
    next.on('error', (error) => {
      // Expected when the database restarts or shuts down (Ctrl-C stops the embedded one too): a line, not a stack.
      if (!closed) logger.warn({ reason: error.message, channels }, 'notification listener lost its connection; reconnecting');
      scheduleReconnect(next);
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) return void (await next.end());
      client = next;
      handlers.onConnect();
    } catch (error) {
      logger.debug({ err: error, channels }, 'notification listener cannot connect yet');
      scheduleReconnect(next);
    }
  };

  const scheduleReconnect = (failed: pg.Client) => {
    void failed.end().catch(() => {});
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
    retry.unref();
  };

  return {
    ready: connect(),
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
