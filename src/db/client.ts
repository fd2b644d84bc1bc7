import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Database = PrismaClient;

/** A prepared statement: PostgreSQL parses and plans it once per connection, by name. */
export interface Statement {
  name: string;
  text: string;
}

/** Runs hand-written SQL on the hot read paths, counted with Prisma's statements. */
export type SqlReader = <Row extends pg.QueryResultRow>(statement: Statement, values: unknown[]) => Promise<Row[]>;

export interface DatabaseHandle {
  url: string;
  prisma: PrismaClient;
  pool: pg.Pool;
  read: SqlReader;
  /** SQL statements sent since start; tests read it to prove a request's round trips are bounded. */
  statementCount(): number;
  close(): Promise<void>;
}

/**
 * Prepared statements keep one plan per connection instead of being planned again at every
 * execution. PostgreSQL would re-plan the read statements every time: it estimates
 * `unnest($1::int[])` at 100 rows for a plan of any array but at the array's length for one
 * array, so the plan for any array never looks as cheap as the re-planned one, and planning cost
 * more than executing (a page of 50 roles: 2.7 ms a statement re-planned, 0.76 ms on one plan).
 * The read statements look rows up by key, where the best plan does not depend on the values
 * (docs/decisions/0008-generic-plans.md). A DATABASE_URL that sets `options` replaces this.
 */
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

/** Opens a connection pool to `url` (made by `options.pool`, if given) and a Prisma client over it. */
export function connectDatabase(url: string, options: { maxConnections?: number; pool?: (config: pg.PoolConfig) => pg.Pool } = {}): DatabaseHandle {
  // A short connect timeout makes requests fail fast (SERVICE_UNAVAILABLE) while the database is down.
  const config: pg.PoolConfig = { connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 3000, options: GENERIC_PLANS };
  const pool = options.pool?.(config) ?? new pg.Pool(config);
  pool.on('error', () => {
    // An idle connection dropped by the server; the pool replaces it on next use.
  });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    log: [{ emit: 'event', level: 'query' }],
  });
  let statements = 0;
  prisma.$on('query', () => {
    statements++;
  });
  return {
    url,
    prisma,
    pool,
    async read<Row extends pg.QueryResultRow>(statement: Statement, values: unknown[]) {
      statements++;
      return (await pool.query<Row>({ ...statement, values })).rows;
    },
    statementCount: () => statements,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
