/** The value of one sample of the server's /metrics (0 when absent), e.g. `paygraph_cache_bytes{cache="documents"}`. */
export async function metricValue(graphqlUrl: string, sample: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/graphql$/, 'metrics'))).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}
