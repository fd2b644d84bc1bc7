import { listenForNotifications, type NotificationListener } from '../../db/notification-listener.js';
import type { Logger } from '../../logger.js';

/** The channel the data-change triggers notify (see the data_change_notifications migration). */
export const DATA_CHANGED_CHANNEL = 'paygraph_data_changed';

export type ChangeListener = NotificationListener;

/**
 * Calls `onChange` whenever any process commits a write to the served tables (database
 * triggers NOTIFY on commit), and each time it (re)connects, since notices sent while the
 * connection was down are lost.
 */
export function listenForDataChanges(url: string, onChange: () => void, logger: Logger, retryMs = 1000): ChangeListener {
  return listenForNotifications(url, [DATA_CHANGED_CHANNEL], { onNotification: onChange, onConnect: onChange }, logger, retryMs);
}
