import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The longest operation name used as a label. */
const MAX_OPERATION_LABEL_LENGTH = 100;

/**
 * The Prometheus metrics paygraph exposes at /metrics.
 * @param registeredOperations the names of the registered operations, the only names used as labels.
 */
export function createMetrics(database: { pool: pg.Pool; statementCount(): number }, registeredOperations: ReadonlySet<string> = new Set()) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'paygraph_process_' });
  let countedStatements = database.statementCount();
  return {
    registry,
    /**
     * The `operation` label of an operation: its name when it is registered (the contract's, and
     * those of PERSISTED_OPERATIONS_FILE), "anonymous" when it has none, and "other" for any other
     * name. Clients choose names freely, and every distinct label is a series kept for good: 40
     * requests named with 500,000 characters each grew the process by 750 MiB.
     */
    operationLabel(name: string | null | undefined): string {
      if (!name) return 'anonymous';
      return registeredOperations.has(name) ? name.slice(0, MAX_OPERATION_LABEL_LENGTH) : 'other';
    },
    graphqlRequests: new Counter({
      name: 'paygraph_graphql_requests_total',
      help: 'GraphQL operations answered, by operation (registered name, anonymous or other) and outcome (ok, error).',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'paygraph_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation (registered name, anonymous or other).',
      labelNames: ['operation'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'paygraph_response_cache_lookups_total',
      help: 'Response cache lookups, by result (hit, miss, unavailable: the shared store could not be reached and the request was answered without it).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    rateLimitFallbacks: new Counter({
      name: 'paygraph_rate_limit_fallbacks_total',
      help: "Rate-limit charges and checks made on this instance's own budgets because Redis could not be reached.",
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
