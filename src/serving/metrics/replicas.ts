import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReadReplicas } from '../../db/replicas/read-replicas.js';

/**
 * Adds the read replicas' metrics to `registry`, each labelled `replica` (host:port/database):
 * paygraph_db_replica_up, _routable, _lag_bytes, _lag_seconds, _failovers_total, and
 * paygraph_db_reads_total{database}, where query operations ran ("primary" or a replica's name).
 */
export function reportReadReplicas(registry: Registry, replicas: ReadReplicas): void {
  const gauge = (name: string, help: string, value: (status: ReturnType<ReadReplicas['status']>[number]) => number | boolean | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['replica'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const status of replicas.status()) {
          const sample = value(status);
          if (sample !== undefined) this.set({ replica: status.name }, Number(sample));
        }
      },
    });
  gauge('paygraph_db_replica_up', '1 when the read replica answered its latest check as a standby and no statement has failed on it since.', (status) => status.up);
  gauge('paygraph_db_replica_routable', '1 when the read replica is up and within DATABASE_REPLICA_MAX_LAG_MS (it then takes reads once it has replayed every announced write).', (status) => status.routable);
  gauge('paygraph_db_replica_lag_bytes', 'WAL bytes the primary had written at the latest check that the replica had not replayed.', (status) => status.lagBytes);
  gauge('paygraph_db_replica_lag_seconds', 'How far behind the primary the replica was at the latest check, in seconds (0 when it had replayed everything).', (status) => status.lagSeconds);

  // The totals are kept by ReadReplicas; each scrape reports them as they stand.
  new Counter({
    name: 'paygraph_db_replica_failovers_total',
    help: 'Statements that failed on a read replica as a server (down, shutting down, recovery conflict) and were answered by the primary.',
    labelNames: ['replica'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const status of replicas.status()) this.inc({ replica: status.name }, status.failovers);
    },
  });
  new Counter({
    name: 'paygraph_db_reads_total',
    help: 'Query operations, by the database they ran on ("primary" or a read replica).',
    labelNames: ['database'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ database: 'primary' }, replicas.primaryReads);
      for (const status of replicas.status()) this.inc({ database: status.name }, status.reads);
    },
  });
}
