import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startTestServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

let database: TestDatabase;
let production: RunningServer;
let development: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  production = await startTestServer(database, { production: true });
  development = await startTestServer(database, { production: false });
});
afterAll(async () => {
  await production.close();
  await development.close();
  await database.drop();
});

describe('error masking', () => {
  it('hides an unexpected failure (SQL, stack, paths) behind INTERNAL_SERVER_ERROR with the request id', async () => {
    // A broken row the code does not expect: a premium tier whose minimum exceeds its maximum.
    await database.prisma.premiumTier.create({ data: { tier: 'BROKEN', label: 'Broken', category: '', minPercent: '90', maxPercent: '10' } });
    try {
      const { status, headers, body } = await postGraphQL(production.url, '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { premiumBrackets { tier } } }', {}, { 'x-request-id': 'trace-123' });
      expect(status).toBe(200);
      expect(headers.get('x-request-id')).toBe('trace-123');
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toEqual({
        message: 'Internal server error',
        locations: [{ line: 1, column: 74 }],
        path: ['marketSnapshot', 'premiumBrackets'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-123' },
      });
      expect(JSON.stringify(body)).not.toMatch(/RangeError|at |\/work|\.ts|SELECT/);
    } finally {
      await database.prisma.premiumTier.deleteMany({ where: { tier: 'BROKEN' } });
    }
  });

  it('gives each request an id of its own when the client sends none (or an unsafe one)', async () => {
    const first = await postGraphQL(production.url, '{ countries { code } }');
    const second = await postGraphQL(production.url, '{ countries { code } }', {}, { 'x-request-id': 'bad id; with spaces' });
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('keeps known errors as they are, with their stable code', async () => {
    const { body } = await postGraphQL(production.url, '{ marketSnapshot(countryCode: "ZZ", roleSlug: "x") { period } }');
    expect(body.errors[0]).toMatchObject({ message: 'No country with code "ZZ"', extensions: { code: 'NOT_FOUND' } });
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('refuses a subscription over HTTP as an invalid operation (HTTP 400), naming where subscriptions are served', async () => {
    for (const server of [production, development]) {
      const { status, body } = await postGraphQL(server.url, 'subscription { marketUpdated(countryCode: "CA", roleSlug: "machine-learning-lead") { period } }');
      expect(status).toBe(400);
      expect(body).toEqual({
        errors: [
          {
            message: 'Send subscription operations over WebSocket (the graphql-transport-ws protocol of graphql-ws) to this same path /graphql',
            locations: [{ line: 1, column: 1 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
    }
  });
});

describe('introspection and suggestions', () => {
  it('are off in production', async () => {
    const introspection = await postGraphQL(production.url, '{ __schema { queryType { name } } }');
    expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await postGraphQL(production.url, '{ countrys { code } }');
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
  });

  it('are on in development', async () => {
    const introspection = await postGraphQL(development.url, '{ __schema { queryType { name } } }');
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');
    const typo = await postGraphQL(development.url, '{ countrys { code } }');
    expect(typo.body.errors[0].message).toMatch(/Did you mean .*"countries"/);
  });
});
