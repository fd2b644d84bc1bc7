import { describe, expect, it } from 'vitest';
import { useSeededServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { postGraphQL } from '../../support/processes.js';

const MiB = 1024 * 1024;
const cacheBytes = (url: string, cache: string) => metricValue(url, `paygraph_cache_bytes{cache="${cache}"}`);

describe('in-process caches under requests with large values', () => {
  const app = useSeededServer({ serving: { responseCache: 'memory', rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } } });
  /** A distinct string of `size` characters and more. */
  const large = (i: number, size: number) => `${i}-${'x'.repeat(size)}`;

  it('keeps the validated arguments of small variables, and none of a large one', async () => {
    const query = 'query Market($role: String!) { marketSnapshot(countryCode: "CA", roleSlug: $role) { sampleSize } }';
    await postGraphQL(app.server.url, query, { role: 'machine-learning-lead' });
    const held = await cacheBytes(app.server.url, 'validated_arguments');
    expect(held).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      const { body } = await postGraphQL(app.server.url, query, { role: large(i, 200_000) });
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await cacheBytes(app.server.url, 'validated_arguments')).toBe(held);
  });

  it('holds parsed documents to 64 MiB however large they are', async () => {
    for (let i = 0; i < 30; i++) {
      const { body } = await postGraphQL(app.server.url, `{ marketSnapshot(countryCode: "CA", roleSlug: "${large(i, 500_000)}") { sampleSize } }`);
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const held = await cacheBytes(app.server.url, 'documents');
    // Each document is estimated at some 3 MB: 30 of them would be 90 MB.
    expect(held).toBeGreaterThan(32 * MiB);
    expect(held).toBeLessThanOrEqual(64 * MiB);
    expect(await cacheBytes(app.server.url, 'responses')).toBeLessThanOrEqual(64 * MiB);
  });
});
