import { describe, expect, it } from 'vitest';
import { contractOperation } from '../../support/graphql.js';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

// Introspection on, so /subgraph is open to the test as it is to a gateway with a key.
const app = useSeededServer({ serving: { introspection: true, rateLimit: { enabled: false, pointsPerWindow: 0, pointsPerWindowWithKey: 0, windowSeconds: 60 } } });

/** Runs the statement counter around a request: a rejected request must not reach a resolver. */
async function rejectedBeforeResolvers(query: string, variables: Record<string, unknown> = {}) {
  const before = app.database.statementCount();
  const response = await postGraphQL(app.server.url, query, variables);
  expect(app.database.statementCount() - before).toBe(0);
  expect(response.body.data).toBeUndefined();
  return response;
}

describe('query limits', () => {
  it('lets every contract operation through', async () => {
    for (const [name, variables] of [
      ['Snapshot', { country: 'CA', role: 'machine-learning-lead' }],
      ['SnapshotAtPeriod', { country: 'CA', role: 'machine-learning-lead', period: '2026-04' }],
      ['CountryGraph', { country: 'CA', first: 100 }],
    ] as const) {
      const { status, body } = await postGraphQL(app.server.url, contractOperation(name), variables);
      expect(status, name).toBe(200);
      expect(body.errors, name).toBeUndefined();
    }
  });

  it('refuses a query 50 levels deep, naming the limit and the depth', async () => {
    // node → ... nested through Snapshot.role.latestSnapshot.role… 50 levels
    let selection = 'slug';
    for (let level = 0; level < 24; level++) selection = `latestSnapshot { role { ${selection} } }`;
    const query = `{ role(slug: "machine-learning-lead") { ${selection} } }`;
    const { status, body } = await rejectedBeforeResolvers(query);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', maximum: 12, actual: 50 } });
    expect(body.errors[0].message).toBe('The operation is 50 levels deep; the maximum is 12');
  });

  it('refuses 10,000 aliases before parsing them all (token limit)', async () => {
    const query = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: countries { code }`).join(' ')} }`;
    const { status, body } = await rejectedBeforeResolvers(query);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0].message).toMatch(/Document contains more th(an|at) 5000 tokens/) // graphql-js spells it "more that";
  });

  it('refuses too many aliases within the token limit, with the count', async () => {
    const query = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: countries { code }`).join(' ')} }`;
    const { body } = await rejectedBeforeResolvers(query);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', maximum: 50, actual: 60 } });
  });

  it('refuses first: 100000 by its cost before any resolver runs', async () => {
    const { status, body } = await rejectedBeforeResolvers(contractOperation('CountryGraph'), { country: 'CA', first: 100_000 });
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 60000 });
    expect(body.errors[0].extensions.actual).toBeGreaterThan(100_000);
  });

  it('accepts every country with its 50 best-paid roles, and a default page of roles', async () => {
    const { status, body } = await postGraphQL(
      app.server.url,
      `{ countries { code roles(first: 50, orderBy: [{ field: MEDIAN, direction: DESC }]) {
        totalCount edges { node { slug title latestSnapshot { period sampleSize median { amount currencyCode } } } } } } }`,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.countries[0].roles.edges[0].node).toMatchObject({ slug: 'machine-learning-lead', latestSnapshot: { median: { amount: '123557.00', currencyCode: 'CAD' } } });
    const defaultPage = await postGraphQL(app.server.url, '{ countries { roles { edges { node { slug latestSnapshot { median { amount } } } } } } }');
    expect(defaultPage.body.errors).toBeUndefined();
  });

  it('refuses a page larger than 100 within the cost budget with BAD_USER_INPUT', async () => {
    const { body } = await postGraphQL(app.server.url, '{ country(code: "CA") { roles(first: 101) { totalCount } } }');
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
  });

  it.each(['graphql', 'subgraph'])(
    'refuses fragments that each spread the next twice (24, 30, 40 levels) on /%s within a second, /healthz answering meanwhile',
    async (endpoint) => {
      const url = app.server.url.replace(/graphql$/, endpoint);
      const healthz = app.server.url.replace(/graphql$/, 'healthz');
      for (const levels of [24, 30, 40]) {
        const fragments = Array.from({ length: levels - 1 }, (_, level) => `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`);
        const query = `{ ...F0 } ${fragments.join(' ')} fragment F${levels - 1} on Query { __typename }`;
        const started = performance.now();
        const [refused, health] = await Promise.all([
          postGraphQL(url, query).then((response) => ({ ...response, ms: performance.now() - started })),
          fetch(healthz).then((response) => ({ status: response.status, ms: performance.now() - started })),
        ]);
        expect(refused.status, `${levels} levels`).toBe(400);
        expect(refused.body.errors[0].extensions, `${levels} levels`).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 60000, actual: 2 ** (levels - 1) });
        expect(refused.ms, `${levels} levels`).toBeLessThan(1000);
        expect(health.status).toBe(200);
        expect(health.ms, `/healthz beside ${levels} levels`).toBeLessThan(1000);
      }
    },
  );

  it('refuses variables over 512 KiB of JSON, naming the limit', async () => {
    const padding = 'x'.repeat(600 * 1024);
    const { status, body } = await rejectedBeforeResolvers('query ($c: String!) { country(code: $c) { name } }', { c: padding });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe(`The variables are ${padding.length + 8} bytes of JSON; the maximum is 524288`);
    expect(body.errors[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'variablesBytes', maximum: 524288, actual: padding.length + 8 });
  });

  it('refuses a 5 MB body with HTTP 413', async () => {
    const padding = 'x'.repeat(5 * 1024 * 1024);
    const response = await fetch(app.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ countries { code } }', variables: { padding } }),
    });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'bodyBytes', maximum: 1048576 } });
    expect(body.errors[0].extensions.actual).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('answers a malformed body with HTTP 400 and BAD_REQUEST', async () => {
    const response = await fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ countries { code } "' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
