import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { npmStart, type NpmStartServer } from '../support/npm-start.js';

let database: TestDatabase;
let server: NpmStartServer;

beforeAll(async () => {
  database = await createTestDatabase();
  // The default mode: two MUST audits query __type, and production turns introspection off.
  server = await npmStart({ DATABASE_URL: database.url, SHUTDOWN_TIMEOUT_MS: '2000' });
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

// The audits ask for the URL when they run, after beforeAll has started the server.
const audits = serverAudits({ url: () => `${server.origin}/graphql` });

describe('GraphQL over HTTP: the graphql-http audits of /graphql, served by `npm start`', () => {
  // A warning is a SHOULD or MAY the server does not follow (Apollo's choices); an error is a MUST it breaks.
  it.each(audits.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status, result.status === 'ok' ? undefined : result.reason).not.toBe('error');
  });
});
