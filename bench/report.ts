import type { DataSetSummary } from './synthetic-data.js';
import type { LoadResult } from './load.js';
import { COUNTRIES, PERIODS, ROLES } from './synthetic-catalogue.js';

export type CacheMode = 'off' | 'warm' | 'none';

export interface Measurement {
  scenario: string;
  server: string;
  cache: CacheMode;
  concurrency: number;
  result: LoadResult;
  sqlPerRequest: number | undefined;
  /** The server process's highest resident memory sampled during the row. */
  peakResidentBytes: number | undefined;
  /** Warm rows: the share of requests the response cache answered, when the server counts lookups. */
  cacheHitRate?: number;
  /** On the nested reads: our requests/s over each baseline's (by server name) at the same concurrency. */
  ratios: Record<string, number>;
}

/** How long a server took from being spawned to its first successful answer. */
export interface Startup {
  server: string;
  firstAnswerMs: number;
}

export interface Target {
  description: string;
  /** undefined: could not be measured in this run (the reason is in `detail`). */
  met: boolean | undefined;
  detail: string;
}

export interface Machine {
  cpus: string;
  memory: string;
  node: string;
  postgres: string;
  /** The 1-minute load average when the run started and when it ended. */
  loadAverages: number[];
}

export interface Settings {
  durationSeconds: number;
  warmUpSeconds: number;
  concurrencies: number[];
}

const CACHE_LABEL: Record<CacheMode, string> = { off: 'off (cold)', warm: 'warm', none: 'none' };

const fixed = (value: number, digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const mebibytes = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : fixed(bytes / 2 ** 20, 0));

function row(m: Measurement, baselines: string[]): string {
  const cells = [
    m.scenario,
    m.server,
    m.cacheHitRate === undefined ? CACHE_LABEL[m.cache] : `${CACHE_LABEL[m.cache]} (${fixed(100 * m.cacheHitRate, 1)} % hits)`,
    String(m.concurrency),
    fixed(m.result.requestsPerSecond, 1),
    String(m.result.p50Ms),
    String(m.result.p99Ms),
    m.sqlPerRequest === undefined ? 'n/a' : fixed(m.sqlPerRequest, 2),
    mebibytes(m.peakResidentBytes),
    String(m.result.failures),
    ...baselines.map((baseline) => (m.ratios[baseline] === undefined ? '' : `${fixed(m.ratios[baseline], 2)}×`)),
  ];
  return `| ${cells.join(' | ')} |`;
}

export function resultsTable(measurements: Measurement[], baselines: string[]): string {
  return [
    `| scenario | server | response cache | concurrency | req/s | p50 ms | p99 ms | SQL/request | peak RSS MiB | failed | ${baselines.map((b) => `vs ${b}`).join(' | ')} |`,
    `|---|---|---|---:|---:|---:|---:|---:|---:|---:|${baselines.map(() => '---:|').join('')}`,
    ...measurements.map((m) => row(m, baselines)),
  ].join('\n');
}

function startupTable(startups: Startup[]): string {
  return ['| server | spawn to first answer, ms |', '|---|---:|', ...startups.map((s) => `| ${s.server} | ${fixed(s.firstAnswerMs, 0)} |`)].join('\n');
}

const cpuCount = (machine: Machine) => Number.parseInt(machine.cpus, 10);

const mark = (met: boolean | undefined) => (met === undefined ? '⚪' : met ? '✅' : '❌');

export function renderReport(input: {
  date: Date;
  settings: Settings;
  machine: Machine;
  data: DataSetSummary;
  measurements: Measurement[];
  /** The servers ratios are taken against, as named in the rows. */
  baselines: string[];
  startups: Startup[];
  targets: Target[];
  notes: string[];
}): string {
  const { settings, machine, data } = input;
  return [
    `## Benchmark results (${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    resultsTable(input.measurements, input.baselines),
    '',
    '### Start-up',
    '',
    startupTable(input.startups),
    '',
    '### Targets',
    '',
    ...input.targets.map((target) => `- ${mark(target.met)} ${target.description}: ${target.detail}`),
    '',
    '### Conditions',
    '',
    `- Machine: ${machine.cpus}, ${machine.memory}; Node ${machine.node}; PostgreSQL ${machine.postgres}. Load generator, servers and database share the machine.`,
    `- 1-minute load average: ${machine.loadAverages.map((load) => fixed(load, 1)).join(' at the start, ')} at the end.` +
      (Math.max(...machine.loadAverages) > cpuCount(machine)
        ? ' Other processes were competing for the CPUs: absolute figures are lower and noisier than on an idle machine (ratios less so: both sides of each are measured back to back).'
        : ''),
    `- Data set: ${COUNTRIES.length} countries × ${ROLES.length} roles × ${PERIODS.length} yearly periods of synthetic markets plus the seed market ` +
      `(${data.countries} countries, ${data.roles} roles, ${data.snapshots.toLocaleString('en-US')} snapshots in all), ` +
      `${data.snapshotSkills.toLocaleString('en-US')} snapshot skills, ${data.snapshotCertifications.toLocaleString('en-US')} snapshot certifications, ` +
      `${data.advice.toLocaleString('en-US')} advice rows, ${data.premiumTiers} premium tiers, ${data.reportTemplates} report templates; ` +
      `created, migrated and loaded in ${fixed(data.loadSeconds, 1)} s.`,
    `- Each row: ${settings.durationSeconds} s of autocannon at that many connections, after every request body was sent once and ` +
      `${settings.warmUpSeconds} s of unmeasured load. Latency in whole milliseconds (autocannon's resolution), successful responses only. ` +
      '"failed": connection errors, non-2xx, or a body with GraphQL errors or without the expected data.',
    ...input.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
