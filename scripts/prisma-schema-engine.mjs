#!/usr/bin/env node
// Stands in for Prisma's native schema-engine binary, which the CLI downloads from a CDN
// that these machines cannot reach. It speaks the CLI's protocol (JSON-RPC 2.0 over stdio,
// JSON log lines on stderr) and runs the official WASM build of the same engine through
// @prisma/adapter-pg. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);
const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const ENGINE_ERROR_CODE = 4466;

function parseArgs(argv) {
  const datamodels = [];
  let datasource = null;
  let cliCommand = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') datamodels.push(argv[++i]);
    else if (arg === '--datasource') datasource = JSON.parse(argv[++i]);
    else if (arg === 'cli') cliCommand = argv[++i];
    else if (arg.startsWith('--')) i++; // preview features, extension types: not needed here
  }
  return { datamodels, datasource, cliCommand };
}

function logLine(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: 'schema_engine::logger' }) + '\n',
  );
}

/** The catalog's internal `"char"` columns reach the adapter as an unsupported type: read them as text. */
function readInternalCharAsText(queryable) {
  const query = queryable.query.bind(queryable);
  queryable.query = (...args) => {
    const result = query(...args);
    if (!result || typeof result.then !== 'function') return result;
    return result.then((res) => {
      for (const r of Array.isArray(res) ? res : [res]) {
        for (const field of r?.fields ?? []) {
          if (field.dataTypeID === PG_INTERNAL_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
        }
      }
      return res;
    });
  };
}

function createPool(connectionString) {
  const pool = new pg.Pool({ connectionString, max: 4 });
  readInternalCharAsText(pool);
  pool.on('connect', readInternalCharAsText);
  pool.on('error', (error) => logLine('WARN', `Idle connection closed: ${error.message}`));
  return pool;
}

function withDatabase(connectionString, database) {
  const url = new URL(connectionString);
  url.pathname = '/' + encodeURIComponent(database);
  return url.toString();
}

/** Runs a whole migration as one simple-protocol query instead of splitting it on every `;`. */
function runScriptsWhole(adapter, pool) {
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  return adapter;
}

function adapterFactoryFor(url) {
  const { provider, adapterName } = new PrismaPg({ connectionString: url });
  return {
    provider,
    adapterName,
    async connect() {
      const pool = createPool(url);
      return runScriptsWhole(await new PrismaPg(pool, { disposeExternalPool: true }).connect(), pool);
    },
    // adapter-pg opens the shadow database with {connectionString, database}, where pg lets the
    // connection string win: the shadow replay would land in the main database.
    async connectToShadowDb() {
      const adminPool = createPool(url);
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await adminPool.query(`CREATE DATABASE "${database}"`);
      const shadowPool = createPool(withDatabase(url, database));
      const adapter = runScriptsWhole(await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect(), shadowPool);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminPool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await adminPool.end();
      };
      return adapter;
    },
  };
}

async function loadWasmEngine() {
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(bgPath);
  const bytes = await readFile(bgPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg.SchemaEngine;
}

async function runOneShot(command, url) {
  const database = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  logLine('INFO', `Running ${command}`);
  try {
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (command === 'can-connect-to-database') {
      if (!rowCount) throw Object.assign(new Error(`Database \`${database}\` does not exist`), { code: 'P1003' });
    } else if (command === 'create-database') {
      if (!rowCount) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } else if (command === 'drop-database') {
      await admin.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
    } else {
      throw new Error(`Unsupported command: ${command}`);
    }
    return 0;
  } catch (error) {
    logLine('ERROR', error.message, { error_code: error.code?.startsWith?.('P') ? error.code : 'P1001' });
    return 1;
  } finally {
    await admin.end().catch(() => {});
  }
}

async function serve({ datamodels, datasource }) {
  const SchemaEngine = await loadWasmEngine();
  const models = await Promise.all(datamodels.map(async (file) => [file, await readFile(file, 'utf8')]));
  const engine = await SchemaEngine.new(
    { datamodels: models.length ? models : undefined },
    (line) => process.stderr.write(line + '\n'),
    bindMigrationAwareSqlAdapterFactory(adapterFactoryFor(datasource.url)),
  );

  let nextRequestId = 1_000_000;
  const pendingPrints = new Map();
  const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
  const printThroughCli = (content) =>
    new Promise((resolve) => {
      const id = nextRequestId++;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  const handle = async (request) => {
    const method = request.method === 'getDatabaseVersion' ? 'version' : request.method;
    try {
      if (typeof engine[method] !== 'function') throw new Error(`Unknown method ${request.method}`);
      let result = await engine[method](request.params ?? {});
      if (method === 'diff') {
        if (result.stdout) await printThroughCli(result.stdout);
        result = { exitCode: result.exitCode };
      }
      send({ jsonrpc: '2.0', id: request.id, result: result ?? null });
    } catch (error) {
      const message = error?.message ?? String(error);
      send({
        jsonrpc: '2.0',
        id: request.id,
        error: { code: ENGINE_ERROR_CODE, message, data: { is_panic: false, message, error_code: error?.code ?? null } },
      });
    }
  };

  const inFlight = new Set();
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.method === undefined && pendingPrints.has(message.id)) {
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
      continue;
    }
    const task = handle(message).finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
}

const args = parseArgs(process.argv.slice(2));
if (args.cliCommand) {
  process.exit(await runOneShot(args.cliCommand, args.datasource.url));
} else {
  await serve(args);
  process.exit(0);
}
