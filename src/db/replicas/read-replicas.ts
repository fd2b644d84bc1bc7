import pg from 'pg';
import type { ReadReplicaConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { connectDatabase, type DatabaseHandle } from '../client.js';
import { failoverPool } from './failover-pool.js';
import { lastRecordEnd, parseLsn } from './lsn.js';

/** A check that takes longer than this counts the server as down. */
const CHECK_TIMEOUT_MS = 2000;
/** How often replicas are checked while one that may take reads has not replayed an announced write. */
const CATCH_UP_CHECK_MS = 50;
const MONITOR_NAME = 'paygraph replica check';

/** What /metrics says about one replica. */
export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  name: string;
  /** It answered the latest check as a standby (and no statement has failed on it since). */
  up: boolean;
  /** Up and lagging no more than the bound: it gets reads whenever it has replayed every announced write. */
  routable: boolean;
  /** WAL bytes the primary had written at the latest check that the replica had not replayed (undefined: not known). */
  lagBytes: number | undefined;
  /** How far behind the primary its data is, in seconds (see checkReplica); undefined: not known. */
  lagSeconds: number | undefined;
  /** Query operations routed to it. */
  reads: number;
  /** Statements that failed on it as a server and were answered by the primary. */
  failovers: number;
}

interface Replica extends ReplicaStatus {
  handle: DatabaseHandle;
  monitor: pg.Pool;
  replayed: bigint;
  /** Whether its state has been logged yet (a replica down from the start is logged too). */
  reported: boolean;
  /** When a check last found it had replayed everything the primary had written. */
  caughtUpAt: number | undefined;
}

const replicaName = (url: string) => {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
};

const monitorPool = (url: string) =>
  new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS, application_name: MONITOR_NAME }).on('error', () => {
    // A dropped idle connection: the next check reconnects or reports the server down.
  });

