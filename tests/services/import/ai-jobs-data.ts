import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/config.js';
import { fromScaled, toScaled } from '../../../src/domain/decimal.js';
import { medianConfidenceInterval } from '../../../src/domain/percentiles.js';
import { percentileCont } from '../../support/percentile-cont.js';

/** The demo data set shipped with the project: 3,755 salaries, public domain (ai-jobs.net, CC0). */
export const AI_JOBS_FILE = path.resolve(projectRoot, 'data', 'ai-jobs-salaries-2020-2023.csv');

export interface AiJobsRow {
  line: number;
  /** The line as written. */
  text: string;
  year: string;
  level: string;
  title: string;
  salary: number;
  currency: string;
  usd: number;
  residence: string;
}

/** The file read without the importer: it has no quoted fields, so splitting on commas is exact. */
export function readAiJobs(): AiJobsRow[] {
  const [, ...lines] = readFileSync(AI_JOBS_FILE, 'utf8').trimEnd().split('\n');
  return lines.map((text, index) => {
    const [year, level, , title, salary, currency, usd, residence] = text.split(',');
    return { line: index + 2, text, year: year!, level: level!, title: title!, salary: Number(salary), currency: currency!, usd: Number(usd), residence: residence! };
  });
}

/** A double as PostgreSQL stores it in numeric(14, 2): 15 significant digits, then rounded half away from zero. */
export function asStoredAmount(value: number): string {
  return fromScaled(toScaled(Number(value.toPrecision(15)).toFixed(6)), 2);
}

/** What a snapshot of these amounts must say, computed here from the rows themselves. */
export function expectedFigures(amounts: number[]) {
  const sorted = [...amounts].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (fraction: number) => asStoredAmount(percentileCont(sorted, fraction)!);
  const interval = medianConfidenceInterval(n);
  const totalCents = sorted.reduce((sum, amount) => sum + BigInt(Math.round(amount * 100)), 0n);
  return {
    sampleSize: n,
    p10: n >= 10 ? at(0.1) : null,
    p25: n >= 4 ? at(0.25) : null,
    median: at(0.5),
    p75: n >= 4 ? at(0.75) : null,
    p90: n >= 10 ? at(0.9) : null,
    // The exact mean in cents, rounded half away from zero (amounts are positive).
    mean: fromScaled(((totalCents * 2n + BigInt(n)) / (2n * BigInt(n))) * 10_000n, 2),
    ciLower: interval ? sorted[interval.lowerRank - 1]!.toFixed(2) : null,
    ciUpper: interval ? sorted[interval.upperRank - 1]!.toFixed(2) : null,
  };
}
