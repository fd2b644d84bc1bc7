import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { RateLimiter } from '../../../src/serving/rate-limit/rate-limiter.js';
import { contractOperation } from '../../support/graphql.js';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

describe('RateLimiter', () => {
  afterEach(() => vi.useRealTimers());

  it('spends points within a window, refuses overspending and forfeits what was left, and resets', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = new RateLimiter(60, 100, 'test');
    expect(await limiter.consume('a', 70)).toEqual({ allowed: true, limit: 100, remaining: 30, resetSeconds: 60 });
    vi.advanceTimersByTime(15_000);
    expect(await limiter.standing('a')).toEqual({ allowed: true, limit: 100, remaining: 30, resetSeconds: 45 });
    expect((await limiter.consume('b', 40)).remaining).toBe(60);
    expect(await limiter.consume('a', 40)).toEqual({ allowed: false, limit: 100, remaining: 0, resetSeconds: 45 });
    expect(await limiter.standing('a')).toMatchObject({ allowed: false, remaining: 0 });
    expect(await limiter.consume('a', 1)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await limiter.standing('b')).toMatchObject({ allowed: true, remaining: 60 });
    vi.advanceTimersByTime(45_000);
    expect(await limiter.standing('a')).toEqual({ allowed: true, limit: 100, remaining: 100, resetSeconds: 60 });
    expect(await limiter.consume('a', 40)).toEqual({ allowed: true, limit: 100, remaining: 60, resetSeconds: 60 });
  });
});

const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };

/** Posts a raw body, as a client would that the server must not even read. */
async function postRaw(url: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any } };
}

describe('rate limiting over HTTP', () => {
  const app = useSeededServer({
    serving: { responseCache: 'off', rateLimit: { enabled: true, pointsPerWindow: 1000, pointsPerWindowWithKey: 5000, windowSeconds: 60 } },
  });

  it('charges each request its cost, announces the budget, and answers 429 with Retry-After when spent', async () => {
    const first = await postGraphQL(app.server.url, snapshot, variables);
    expect(first.status).toBe(200);
    const limit = Number(first.headers.get('ratelimit-limit'));
    const afterFirst = Number(first.headers.get('ratelimit-remaining'));
    const cost = limit - afterFirst;
    expect(limit).toBe(1000);
    expect(cost).toBeGreaterThan(10); // the Snapshot operation selects dozens of fields
    expect(first.headers.get('ratelimit-policy')).toBe('1000;w=60;comment="cost points"');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);

    const cheap = await postGraphQL(app.server.url, '{ countries { code } }');
    // countries is a list of ~100 expected items: 1 + 100 × (code: 1)
    expect(Number(cheap.headers.get('ratelimit-remaining'))).toBe(afterFirst - 101);

    let response = cheap;
    while (response.status === 200) response = await postGraphQL(app.server.url, snapshot, variables);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost, remaining: 0 });
    expect(response.body.errors[0].message).toMatch(/^Rate limit exceeded: this operation costs \d+ points, more than were left of the 1000 of this 60-second window; retry in \d+ s$/);
    expect(response.body.data).toBeUndefined();

    // What was left is forfeited: even the cheapest request now waits for the next window.
    const cheapest = await postGraphQL(app.server.url, '{ __typename }');
    expect(cheapest.status).toBe(429);
    expect(cheapest.body.errors[0].message).toMatch(/^Rate limit exceeded: the 1000 cost points of this 60-second window are spent; retry in \d+ s$/);
  });

  it('refuses a client whose budget is spent before reading its request', async () => {
    // The same IP as above, whose budget is spent: a body that is not even JSON gets the 429, not a 400.
    const response = await postRaw(app.server.url, '{ this is not JSON');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(response.headers.get('ratelimit-policy')).toBe('1000;w=60;comment="cost points"');
    expect(response.body).toEqual({
      errors: [{ message: expect.stringMatching(/^Rate limit exceeded: the 1000 cost points/), extensions: { code: 'RATE_LIMITED', remaining: 0, retryAfterSeconds: expect.any(Number) } }],
    });
  });

  it('budgets a client with a valid API key separately, with the larger budget', async () => {
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE] });
    const response = await postGraphQL(app.server.url, snapshot, variables, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBe('5000');
  });
});