/**
 * Streaming replicas of the primary and where reads go. A write is announced (the database's
 * change notice, or a mutation answered here); the primary's WAL position is read right after,
 * and until a replica is known to have replayed up to it, reads go elsewhere: a replica never
 * answers with data older than a write already announced, so an answer read from it is as
 * cacheable as one from the primary. Replicas that are down, no longer standbys, or lag beyond
 * `maxLagMs` get no reads until a check finds them well again.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private readonly primaryMonitor: pg.Pool;
  private announcements = 0;
  /** Announcements up to this one are covered by announcedLsn. */
  private resolvedAnnouncements = 0;
  private announcedLsn = 0n;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private checkAgain = false;
  private closed = false;
  /** Query operations that ran on the primary. */
  primaryReads = 0;
  /** Settles once every replica has been checked once. */
  readonly ready: Promise<void>;

  constructor(
    primary: DatabaseHandle,
    private readonly settings: ReadReplicaConfig,
    private readonly logger: Logger,
  ) {
    this.primaryMonitor = monitorPool(primary.url);
    this.replicas = settings.urls.map((url) => {
      const replica: Replica = {
        name: replicaName(url),
        monitor: monitorPool(url),
        handle: connectDatabase(url, { pool: (config) => failoverPool(config, primary.pool, (error) => this.failed(replica, error)) }),
        up: false,
        routable: false,
        lagBytes: undefined,
        lagSeconds: undefined,
        replayed: -1n,
        reported: false,
        caughtUpAt: undefined,
        reads: 0,
        failovers: 0,
      };
      return replica;
    });
    this.ready = this.runCheck();
  }

  /**
   * The replica a read-only operation runs on: the next one, round-robin, that may take reads
   * and has replayed every write announced so far; undefined when none has (read the primary).
   */
  replicaForRead(): DatabaseHandle | undefined {
    if (this.announcements === this.resolvedAnnouncements) {
      for (let tried = 0; tried < this.replicas.length; tried++) {
        const replica = this.replicas[(this.next + tried) % this.replicas.length];
        if (replica.routable && replica.replayed >= this.announcedLsn) {
          this.next = (this.next + tried + 1) % this.replicas.length;
          replica.reads++;
          return replica.handle;
        }
      }
    }
    this.primaryReads++;
    return undefined;
  }

  /** A write has committed: reads stay on the primary until a replica has replayed it. */
  writeAnnounced(): void {
    this.announcements++;
    this.checkSoon();
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, up, routable, lagBytes, lagSeconds, reads, failovers }) => ({ name, up, routable, lagBytes, lagSeconds, reads, failovers }));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.checking;
    await Promise.all([this.primaryMonitor.end(), ...this.replicas.flatMap((replica) => [replica.monitor.end(), replica.handle.close()])]);
  }

  private failed(replica: Replica, error: unknown) {
    replica.failovers++;
    this.markDown(replica, 'warn', 'read replica failed; its reads go to the primary until it answers again', { reason: (error as Error).message });
  }

  private markDown(replica: Replica, level: 'warn' | 'error', message: string, details: object = {}) {
    if (replica.up || !replica.reported) this.logger[level]({ replica: replica.name, ...details }, message);
    replica.up = replica.routable = false;
    replica.reported = true;
  }

  private checkSoon() {
    if (this.checking) this.checkAgain = true;
    else if (!this.closed) {
      clearTimeout(this.timer);
      void this.runCheck();
    }
  }

  private async runCheck(): Promise<void> {
    this.timer = undefined;
    this.checking = this.check().catch((error: unknown) => this.logger.warn({ err: error }, 'read replica check failed'));
    await this.checking;
    this.checking = undefined;
    if (this.closed) return;
    const catchingUp = this.replicas.some((replica) => replica.routable && replica.replayed < this.announcedLsn) || this.announcements !== this.resolvedAnnouncements;
    const delay = this.checkAgain ? 0 : catchingUp ? Math.min(CATCH_UP_CHECK_MS, this.settings.checkIntervalMs) : this.settings.checkIntervalMs;
    this.checkAgain = false;
    this.timer = setTimeout(() => void this.runCheck(), delay);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const announcements = this.announcements;
    const primaryLsn = await this.primaryPosition().catch((error: unknown) => {
      this.logger.debug({ err: error }, 'replica check: the primary does not answer');
      return undefined;
    });
    // Read after the announcements were made, so at or past every write they announced.
    if (primaryLsn !== undefined && announcements > this.resolvedAnnouncements) {
      if (primaryLsn > this.announcedLsn) this.announcedLsn = primaryLsn;
      this.resolvedAnnouncements = announcements;
    }
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica, primaryLsn)));
  }

  /** The end of the last WAL record the primary has inserted (committed or not). */
  private async primaryPosition(): Promise<bigint> {
    const { rows } = await this.primaryMonitor.query<{ lsn: string; page: string; segment: string }>(
      "SELECT pg_current_wal_insert_lsn()::text AS lsn, current_setting('wal_block_size') AS page, pg_size_bytes(current_setting('wal_segment_size'))::text AS segment",
    );
    return lastRecordEnd(parseLsn(rows[0].lsn), BigInt(rows[0].page), BigInt(rows[0].segment));
  }

  /**
   * Reads a replica's replay position. Its lag in seconds is 0 when it has replayed everything
   * the primary had written just before; otherwise the lesser of the time since a check last
   * found it caught up and the age of the last transaction it replayed (which alone would grow
   * while the primary is idle and jump when it writes again).
   */
  private async checkReplica(replica: Replica, primaryLsn: bigint | undefined): Promise<void> {
    let state: { standby: boolean; replayed: string | null; since_replay: number | null };
    try {
      ({
        rows: [state],
      } = await replica.monitor.query(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed, extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay',
      ));
    } catch (error) {
      this.markDown(replica, 'warn', 'read replica does not answer; its reads go to the primary', { reason: (error as Error).message });
      return;
    }
    if (!state.standby || state.replayed === null) {
      this.markDown(replica, 'error', 'read replica is not a standby (promoted?); it gets no reads');
      return;
    }
    const now = Date.now();
    replica.replayed = parseLsn(state.replayed);
    if (primaryLsn !== undefined) {
      replica.lagBytes = Number(primaryLsn > replica.replayed ? primaryLsn - replica.replayed : 0n);
      if (replica.replayed >= primaryLsn) replica.caughtUpAt = now;
      const sinceCaughtUp = replica.caughtUpAt === undefined ? Infinity : (now - replica.caughtUpAt) / 1000;
      replica.lagSeconds = Math.min(sinceCaughtUp, state.since_replay ?? Infinity);
      if (replica.lagSeconds === Infinity) replica.lagSeconds = undefined;
    }
    if (!replica.up) this.logger.info({ replica: replica.name }, 'read replica answers; it takes reads whenever it has replayed every announced write');
    replica.up = replica.reported = true;
    replica.routable = replica.lagSeconds !== undefined && replica.lagSeconds * 1000 <= this.settings.maxLagMs;
  }
}
