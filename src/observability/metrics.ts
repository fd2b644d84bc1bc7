import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics paygraph exposes at /metrics. */
export function createMetrics(database: { pool: pg.Pool; statementCount(): number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'paygraph_process_' });
  let countedStatements = database.statementCount();
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'paygraph_graphql_requests_total',
      help: 'GraphQL operations answered, by operation name and outcome (ok, error).',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'paygraph_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation name.',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'paygraph_response_cache_lookups_total',
      help: 'Response cache lookups, by result (hit, miss).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    sqlStatements: new Counter({
      name: 'paygraph_sql_statements_total',
      help: 'SQL statements sent to PostgreSQL.',
      registers: [registry],
      collect() {
        const now = database.statementCount();
        this.inc(now - countedStatements);
        countedStatements = now;
      },
    }),
    poolConnections: new Gauge({
      name: 'paygraph_db_pool_connections',
      help: 'Database pool connections, by state (total, idle, waiting clients).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, database.pool.totalCount);
        this.set({ state: 'idle' }, database.pool.idleCount);
        this.set({ state: 'waiting' }, database.pool.waitingCount);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
