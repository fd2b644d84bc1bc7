import { listenForNotifications, type NotificationListener } from '../../db/notification-listener.js';
import type { Logger } from '../../logger.js';
import { MARKET_UPDATED_CHANNEL, updatedMarketKeys } from '../../services/snapshots/market-announcements.js';
import type { MarketSignals } from '../../services/snapshots/market-updates.js';

/**
 * One subscriber's signal: raised any number of times, read as one. A subscriber busy with the
 * last change (or whose socket is slow) keeps at most one pending signal, never a growing queue:
 * what it reads next is the market's state at that time, which covers every change since.
 */
class ChangeSignal implements AsyncIterableIterator<void> {
  private raised = false;
  private stopped = false;
  private waiting: ((result: IteratorResult<void>) => void) | undefined;

  constructor(private readonly onStop: () => void) {}

  raise(): void {
    if (this.stopped) return;
    if (!this.waiting) return void (this.raised = true);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve({ value: undefined, done: false });
  }

  next(): Promise<IteratorResult<void>> {
    if (this.stopped) return Promise.resolve({ value: undefined, done: true });
    if (this.raised) {
      this.raised = false;
      return Promise.resolve({ value: undefined, done: false });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<void>> {
    if (!this.stopped) {
      this.stopped = true;
      this.onStop();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/**
 * This instance's end of the market-update fan-out: it LISTENs to MARKET_UPDATED_CHANNEL (every
 * instance does, so a rebuild committed through any of them reaches all) and raises the signals
 * of the subscribers watching each market a notice names. After a lost connection every
 * subscriber is signalled, since the notices sent meanwhile are gone; each then compares its
 * market's snapshot with the last it delivered.
 */
export class MarketChangeFeed {
  private readonly watchers = new Map<string, Set<ChangeSignal>>();
  private readonly listener: NotificationListener;

  constructor(databaseUrl: string, logger: Logger) {
    this.listener = listenForNotifications(
      databaseUrl,
      [MARKET_UPDATED_CHANNEL],
      {
        onNotification: (_channel, payload) => {
          for (const key of updatedMarketKeys(payload)) this.watchers.get(key)?.forEach((signal) => signal.raise());
        },
        onConnect: () => this.watchers.forEach((signals) => signals.forEach((signal) => signal.raise())),
      },
      logger,
    );
  }

  /** Settles once the first attempt to LISTEN has succeeded or failed. */
  get ready(): Promise<void> {
    return this.listener.ready;
  }

  /** Signals for one market key, until returned. */
  readonly signals: MarketSignals = (key) => {
    let watching = this.watchers.get(key);
    if (!watching) this.watchers.set(key, (watching = new Set()));
    const signal: ChangeSignal = new ChangeSignal(() => {
      watching.delete(signal);
      if (!watching.size) this.watchers.delete(key);
    });
    watching.add(signal);
    return signal;
  };

  /** Subscribers currently watching (for tests and /metrics). */
  get watching(): number {
    let count = 0;
    this.watchers.forEach((signals) => (count += signals.size));
    return count;
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
