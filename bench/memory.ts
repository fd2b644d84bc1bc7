import { readFileSync } from 'node:fs';

/** The resident set size of process `pid` in bytes (Linux /proc), or undefined when it cannot be read. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples process `pid`'s resident memory every `intervalMs` while `work` runs; resolves to its
 * result and the highest sample (undefined when none could be read).
 */
export async function withPeakResidentMemory<T>(pid: number | undefined, work: Promise<T>, intervalMs = 100): Promise<{ result: T; peakBytes: number | undefined }> {
  let peakBytes: number | undefined;
  const sample = () => {
    const bytes = pid === undefined ? undefined : residentBytes(pid);
    if (bytes !== undefined) peakBytes = Math.max(peakBytes ?? 0, bytes);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work;
    sample();
    return { result, peakBytes };
  } finally {
    clearInterval(timer);
  }
}
