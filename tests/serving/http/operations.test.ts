import { describe, expect, it, vi } from 'vitest';
import { connectDatabase } from '../../../src/db/client.js';
import { PersistedOperations } from '../../../src/serving/persisted-operations/operation-registry.js';
import { createLogger } from '../../../src/logger.js';
import { startServer } from '../../../src/server/http-server.js';
import { contractOperation } from '../../support/graphql.js';
import { startTestServer, useSeededServer } from '../../support/http-server.js';
import { freePort, postGraphQL } from '../../support/processes.js';

const app = useSeededServer();
const base = () => app.server.url.replace(/\/graphql$/, '');

describe('health', () => {
  const readyz = async (server = app.server) => {
    const response = await fetch(server.url.replace(/graphql$/, 'readyz'));
    return { status: response.status, text: await response.text() };
  };
  /** The readiness answer once the one cached before this test has expired. */
  const freshReadyz = async (server = app.server) => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    return readyz(server);
  };

  it('/healthz says the process is up and /readyz that the database is ready', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready' });
  });

  it('/readyz is not ready while a committed migration is missing, and says so without naming it', async () => {
    const [last] = await app.database.prisma.$queryRaw<Array<{ id: string; migration_name: string }>>`
      SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await app.database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      const response = await freshReadyz();
      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual({ status: 'not ready', reason: 'migrations_pending' });
    } finally {
      await app.database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
  });

  it('/readyz checks the database once a second however often it is asked', async () => {
    const query = vi.spyOn(app.database.pool, 'query');
    try {
      expect((await freshReadyz()).status).toBe(200);
      const checkStatements = query.mock.calls.length;
      expect(checkStatements).toBeGreaterThan(0);
      const answers = await Promise.all(Array.from({ length: 20 }, () => readyz()));
      for (let i = 0; i < 20; i++) answers.push(await readyz());
      expect(answers.every(({ status }) => status === 200)).toBe(true);
      expect(query).toHaveBeenCalledTimes(checkStatements);
      await freshReadyz();
      expect(query).toHaveBeenCalledTimes(2 * checkStatements);
    } finally {
      query.mockRestore();
    }
  });

  it('/readyz names no address when the database cannot be reached', async () => {
    const unreachable = connectDatabase(`postgresql://paygraph:secret@127.0.0.1:${await freePort()}/paygraph`);
    const server = await startServer({ database: unreachable, logger: createLogger('silent'), port: 0, production: true, serving: { responseCache: 'off' } });
    try {
      const response = await readyz(server);
      expect(response.status).toBe(503);
      expect(JSON.parse(response.text)).toEqual({ status: 'not ready', reason: 'database_unreachable' });
    } finally {
      await server.close();
      await unreachable.close();
    }
  });
});

describe('/metrics', () => {
  it('reports requests and latency by operation, SQL statements, pool use and cache hits', async () => {
    for (let i = 0; i < 3; i++) await postGraphQL(app.server.url, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/^paygraph_graphql_requests_total\{operation="Snapshot",outcome="ok"\} 3$/m);
    expect(text).toMatch(/^paygraph_graphql_request_duration_seconds_count\{operation="Snapshot"\} 3$/m);
    // the first Snapshot misses the response cache, the next two hit it
    expect(text).toMatch(/^paygraph_response_cache_lookups_total\{result="hit"\} 2$/m);
    expect(text).toMatch(/^paygraph_response_cache_lookups_total\{result="miss"\} 1$/m);
    const statements = Number(/^paygraph_sql_statements_total (\d+)$/m.exec(text)?.[1]);
    expect(statements).toBeGreaterThan(0);
    expect(text).toMatch(/^paygraph_db_pool_connections\{state="idle"\} \d+$/m);
  });

  it('labels operations by registered name only: huge or ever-new names all count as "other"', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `Op${i}_${'x'.repeat(200_000)}`);
    for (const name of names) expect((await postGraphQL(app.server.url, `query ${name} { countries { code } }`)).status).toBe(200);
    // Asked again, it is answered by the response cache, which counts it too.
    const again = await fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `query ${names[0]} { countries { code } }` }) });
    expect(again.headers.get('age')).not.toBeNull();
    const text = await (await fetch(`${base()}/metrics`)).text();
    // Before, each name was a series of its own: /metrics grew by 15 copies of every name.
    expect(text.length).toBeLessThan(100_000);
    const registered = PersistedOperations.load().names;
    const labels = new Set([...text.matchAll(/operation="([^"]*)"/g)].map((match) => match[1]!));
    expect([...labels].filter((label) => label !== 'other' && label !== 'anonymous' && !registered.has(label))).toEqual([]);
    expect(labels).toContain('Snapshot');
    expect(text).toMatch(/^paygraph_graphql_requests_total\{operation="other",outcome="ok"\} 41$/m);
    expect(text).toMatch(/^paygraph_graphql_request_duration_seconds_count\{operation="other"\} 41$/m);
  });
});

describe('structured logs', () => {
  it('are JSON lines with the request id', async () => {
    const { Writable } = await import('node:stream');
    const { pino } = await import('pino');
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(chunk.toString()); done(); } });
    const logged = await startTestServer(app.database, { logger: pino({ level: 'info' }, sink) });
    try {
      await postGraphQL(logged.url, '{ countries { code } }', {}, { 'x-request-id': 'log-me-1' });
      const entry = lines.map((line) => JSON.parse(line)).find((record) => record.requestId === 'log-me-1');
      expect(entry).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200 });
      expect(entry.durationMs).toBeGreaterThan(0);
    } finally {
      await logged.close();
    }
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by its SHA-256 hash and then runs it from the hash alone', async () => {
    const { createHash } = await import('node:crypto');
    const query = '{ country(code: "CA") { name currencyCode } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const post = (body: object) =>
      fetch(app.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json());
    expect((await post({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data).toEqual({ country: { name: 'Canada', currencyCode: 'CAD' } });
    expect((await post({ extensions })).data).toEqual({ country: { name: 'Canada', currencyCode: 'CAD' } });
  });
});
