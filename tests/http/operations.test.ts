import { describe, expect, it } from 'vitest';
import { contractOperation } from '../support/graphql.js';
import { startTestServer, useSeededServer } from '../support/http-server.js';
import { postGraphQL } from '../support/processes.js';

const app = useSeededServer();
const base = () => app.server.url.replace(/\/graphql$/, '');

describe('health', () => {
  it('/healthz says the process is up and /readyz that the database is ready', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('/readyz is not ready while a committed migration is missing', async () => {
    const [last] = await app.database.prisma.$queryRaw<Array<{ id: string; migration_name: string }>>`
      SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await app.database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      const response = await fetch(`${base()}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'not ready', reason: `pending migrations: ${last!.migration_name}` });
    } finally {
      await app.database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${last!.id}`;
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
