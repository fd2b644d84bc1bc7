import type { CatalogService } from '../catalog/catalog.service.js';
import type { ExperienceLevel, SnapshotRow } from '../read-rows.js';
import { marketKey } from './market-announcements.js';
import type { SnapshotService } from './snapshot.service.js';

/**
 * Where the signals that a market may have changed come from: an iterator yielding once per
 * signal (several signals may be told as one), ending when returned.
 */
export type MarketSignals = (marketKey: string) => AsyncIterableIterator<unknown>;

/** Every figure of a snapshot, so that a recomputation that changed nothing is not told as a change. */
const fingerprint = (snapshot: SnapshotRow | null) => (snapshot ? JSON.stringify(snapshot) : null);

/**
 * The snapshots `latest` reads after each signal, when they differ from the last one yielded (or,
 * for the first, from `start`). Its return() ends it at once, even while it waits for a signal.
 */
function changedSnapshots(signals: AsyncIterableIterator<unknown>, latest: () => Promise<SnapshotRow | null>, start: SnapshotRow | null): AsyncIterableIterator<SnapshotRow> {
  let last = fingerprint(start);
  return {
    async next() {
      for (let signal = await signals.next(); !signal.done; signal = await signals.next()) {
        const snapshot = await latest();
        const print = fingerprint(snapshot);
        if (snapshot && print !== last) {
          last = print;
          return { value: snapshot, done: false };
        }
      }
      return { value: undefined, done: true };
    },
    async return() {
      await signals.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** A market's snapshots as they change. */
export class MarketUpdateService {
  /**
   * @param signals where changes are signalled; absent where the caller cannot be told of them (a single HTTP request).
   * @param freshSnapshots a snapshot reader of its own for each read, so no loader's cache answers for a later state.
   */
  constructor(
    private readonly catalog: CatalogService,
    private readonly signals: MarketSignals | undefined,
    private readonly freshSnapshots: () => SnapshotService,
  ) {}

  /**
   * The latest snapshot of the market at `level` each time an import changes it, from now on
   * (a recomputation giving the same figures is not a change). Throws NOT_FOUND for an unknown
   * country or role, and an Error when this service was made without signals.
   */
  async updates(countryCode: string, roleSlug: string, level: ExperienceLevel): Promise<AsyncIterableIterator<SnapshotRow>> {
    if (!this.signals) throw new Error('Market updates need a source of change signals');
    const { country, role } = await this.catalog.requireMarket(countryCode, roleSlug);
    // Listening before reading the starting point: a change committed in between is signalled, not missed.
    const signals = this.signals(marketKey(country.id, role.id));
    const latest = () => this.freshSnapshots().latestSnapshot(country.id, role.id, level);
    try {
      return changedSnapshots(signals, latest, await latest());
    } catch (error) {
      await signals.return?.();
      throw error;
    }
  }
}
