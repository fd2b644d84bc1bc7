import { describe, expect, it } from 'vitest';
import { ApiKeyService, Scope } from '../../src/services/api-key.service.js';
import { RateLimiter } from '../../src/services/rate-limiter.js';
import { contractOperation } from '../support/graphql.js';
import { useSeededServer } from '../support/http-server.js';
import { postGraphQL } from '../support/processes.js';

describe('RateLimiter', () => {
  it('spends points within a window, refuses overspending without charging it, and resets', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    expect(limiter.consume('a', 70, 100)).toEqual({ allowed: true, limit: 100, remaining: 30, resetSeconds: 60 });
    now = 15_000;
    expect(limiter.consume('a', 40, 100)).toEqual({ allowed: false, limit: 100, remaining: 30, resetSeconds: 45 });
    expect(limiter.consume('b', 40, 100).remaining).toBe(60);
    expect(limiter.consume('a', 30, 100)).toMatchObject({ allowed: true, remaining: 0 });
    now = 60_000;
    expect(limiter.consume('a', 40, 100)).toEqual({ allowed: true, limit: 100, remaining: 60, resetSeconds: 60 });
  });
});

const app = useSeededServer({
  serving: { responseCache: 'off', rateLimit: { enabled: true, pointsPerWindow: 1000, pointsPerWindowWithKey: 5000, windowSeconds: 60 } },
});
const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };

describe('rate limiting over HTTP', () => {
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
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost });
    expect(response.body.errors[0].message).toMatch(/Rate limit exceeded: this operation costs \d+ points/);
    expect(response.body.data).toBeUndefined();
  });

  it('budgets a client with a valid API key separately, with the larger budget', async () => {
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE] });
    const response = await postGraphQL(app.server.url, snapshot, variables, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBe('5000');
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
