import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedDatabase } from '../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { fuzzRequests, seedMarketOperations } from '../support/fuzz/requests.js';
import { describeFailures, failureClasses } from '../support/fuzz/report.js';
import { runSession, type Target } from '../support/fuzz/session.js';
import type { FuzzRequest } from '../support/fuzz/transport.js';
import { npmStart, type NpmStartServer } from '../support/npm-start.js';
import { postGraphQL } from '../support/processes.js';

// FUZZ_SEED picks other requests; FUZZ_ONLY=<#> sends only that one (as numbered in a failure report).
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const REQUESTS_PER_MODE = 1500;
/** Every answer, /healthz's included, comes within this. */
const BOUND_MS = 2000;
/** Each mode sends for at most this long (both at once), so the file takes about a minute on a busy machine. */
const SESSION_MS = 15_000;
const METRICS_MAX_BYTES = 256 * 1024;

const MODES = [
  { mode: 'production', env: { NODE_ENV: 'production' } },
  { mode: 'development', env: {} },
] as const;
/** What the servers run with besides the mode: this file's database, and a short wait for requests in flight at the end. */
const serverEnv = (env: Record<string, string>) => ({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: '2000', ...env });

let database: TestDatabase;
const servers = new Map<string, NpmStartServer>();
const requests = new Map<string, FuzzRequest[]>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  const starting = MODES.map(async ({ mode, env }) => servers.set(mode, await npmStart(serverEnv(env))));
  // Made while the servers start: the first half for production, the second for development.
  const all = fuzzRequests(SEED, 2 * REQUESTS_PER_MODE).filter((request) => ONLY === undefined || request.index === ONLY);
  MODES.forEach(({ mode }, half) => requests.set(mode, all.filter(({ index }) => Math.floor(index / REQUESTS_PER_MODE) === half)));
  await Promise.all(starting);
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
  await database?.drop();
});

describe.concurrent.each(MODES)('`npm start` in $mode mode, sent generated GraphQL requests', ({ mode, env }) => {
  it(`answers each within ${BOUND_MS} ms, without a 5xx, an internal error or a leak, and keeps serving`, async ({ expect }) => {
    const server = () => servers.get(mode)!;
    // A client's first operations compile (graphql-jit) and fill caches; the bound is for a server past that.
    for (const { query, variables } of seedMarketOperations()) {
      const { status, body } = await postGraphQL(`${server().origin}/graphql`, query, variables);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    }

    const target: Target = {
      origin: () => server().origin,
      alive: () => server().alive(),
      output: () => server().output(),
      async restart() {
        await server().stop('SIGKILL');
        servers.set(mode, await npmStart(serverEnv(env)));
      },
    };
    const result = await runSession(target, requests.get(mode)!, {
      boundMs: BOUND_MS,
      deadline: Date.now() + SESSION_MS,
      restartMs: 15_000,
      // A fragment bomb that stalls the server costs a restart, most of a mode's time on a busy machine: bombs go last.
      sendLast: { matches: (request) => request.kind === 'fragment bomb', ms: 4000 },
    });
    console.info(
      `${mode}: ${result.sent} requests sent, ${result.unsent} left when time ran out, ${result.restarts} restart(s), slowest answer ${Math.round(result.slowest?.ms ?? 0)} ms (#${result.slowest?.request.index})`,
    );

    const classes = failureClasses(result.findings);
    expect.soft(classes.length, `${mode} mode: ${describeFailures(classes, SEED)}`).toBe(0);
    expect.soft(result.sent).toBeGreaterThanOrEqual(Math.min(100, requests.get(mode)!.length));
    expect.soft(server().alive()).toBe(true);
    /** The status and body of a GET, or status 0 and the error when no answer comes in time. */
    const get = (path: string) =>
      fetch(`${server().origin}${path}`, { signal: AbortSignal.timeout(BOUND_MS) }).then(
        async (response) => ({ status: response.status, text: await response.text() }),
        (error: Error) => ({ status: 0, text: error.message }),
      );
    expect.soft(await get('/healthz')).toEqual({ status: 200, text: '{"status":"ok"}' });
    // Operation names become metric labels: whatever names clients send, the metrics must stay small.
    const metrics = await get('/metrics');
    expect.soft(metrics.status).toBe(200);
    const counters = metrics.text.match(/^paygraph_graphql_requests_total\{/gm)?.length ?? 0;
    expect.soft(metrics.text.length, `/metrics, with ${counters} request counters`).toBeLessThan(METRICS_MAX_BYTES);
  }, 120_000);
});
