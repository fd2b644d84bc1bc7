import { describe, expect, it } from 'vitest';
import { operationHash } from '../../../src/serving/persisted-operations/operation-registry.js';
import { useSeededServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { postGraphQL } from '../../support/processes.js';

const DOCUMENT_BYTES = 'paygraph_cache_bytes{cache="documents"}';

describe('query normalisation', () => {
  // Without the response cache every request reaches Apollo, and its document cache.
  const app = useSeededServer({ serving: { responseCache: 'off', rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } } });

  it('parses one document however it is spaced or commented (Apollo keeps one parsed copy)', async () => {
    const query = '{ countries { code name } }';
    expect((await postGraphQL(app.server.url, query)).body.errors).toBeUndefined();
    const held = await metricValue(app.server.url, DOCUMENT_BYTES);
    expect(held).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) {
      const { body } = await postGraphQL(app.server.url, `${i % 2 ? '{countries{code,name}}' : query}  # request ${i}\n`);
      expect(body.data.countries.length).toBeGreaterThan(0);
    }
    expect(await metricValue(app.server.url, DOCUMENT_BYTES)).toBe(held);
    // a different document is parsed and kept
    await postGraphQL(app.server.url, '{ countries { code } }');
    expect(await metricValue(app.server.url, DOCUMENT_BYTES)).toBeGreaterThan(held);
  });

  it('gives error locations in the text the client sent', async () => {
    const invalid = '# a comment first\nquery Roles {\n  roles {\n    slug    # the slug\n    salary\n  }\n}\n';
    const { status, body } = await postGraphQL(app.server.url, invalid);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, locations: [{ line: 5, column: 5 }] });

    const failing = 'query Missing {\n\n  marketSnapshot(countryCode: "CA",\n                 roleSlug: "no-such-role") { sampleSize }\n}';
    const missing = await postGraphQL(app.server.url, failing);
    expect(missing.body.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, path: ['marketSnapshot'], locations: [{ line: 3, column: 3 }] });

    const unfinished = await postGraphQL(app.server.url, '{\n  roles {\n    slug # and nothing else\n');
    expect(unfinished.body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' }, locations: [{ line: 4, column: 1 }] });
  });

  it('leaves an automatic persisted query as sent: its hash is of the exact text', async () => {
    const query = '{ countries { code } } # registered as it is';
    const persistedQuery = { version: 1, sha256Hash: operationHash(query) };
    const registered = await fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions: { persistedQuery } }) });
    expect(((await registered.json()) as { data?: unknown }).data).toBeDefined();
    const byHash = await fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery } }) });
    expect(((await byHash.json()) as { data?: { countries: unknown[] } }).data?.countries.length).toBeGreaterThan(0);
  });
});
