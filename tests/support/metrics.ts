/** The values of samples of the server's /metrics (0 for one absent), from one scrape, e.g. `paygraph_cache_bytes{cache="documents"}`. */
export async function metricValues(graphqlUrl: string, samples: string[]): Promise<number[]> {
  const lines = (await (await fetch(graphqlUrl.replace(/graphql$/, 'metrics'))).text()).split('\n');
  return samples.map((sample) => {
    const line = lines.find((candidate) => candidate.startsWith(`${sample} `));
    return line ? Number(line.slice(sample.length + 1)) : 0;
  });
}

/** The value of one sample of the server's /metrics (0 when absent). */
export async function metricValue(graphqlUrl: string, sample: string): Promise<number> {
  return (await metricValues(graphqlUrl, [sample]))[0]!;
}
