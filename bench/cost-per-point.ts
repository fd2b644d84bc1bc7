/**
 * npm run bench:cost — the CPU time one cost point buys, measured: runs documents of different
 * shapes through paygraph in this process (response cache off, no rate limit) over
 * BENCH_DATABASE_URL, and prints per document its cost, the server's CPU time per request
 * (this process's user + system time; PostgreSQL's own is not counted) at a small and a large
 * page, and the CPU time per cost point: the slope between the two, the fixed cost of a request
 * (parsing, context, the response) left out. The cost limit is the CPU budget of one request divided by the costliest rate
 * seen (docs/decisions/0007-cost-model.md).
 */
import 'reflect-metadata';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { buildPaygraphSchema } from '../src/graphql/schema.js';
import { createLogger } from '../src/logger.js';
import { createApolloServer } from '../src/server/apollo-server.js';
import { createContext } from '../src/server/context.js';
import { operationCost } from '../src/serving/limits/operation-cost.js';
import { contractOperation } from './operations.js';

// The server's own graphql (16), not bench/'s (PostGraphile's 15).
const { parse } = createRequire(path.join(projectRoot, 'package.json'))('graphql') as { parse: (source: string) => Parameters<typeof operationCost>[1] };

/** The CPU time one request may take, in milliseconds (see the decision record). */
const REQUEST_CPU_BUDGET_MS = Number(process.env.COST_CPU_BUDGET_MS || 250);
const RUNS = Number(process.env.COST_RUNS || 20);

const SNAPSHOT_FIELDS = 'id period sampleSize median { amount currencyCode } percentiles { p25 { amount } p75 { amount } } confidence { level }';
const COUNTRY = process.env.COST_COUNTRY || 'US';
/** Documents whose page size varies: the CPU time a point buys is the slope between a small page and a large one. */
const DOCUMENTS: { name: string; pages: [number, number]; query: (first: number) => string; variables?: (first: number) => Record<string, unknown> }[] = [
  { name: 'CountryGraph (contract)', pages: [10, 100], query: () => contractOperation('CountryGraph'), variables: (first) => ({ country: COUNTRY, first }) },
  { name: 'markets, leaves', pages: [10, 100], query: (first) => `{ markets(first: ${first}, orderBy: [{ field: SAMPLE_SIZE, direction: DESC }]) { totalCount edges { cursor median { amount currencyCode } node { ${SNAPSHOT_FIELDS} } } } }` },
  {
    name: 'markets, nested',
    pages: [10, 100],
    query: (first) => `{ markets(first: ${first}, orderBy: [{ field: GROWTH_PERCENT, direction: DESC }]) { totalCount edges { median { amount } node { ${SNAPSHOT_FIELDS}
      growthDelta(basis: PREVIOUS_PERIOD) { percent } premiumBrackets { tier min { amount } max { amount } } skills { rank skill { name } } country { code name } role { slug title } } } } }`,
  },
  {
    name: 'countries × roles by median',
    pages: [5, 50],
    query: (first) => `{ countries { code roles(first: ${first}, orderBy: [{ field: SAMPLE_SIZE, direction: DESC }]) { totalCount edges { node { slug title latestSnapshot { period sampleSize median { amount currencyCode } } } } } } }`,
  },
  { name: 'countries × roles by slug', pages: [5, 50], query: (first) => `{ countries { code name roles(first: ${first}) { totalCount edges { cursor node { slug title category } } } } }` },
];

const databaseUrl = process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/paygraph_bench';
const database = connectDatabase(databaseUrl);
const schema = await buildPaygraphSchema();
const apollo = await createApolloServer({
  logger: createLogger('silent'),
  production: true,
  serving: { responseCache: 'off', rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 }, limits: { maxCost: Number.MAX_SAFE_INTEGER } as never },
});
await apollo.start();

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(database, {}) });
  const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
  if (!result || result.errors) throw new Error(`${JSON.stringify(result?.errors ?? 'no single result')}`);
}

/** Mean CPU milliseconds of this process per request. */
async function cpuPerRequest(query: string, variables: Record<string, unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run(query, variables);
  const before = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) await run(query, variables);
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000 / RUNS;
}

const rows: { name: string; costs: number[]; cpuMs: number[]; usPerPoint: number }[] = [];
for (const { name, pages, query, variables } of DOCUMENTS) {
  const costs: number[] = [];
  const cpuMs: number[] = [];
  for (const first of pages) {
    costs.push(operationCost(schema, parse(query(first)), undefined, variables?.(first)));
    cpuMs.push(await cpuPerRequest(query(first), variables?.(first) ?? {}));
  }
  rows.push({ name, costs, cpuMs, usPerPoint: ((cpuMs[1]! - cpuMs[0]!) * 1000) / (costs[1]! - costs[0]!) });
}
await apollo.stop();
await database.close();

const costliest = Math.max(...rows.map((row) => row.usPerPoint));
console.log('| Document | Cost (small, large page) | CPU ms / request | µs / point (slope) |\n|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.name} | ${row.costs.join(', ')} | ${row.cpuMs.map((ms) => ms.toFixed(2)).join(', ')} | ${row.usPerPoint.toFixed(2)} |`);
console.log(`\nCostliest: ${costliest.toFixed(2)} µs per point; a ${REQUEST_CPU_BUDGET_MS} ms CPU budget per request allows ${Math.floor((REQUEST_CPU_BUDGET_MS * 1000) / costliest)} points.`);
