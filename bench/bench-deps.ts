import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * The benchmark's own dependencies live in bench/node_modules (bench/package.json), which a
 * plain `npm ci` at the root does not install. They are loaded here, by require from bench/,
 * with the few types the harness uses, so the root typecheck passes without them.
 */
const requireFromBench = createRequire(new URL('./package.json', import.meta.url));

export interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface AutocannonResult {
  duration: number;
  requests: Histogram & { total: number; sent: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
  verifyBody?: (body: string) => boolean;
  timeout?: number;
}

export type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult> & { stop(): void };

export function loadAutocannon(): Autocannon {
  return requireFromBench('autocannon') as Autocannon;
}

export interface PostGraphileOptions {
  graphqlRoute: string;
  graphiql: boolean;
  watchPg: boolean;
  dynamicJson: boolean;
  disableDefaultMutations: boolean;
  disableQueryLog: boolean;
  setofFunctionsContainNulls: boolean;
  ignoreRBAC: boolean;
  retryOnInitFail: boolean;
  enableQueryBatching: boolean;
  legacyRelations: 'omit' | 'deprecated' | 'only';
}

export type PostGraphileHandler = ((request: IncomingMessage, response: ServerResponse) => void) & {
  getGraphQLSchema(): Promise<unknown>;
  release(): Promise<void>;
};

export function loadPostGraphile(): (pool: pg.Pool, schema: string, options: PostGraphileOptions) => PostGraphileHandler {
  return (requireFromBench('postgraphile') as { postgraphile: ReturnType<typeof loadPostGraphile> }).postgraphile;
}

/** bench/'s own pg, the one PostGraphile is tested with. */
export function loadPg(): typeof pg {
  return requireFromBench('pg') as typeof pg;
}