describe('rate limiting of refused documents', () => {
  const budget = 300_000;
  const app = useSeededServer({
    serving: { responseCache: 'off', trustProxy: 'loopback', rateLimit: { enabled: true, pointsPerWindow: budget, pointsPerWindowWithKey: budget, windowSeconds: 60 } },
  });
  const asClient = (ip: string, query: string) => postGraphQL(app.server.url, query, {}, { 'x-forwarded-for': ip });
  /** 50 aliased reports of the seed market, told apart by `variant` so no cache knows the document. */
  const fiftyReports = (variant: number) =>
    `{ ${Array.from({ length: 50 }, (_, i) => `r${variant}_${i}: marketReport(countryCode: "CA", roleSlug: "machine-learning-lead") { title sections { heading body } }`).join(' ')} }`;

  it('prices a report by its CPU, so 50 aliased reports are refused by cost, and charges the refusal its cost', async () => {
    const oneReport = await postGraphQL(app.server.url, '{ marketReport(countryCode: "CA", roleSlug: "machine-learning-lead") { title sections { heading body } } }');
    expect(oneReport.status).toBe(200);
    const reportCost = budget - Number(oneReport.headers.get('ratelimit-remaining'));
    expect(reportCost).toBeGreaterThanOrEqual(1500); // its measured CPU alone (docs/decisions/0007-cost-model.md)

    const refused = await asClient('203.0.113.1', fiftyReports(0));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', maximum: 60000, actual: 50 * reportCost });
    expect(Number(refused.headers.get('ratelimit-remaining'))).toBe(Math.max(0, budget - 50 * reportCost));
  });

  it('charges a document refused before it is priced the most an accepted one may cost', async () => {
    let selection = 'slug';
    for (let level = 0; level < 24; level++) selection = `latestSnapshot { role { ${selection} } }`;
    const tooDeep = await asClient('203.0.113.2', `{ role(slug: "machine-learning-lead") { ${selection} } }`);
    expect(tooDeep.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' });
    expect(Number(tooDeep.headers.get('ratelimit-remaining'))).toBe(budget - 60000);
  });

  it('refuses a client sending one new over-cost document after another before analysing the next', async () => {
    const answers = [];
    for (let variant = 1; variant <= 5; variant++) answers.push(await asClient('203.0.113.3', fiftyReports(variant)));
    // 300,000 points pay for three refusals of 75,000-odd; the fourth spends the rest; the fifth is not read.
    expect(answers.map(({ status }) => status)).toEqual([400, 400, 400, 400, 429]);
    expect(answers.map(({ headers }) => headers.get('ratelimit-remaining')).slice(3)).toEqual(['0', '0']);
    expect(answers[4]!.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', remaining: 0, retryAfterSeconds: expect.any(Number) });
  });
});

describe('one budget for every endpoint', () => {
  const app = useSeededServer({ serving: { responseCache: 'memory', introspection: true, rateLimit: { enabled: true, pointsPerWindow: 500, pointsPerWindowWithKey: 500, windowSeconds: 60 } } });

  it('charges /graphql and /subgraph to one budget: spent on /graphql, it is spent on /subgraph', async () => {
    const subgraph = app.server.url.replace(/graphql$/, 'subgraph');
    const spend = await postGraphQL(app.server.url, snapshot, variables);
    expect(Number(spend.headers.get('ratelimit-remaining'))).toBeLessThan(500);
    const shared = await postGraphQL(subgraph, '{ countries { code } }');
    expect(Number(shared.headers.get('ratelimit-remaining'))).toBe(Number(spend.headers.get('ratelimit-remaining')) - 101);
    let response = shared;
    while (response.status === 200) response = await postGraphQL(app.server.url, snapshot, variables);
    expect(response.status).toBe(429);
    const onSubgraph = await postGraphQL(subgraph, '{ countries { code } }');
    expect(onSubgraph.status).toBe(429);
    expect(onSubgraph.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('behind a proxy', () => {
  const proxied = useSeededServer({
    serving: { responseCache: 'off', trustProxy: 'loopback', rateLimit: { enabled: true, pointsPerWindow: 150, pointsPerWindowWithKey: 150, windowSeconds: 60 } },
  });

  it('budgets each forwarded client IP separately when the proxy is trusted', async () => {
    const asClient = (ip: string) => postGraphQL(proxied.server.url, '{ countries { code } }', {}, { 'x-forwarded-for': ip });
    expect((await asClient('203.0.113.7')).headers.get('ratelimit-remaining')).toBe('49'); // 150 − 101
    expect((await asClient('203.0.113.7')).status).toBe(429);
    expect((await asClient('198.51.100.9')).status).toBe(200);
  });
});
