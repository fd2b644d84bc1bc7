/**
 * PostGraphile 4 over the benchmark database, the baseline the harness compares paygraph with.
 * Run as a child process: `node --import tsx bench/postgraphile-server.ts` with DATABASE_URL.
 * Prints "PostGraphile  http://localhost:<port>/graphql" when it is ready. GET /statements
 * answers the number of SQL statements its pool has sent, so the harness can divide by requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadPg, loadPostGraphile } from './bench-deps.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');

const pg = loadPg();
// The same pool size as paygraph's (src/db/client.ts), so neither gets more connections.
const pool = new pg.Pool({ connectionString: url, max: 10 });
let statements = 0;
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements++;
    return query(...args);
  };
});

const handler = loadPostGraphile()(pool, 'public', {
  graphqlRoute: '/graphql',
  graphiql: false,
  watchPg: false,
  dynamicJson: true,
  disableDefaultMutations: true,
  disableQueryLog: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  retryOnInitFail: false,
  enableQueryBatching: false,
  legacyRelations: 'omit',
});

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/statements') {
    response.setHeader('content-type', 'text/plain');
    response.end(String(statements));
    return;
  }
  handler(request, response);
});

// Introspect before announcing the URL, so no measured request waits for the schema.
await handler.getGraphQLSchema();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`PostGraphile  http://127.0.0.1:${port}/graphql`);
});

async function shutdown() {
  server.close();
  await handler.release();
  await pool.end();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
