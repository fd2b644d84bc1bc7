import type { CacheMode, Measurement, Target } from './report.js';

/** The scenario names and the server names the targets are judged on. */
export interface TargetSubjects {
  countryGraph: string;
  sameFields: string;
  markets: string;
  /** The server the throughput and memory targets compare with (PostGraphile 5). */
  reference: string;
  /** The server the markets scenario compares with (PostGraphile 4: 5 cannot order by median). */
  marketsReference: string;
  marketReportMeasured: boolean;
}

/** The targets, judged on the measured rows. */
export function judgeTargets(measurements: Measurement[], subjects: TargetSubjects): Target[] {
  const { countryGraph, sameFields, reference } = subjects;
  return [
    ratioTarget(measurements, countryGraph, 'off', reference, 1),
    ratioTarget(measurements, sameFields, 'off', reference, 1.3),
    ratioTarget(measurements, subjects.markets, 'off', subjects.marketsReference, 1),
    ratioTarget(measurements, countryGraph, 'warm', reference, 5),
    ratioTarget(measurements, sameFields, 'warm', reference, 5),
    statementsTarget(measurements, 'Snapshot', 3),
    statementsTarget(measurements, 'MarketReport', 3),
    memoryTarget(measurements, [countryGraph, sameFields], reference),
    latencyTarget(measurements, subjects.marketReportMeasured),
  ];
}

function ratioTarget(measurements: Measurement[], scenario: string, cache: CacheMode, reference: string, threshold: number): Target {
  const description = `${cache === 'off' ? 'Cold (response cache off)' : 'Warm'} ${scenario} ≥ ${threshold.toFixed(1)}× ${reference}'s throughput`;
  const rows = measurements.filter((m) => m.scenario === scenario && m.cache === cache && m.ratios[reference] !== undefined);
  if (!rows.length) return { description, met: undefined, detail: 'not measured' };
  return {
    description,
    met: rows.every((m) => m.ratios[reference]! >= threshold),
    detail: rows.map((m) => `${m.ratios[reference]!.toFixed(2)}× at concurrency ${m.concurrency}`).join(', '),
  };
}

function statementsTarget(measurements: Measurement[], scenario: string, most: number): Target {
  const description = `Cold ${scenario}: at most ${most} SQL statements a request`;
  const rows = measurements.filter((m) => m.scenario === scenario && m.cache === 'off' && m.sqlPerRequest !== undefined);
  if (!rows.length) return { description, met: undefined, detail: 'not measured' };
  const worst = Math.max(...rows.map((m) => m.sqlPerRequest!));
  return { description, met: worst <= most, detail: `${worst.toFixed(2)} at most` };
}

/** paygraph's cold peak resident memory against the reference's, over the nested reads at 32 connections. */
function memoryTarget(measurements: Measurement[], scenarios: string[], reference: string): Target {
  const description = `Cold paygraph's peak resident memory under 32 connections ≤ ${reference}'s`;
  const peak = (select: (m: Measurement) => boolean) => {
    const samples = measurements.filter((m) => m.concurrency === 32 && scenarios.includes(m.scenario) && select(m) && m.peakResidentBytes !== undefined);
    return samples.length ? Math.max(...samples.map((m) => m.peakResidentBytes!)) : undefined;
  };
  const ours = peak((m) => m.server === 'paygraph' && m.cache === 'off');
  const theirs = peak((m) => m.server === reference);
  if (ours === undefined || theirs === undefined) return { description, met: undefined, detail: 'not measured (no 32-connection rows, or no /proc)' };
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return { description, met: ours <= theirs, detail: `${mib(ours)} against ${mib(theirs)}` };
}

function latencyTarget(measurements: Measurement[], marketReportMeasured: boolean): Target {
  const description = 'Warm MarketReport p99 < 50 ms at concurrency 32';
  const row = measurements.find((m) => m.scenario.startsWith('MarketReport') && m.cache === 'warm' && m.concurrency === 32);
  if (row) return { description, met: row.result.p99Ms < 50, detail: `p99 ${row.result.p99Ms} ms` };
  const reason = marketReportMeasured ? 'concurrency 32 is not in BENCH_CONCURRENCY' : 'the server has no marketReport, or its first request failed';
  return { description, met: undefined, detail: `not measured: ${reason}` };
}
