/**
 * PostGraphile 4 over the benchmark database, one of the servers the harness compares paygraph with.
 * Run as a child process, compiled (`compileServerScript`): `node bench/postgraphile-server.built.mjs` with DATABASE_URL.
 * Prints "PostGraphile  http://127.0.0.1:<port>/graphql" when it is ready; GET /statements
 * answers the number of SQL statements its pool has sent.
 */
import { loadPg, loadPostGraphile } from './bench-deps.js';
import { countingPool, serveCounted } from './postgraphile-pool.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');

const { pool, statements } = countingPool(loadPg(), url);
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

// Introspect before announcing the URL, so no measured request waits for the schema.
await handler.getGraphQLSchema();
serveCounted('PostGraphile', statements, handler, async () => {
  await handler.release();
  await pool.end();
});
