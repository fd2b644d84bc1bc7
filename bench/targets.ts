import type { CacheMode, Measurement, Target } from './report.js';

/** The targets, judged on the measured rows. */
export function judgeTargets(measurements: Measurement[], nestedScenarios: string[], marketReportMeasured: boolean, coldScenarios: string[] = []): Target[] {
  return [
    ...[...nestedScenarios, ...coldScenarios].map((scenario) => ratioTarget(measurements, scenario, 'off', 1)),
    ...nestedScenarios.map((scenario) => ratioTarget(measurements, scenario, 'warm', 5)),
    latencyTarget(measurements, marketReportMeasured),
  ];
}

function ratioTarget(measurements: Measurement[], nestedScenario: string, cache: CacheMode, threshold: number): Target {
  const description = `${cache === 'off' ? 'Cold (response cache off)' : 'Warm'} ${nestedScenario} ≥ ${threshold.toFixed(1)}× PostGraphile's throughput`;
  const rows = measurements.filter((m) => m.scenario === nestedScenario && m.cache === cache && m.ratio !== undefined);
  if (!rows.length) return { description, met: undefined, detail: 'not measured' };
  return {
    description,
    met: rows.every((m) => m.ratio! >= threshold),
    detail: rows.map((m) => `${m.ratio!.toFixed(2)}× at concurrency ${m.concurrency}`).join(', '),
  };
}

function latencyTarget(measurements: Measurement[], marketReportMeasured: boolean): Target {
  const description = 'Warm MarketReport p99 < 50 ms at concurrency 32';
  const row = measurements.find((m) => m.scenario.startsWith('MarketReport') && m.cache === 'warm' && m.concurrency === 32);
  if (row) return { description, met: row.result.p99Ms < 50, detail: `p99 ${row.result.p99Ms} ms` };
  const reason = marketReportMeasured ? 'concurrency 32 is not in BENCH_CONCURRENCY' : 'the server has no marketReport, or its first request failed';
  return { description, met: undefined, detail: `not measured: ${reason}` };
}
