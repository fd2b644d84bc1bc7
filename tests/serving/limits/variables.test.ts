import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { startServer, type RunningServer } from '../../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let server: RunningServer;
const logLines: Array<{ level: number; msg?: string }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  // Introspection on, so /subgraph (its _Any variables) is open to the test as to a gateway with a key.
  server = await startServer({ database, logger, port: 0, production: true, serving: { introspection: true } });
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

/** Posts a raw JSON body, as a client with a bug might: `variables` exactly as written. */
async function post(url: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

const observation = { id: 'x-1', countryCode: 'CA', jobTitle: 'ML Lead', level: 'SENIOR', year: 2024, currencyCode: 'CAD' };

const CASES = [
  {
    name: 'a required variable sent without variables',
    body: { query: 'query ($c: String!) { country(code: $c) { name } }' },
    variable: 'c',
  },
  {
    name: 'an Int over 32 bits',
    body: { query: 'query ($first: Int!) { country(code: "CA") { roles(first: $first) { totalCount } } }', variables: { first: 2 ** 31 } },
    variable: 'first',
  },
  {
    name: 'an unknown enum value',
    body: { query: 'query ($level: ExperienceLevel!) { marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead", level: $level) { period } }', variables: { level: 'WIZARD' } },
    variable: 'level',
  },
  {
    name: 'a Decimal that is not a number',
    body: {
      query: 'mutation ($input: ImportObservationsInput!) { importObservations(input: $input) { duplicates } }',
      variables: { input: { source: 'survey', observations: [{ ...observation, amount: 'lots' }] } },
    },
    variable: 'input',
  },
  {
    name: 'variables with a "__proto__" key',
    raw: '{"query": "query ($c: String!) { country(code: $c) { name } }", "variables": {"__proto__": {"c": "CA"}}}',
    variable: 'c',
  },
  {
    name: 'a _Any representation that is not an object (/subgraph)',
    endpoint: 'subgraph',
    body: { query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', variables: { representations: [42] } },
    variable: 'representations',
  },
];

describe('a variable that does not fit its type', () => {
  it.each(CASES)('$name: HTTP 400 BAD_USER_INPUT naming the variable, nothing logged as an error', async ({ body, raw, variable, endpoint }) => {
    const url = endpoint ? server.url.replace(/graphql$/, endpoint) : server.url;
    const logged = logLines.length;
    const response = await post(url, raw ?? JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toHaveLength(1);
    const [error] = response.body.errors!;
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [variable] });
    expect(error!.message).toContain(`Variable "$${variable}"`);
    expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at |\.ts:\d|\/work\//);
    expect(logLines.slice(logged).filter((line) => line.level > 30)).toEqual([]);
  });

  it('names every variable that does not fit', async () => {
    const response = await post(server.url, JSON.stringify({ query: 'query ($c: String!, $first: Int!) { country(code: $c) { roles(first: $first) { totalCount } } }', variables: { first: 'ten' } }));
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['c', 'first'] });
  });
});
