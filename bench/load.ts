import { loadAutocannon, type AutocannonResult } from './bench-deps.js';
import type { Workload } from './operations.js';

const autocannon = loadAutocannon();

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests that failed: connection errors, timeouts, non-2xx, GraphQL errors or a body without the expected data. */
  failures: number;
  statusCodes: Record<string, number>;
}

/**
 * Drives `workload` at `connections` concurrent connections, each request taking the next body
 * of the workload's rotation (shared by all connections, so every body is sent equally often).
 * With `amount`, stops after that many requests instead of after `durationSeconds`.
 */
export async function drive(url: string, workload: Workload, connections: number, limit: { durationSeconds: number } | { amount: number }): Promise<LoadResult> {
  let next = 0;
  const nextBody = () => workload.bodies[next++ % workload.bodies.length]!;
  const result: AutocannonResult = await autocannon({
    url,
    connections,
    ...('amount' in limit ? { amount: limit.amount } : { duration: limit.durationSeconds }),
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
    verifyBody: (body) => body.includes(workload.expect) && !body.includes('"errors":'),
  });
  return {
    requests: result.requests.sent ?? result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.non2xx + result.mismatches,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)])),
  };
}

/** Sends every body of the workload once (fills a response cache), then loads it for `seconds` unmeasured. */
export async function warmUp(url: string, workload: Workload, seconds: number): Promise<void> {
  await drive(url, workload, 4, { amount: workload.bodies.length });
  if (seconds > 0) await drive(url, workload, 8, { durationSeconds: seconds });
}
