import { drive, warmUp } from './load.js';
import { withPeakResidentMemory } from './memory.js';
import type { Workload } from './operations.js';
import { failureOf, growth, pause, post, type CountReader } from './probes.js';
import type { CacheMode, Measurement, Settings } from './report.js';

/** One server as measured: its name, cache mode, endpoint and counters. */
export interface Endpoint {
  server: string;
  cache: CacheMode;
  url: string;
  counts: CountReader;
  /** The server's process, whose resident memory is sampled while it is measured. */
  pid?: number;
}

export interface Scenario {
  name: string;
  workload: Workload;
}

/** The same read on a server we compare with, measured right before each of ours. */
export interface Baseline {
  endpoint: Endpoint;
  workload: Workload;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Why `workload`'s first request fails on `endpoint`, or undefined when it succeeds. */
export async function firstRequestFailure(endpoint: Endpoint, workload: Workload): Promise<string | undefined> {
  return failureOf(await post(endpoint.url, workload.bodies[0]!), workload.expect);
}

async function measureOnce(endpoint: Endpoint, scenario: Scenario, concurrency: number, settings: Settings): Promise<Measurement> {
  await pause(300); // requests the previous load (a warm-up, or another row) cut off finish their SQL first
  const before = await endpoint.counts();
  const { result, peakBytes } = await withPeakResidentMemory(endpoint.pid, drive(endpoint.url, scenario.workload, concurrency, { durationSeconds: settings.durationSeconds }));
  await pause(300); // requests cut off at the deadline finish their SQL before the counters are read
  const after = await endpoint.counts();
  const statements = growth(before, after, 'statements');
  const [hits, misses] = [growth(before, after, 'cacheHits'), growth(before, after, 'cacheMisses')];
  const measurement: Measurement = {
    scenario: scenario.name,
    server: endpoint.server,
    cache: endpoint.cache,
    concurrency,
    result,
    sqlPerRequest: statements === undefined || result.requests === 0 ? undefined : statements / result.requests,
    peakResidentBytes: peakBytes,
    ratios: {},
    cacheHitRate: endpoint.cache !== 'warm' || hits === undefined || misses === undefined || hits + misses === 0 ? undefined : hits / (hits + misses),
  };
  log(
    `  ${endpoint.server} [cache ${endpoint.cache}] ${scenario.workload.operationName} ×${concurrency}: ${result.requestsPerSecond.toFixed(1)} req/s, ` +
      `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, SQL/request ${measurement.sqlPerRequest?.toFixed(2) ?? 'n/a'}, ` +
      `peak RSS ${peakBytes === undefined ? 'n/a' : `${(peakBytes / 2 ** 20).toFixed(0)} MiB`}, failed ${result.failures}`,
  );
  return measurement;
}

/**
 * Warms up, then measures `scenario` at every concurrency. Each baseline runs just before each
 * measurement and the measurement's ratio against it is taken then, so a change in the machine's
 * background load affects both sides of a ratio alike.
 * Returns the rows, or why the scenario was skipped.
 */
export async function measureScenario(endpoint: Endpoint, scenario: Scenario, settings: Settings, baselines: Baseline[] = []): Promise<Measurement[] | string> {
  const failure = await firstRequestFailure(endpoint, scenario.workload);
  if (failure) return `${scenario.name} on ${endpoint.server} skipped: its first request failed (${failure}).`;
  await warmUp(endpoint.url, scenario.workload, settings.warmUpSeconds);
  const rows: Measurement[] = [];
  for (const concurrency of settings.concurrencies) {
    const references: Measurement[] = [];
    for (const baseline of baselines) references.push(await measureOnce(baseline.endpoint, { name: scenario.name, workload: baseline.workload }, concurrency, settings));
    const measurement = await measureOnce(endpoint, scenario, concurrency, settings);
    for (const reference of references) measurement.ratios[reference.server] = measurement.result.requestsPerSecond / reference.result.requestsPerSecond;
    rows.push(...references, measurement);
  }
  return rows;
}

/** Checks the baseline answers, then warms it up (once: it has no cache to fill). Returns why it cannot serve, if it cannot. */
export async function prepareBaseline(baseline: Baseline, settings: Settings): Promise<string | undefined> {
  const failure = await firstRequestFailure(baseline.endpoint, baseline.workload);
  if (failure) return failure;
  await warmUp(baseline.endpoint.url, baseline.workload, settings.warmUpSeconds);
  return undefined;
}
