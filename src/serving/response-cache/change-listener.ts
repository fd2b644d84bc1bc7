import pg from 'pg';
import type { Logger } from '../../logger.js';

/** The channel the data-change triggers notify (see the data_change_notifications migration). */
export const DATA_CHANGED_CHANNEL = 'paygraph_data_changed';

export interface ChangeListener {
  /** Settles once the first attempt to subscribe has succeeded or failed. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `onChange` whenever any process commits a write to the served tables (database
 * triggers NOTIFY on commit), and each time it (re)connects, since notices sent while the
 * connection was down are lost.
 */
export function listenForDataChanges(url: string, onChange: () => void, logger: Logger, retryMs = 1000): ChangeListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    next.on('notification', () => onChange());
    next.on('error', (error) => {
      // Expected when the database restarts or shuts down (Ctrl-C stops the embedded one too): a line, not a stack.
      if (!closed) logger.warn({ reason: error.message }, 'data-change listener lost its connection; reconnecting');
      scheduleReconnect(next);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      onChange();
    } catch (error) {
      logger.debug({ err: error }, 'data-change listener cannot connect yet');
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
