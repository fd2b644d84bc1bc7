/** What the harness asks a running server before and between measurements. */

export const SQL_METRIC = 'paygraph_sql_statements_total';
const CACHE_METRIC = 'paygraph_response_cache_lookups_total';

/** Cumulative counts a server exposes; a field is undefined when the server does not count it. */
export interface Counts {
  statements?: number;
  cacheHits?: number;
  cacheMisses?: number;
}

export type CountReader = () => Promise<Counts>;

/** The sum of the samples of `metric` (whose labels include `label`, if given) in a Prometheus text exposition. */
function metricSum(exposition: string, metric: string, label?: string): number | undefined {
  const samples = exposition
    .split('\n')
    .filter((line) => (line.startsWith(`${metric} `) || line.startsWith(`${metric}{`)) && (!label || line.includes(label)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  return samples.length ? samples.reduce((sum, value) => sum + value, 0) : undefined;
}

/** paygraph's Prometheus counters at /metrics, when the server has them. */
export function paygraphCounts(graphqlUrl: string): CountReader {
  const metricsUrl = new URL('/metrics', graphqlUrl).toString();
  return async () => {
    const response = await fetch(metricsUrl).catch(() => undefined);
    if (!response?.ok) return {};
    const exposition = await response.text();
    return {
      statements: metricSum(exposition, SQL_METRIC),
      cacheHits: metricSum(exposition, CACHE_METRIC, 'result="hit"'),
      cacheMisses: metricSum(exposition, CACHE_METRIC, 'result="miss"'),
    };
  };
}

/** The count bench/postgraphile-server.ts keeps by wrapping its pool's clients. */
export function postgraphileCounts(graphqlUrl: string): CountReader {
  const statementsUrl = new URL('/statements', graphqlUrl).toString();
  return async () => ({ statements: Number(await (await fetch(statementsUrl)).text()) });
}

/** How much `key` grew between two readings, or undefined when either lacks it. */
export function growth(before: Counts, after: Counts, key: keyof Counts): number | undefined {
  const [from, to] = [before[key], after[key]];
  return from === undefined || to === undefined ? undefined : to - from;
}

export interface ProbeResponse {
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  /** The response cache's Age header: present only on a response served from the cache. */
  age: string | null;
  status: number;
}

export async function post(url: string, body: string): Promise<ProbeResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { body: (await response.json()) as ProbeResponse['body'], age: response.headers.get('age'), status: response.status };
}

/** The reason `body` is not a successful response, or undefined when it is one. */
export function failureOf(response: ProbeResponse, expect: string): string | undefined {
  if (response.body.errors?.length) return response.body.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ');
  if (response.status !== 200) return `HTTP ${response.status}`;
  if (!JSON.stringify(response.body).includes(expect)) return `the response lacks ${expect}: ${JSON.stringify(response.body).slice(0, 300)}`;
  return undefined;
}

/** True when the error says the schema has no such field (a feature that has not landed yet). */
export function isMissingField(response: ProbeResponse, field: string): boolean {
  return Boolean(response.body.errors?.some((error) => error.message.includes(`Cannot query field "${field}"`)));
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
