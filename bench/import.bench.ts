/**
 * Import benchmark: `npm run bench:import [-- --rows 1000000]`.
 *
 * Generates a synthetic ai-jobs file (streamed to a temp file), then on a scratch database of
 * the same PostgreSQL server (DATABASE_URL's, else the embedded one `npm start` uses) measures:
 * - PostgreSQL's own COPY of the file into a bare table (psql \copy, streamed from the client
 *   like our import): the physical limit on this machine; and COPY of the same rows, already in
 *   observation's layout, into a table with observation's indexes (what the schema itself costs);
 * - our import of the same file (read, validate, load in batches; then rebuild its snapshots);
 * - the bare grouped query (n, mean, P10–P90 per market and level, materialised into a temp
 *   table) next to our rebuild of all snapshots from the same observations;
 * - the same rows imported again through the mapped csv format (data/mappings/ai-jobs.json) next
 *   to the ai-jobs format, each into an emptied observation table, alternated, best of two
 *   (target: mapped ≤ 1.5× ai-jobs);
 * and the peak resident memory of this process while importing. The scratch database is dropped.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, projectRoot } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { deployMigrations } from '../src/db/migrations.js';
import { openDatabase } from '../src/db/open.js';
import { createLogger } from '../src/logger.js';
import { aiJobsFormat } from '../src/services/import/formats/ai-jobs.js';
import type { ImportFormat } from '../src/services/import/formats/index.js';
import { mappedFormat } from '../src/services/import/formats/mapped.js';
import { readMapping } from '../src/services/import/formats/mapping.js';
import { ObservationImportService } from '../src/services/import/import.service.js';
import { rebuildStaleSnapshots } from '../src/services/snapshots/snapshot-rebuild.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const ROWS = Number(values.rows);

/** Writes `rows` synthetic observations to `file` in a process of its own (see synthetic-observations.ts). */
function generateFile(file: string, rows: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('synthetic-observations.ts', import.meta.url));
    const child = spawn(process.execPath, [...process.execArgv, script, file, String(rows)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generating the file failed (exit ${code})`))));
  });
}

function psql(url: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', command], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql failed (exit ${code}): ${command}`))));
  });
}

/**
 * Times `work`, which starts after a checkpoint: every step then begins with the server's dirty
 * pages and WAL of the steps before written out, and none pays for another's checkpoint.
 */
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  await admin.query('CHECKPOINT');
  const start = performance.now();
  const result = await work();
  return [(performance.now() - start) / 1000, result];
}

const logger = createLogger('warn');
const config = loadConfig();
// Only the server matters: the benchmark works in a scratch database of its own on it.
const server = config.databaseUrl ? { url: config.databaseUrl, close: async () => {} } : await openDatabase(config, logger);
const scratchName = `paygraph_bench_${randomBytes(4).toString('hex')}`;
const scratchUrl = new URL(server.url);
scratchUrl.pathname = `/${scratchName}`;
const directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-bench-'));
const file = path.join(directory, 'observations.csv');
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratchName}`);
try {
  console.error(`Generating ${ROWS.toLocaleString('en-US')} synthetic observations…`);
  await generateFile(file, ROWS);
  const { size } = await stat(file);
  console.error(`  ${(size / 2 ** 20).toFixed(1)} MiB in ${file}`);
  await deployMigrations(scratchUrl.toString());
  const database = connectDatabase(scratchUrl.toString());
  try {
    await database.pool.query(`CREATE TABLE bare_observation (work_year int, experience_level text, employment_type text, job_title text, salary numeric,
      salary_currency text, salary_in_usd numeric, employee_residence text, remote_ratio int, company_location text, company_size text)`);
    console.error('COPY into a bare table…');
    const [copySeconds] = await timed(() => psql(scratchUrl.toString(), `\\copy bare_observation FROM '${file}' WITH (FORMAT csv, HEADER true)`));
    // The same rows in observation's own layout, COPYed into a table with observation's indexes:
    // what PostgreSQL needs for this schema before any reading, checking or mapping.
    const observationLayout = path.join(directory, 'observation-layout.tsv');
    await psql(
      scratchUrl.toString(),
      `\\copy (SELECT 1, 1 + row_number() OVER (), NULL, 1, 1, 'MID', work_year, job_title, employment_type, salary_in_usd, 'USD', salary, salary_currency, remote_ratio, company_location, company_size FROM bare_observation) TO '${observationLayout}'`,
    );
    await database.pool.query('CREATE TABLE indexed_observation (LIKE observation INCLUDING ALL)');
    const [indexedCopySeconds] = await timed(() =>
      psql(
        scratchUrl.toString(),
        `\\copy indexed_observation (source_id, row_number, row_key, country_id, role_id, level, period, job_title, employment_type, amount, currency_code, original_amount, original_currency, remote_ratio, company_location, company_size) FROM '${observationLayout}'`,
      ),
    );
    await database.pool.query('DROP TABLE indexed_observation');

    console.error('Our import…');
    let peakRss = process.memoryUsage.rss();
    const rssBefore = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const importer = new ObservationImportService(database);
    await importer.syncRoleAliases(aiJobsFormat.roleCategory);
    /** Imports the file in `format`: the seconds of the whole import, and of its reading, checking and loading. */
    const measureImport = async (format: ImportFormat, sourceKey: string) => {
      let loadedAt = 0;
      const [importSeconds, summary] = await timed(() => importer.importFile(file, format, { sourceKey, roleCategory: format.roleCategory, onProgress: () => (loadedAt = performance.now()) }));
      if (summary.imported !== ROWS) throw new Error(`imported ${summary.imported} of ${ROWS} rows: ${JSON.stringify(summary.rejections.slice(0, 3))}`);
      // Loading ends with the last batch's progress report; the rebuild follows.
      return { importSeconds, loadSeconds: importSeconds - (performance.now() - loadedAt) / 1000 };
    };
    const { importSeconds, loadSeconds } = await measureImport(aiJobsFormat, 'bench:observations.csv');
    clearInterval(sampler);

    console.error('Bare grouped query and a rebuild of every snapshot…');
    await database.pool.query('VACUUM ANALYZE observation');
    const [bareSeconds] = await timed(() =>
      database.pool.query(`CREATE TEMP TABLE bare_stats AS
        SELECT country_id, role_id, period, level, count(*) AS n, avg(amount) AS mean,
               percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY amount) AS p
        FROM observation GROUP BY GROUPING SETS ((country_id, role_id, period, level), (country_id, role_id, period))`),
    );
    await database.pool.query('INSERT INTO stale_market SELECT DISTINCT country_id, role_id, period FROM observation ON CONFLICT DO NOTHING');
    const client = await database.pool.connect();
    const [rebuildSeconds, rebuild] = await timed(() => rebuildStaleSnapshots(client)).finally(() => client.release());

    console.error('The ai-jobs and mapped formats on the same rows, each into an emptied observation table, best of two…');
    const mapped = mappedFormat(await readMapping(path.join(projectRoot, 'data', 'mappings', 'ai-jobs.json')));
    const formats: [string, ImportFormat][] = [['--format ai-jobs', aiJobsFormat], ['--format csv --mapping data/mappings/ai-jobs.json', mapped]];
    const byFormat = formats.map(([name]) => ({ name, loadSeconds: Infinity, importSeconds: Infinity }));
    // Alternated, best of two: neither format gets the warmer process or the quieter minute.
    for (let round = 0; round < 2; round++) {
      for (const [index, [, format]] of formats.entries()) {
        await database.pool.query('TRUNCATE observation, stale_market, market_source');
        const { loadSeconds: load, importSeconds: whole } = await measureImport(format, 'bench:formats.csv');
        byFormat[index] = { ...byFormat[index]!, loadSeconds: Math.min(byFormat[index]!.loadSeconds, load), importSeconds: Math.min(byFormat[index]!.importSeconds, whole) };
      }
    }

    const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s`;
    const rows = [
      ['COPY into a bare table (psql \\copy)', copySeconds, rate(copySeconds), ''],
      ["COPY into a table with observation's indexes", indexedCopySeconds, rate(indexedCopySeconds), `${(indexedCopySeconds / copySeconds).toFixed(2)}× COPY`],
      ['import: read, validate, load', loadSeconds, rate(loadSeconds), `${(loadSeconds / copySeconds).toFixed(2)}× COPY (${(loadSeconds / indexedCopySeconds).toFixed(2)}× indexed COPY)`],
      ['import: whole command incl. its rebuild', importSeconds, rate(importSeconds), `${(importSeconds / copySeconds).toFixed(2)}× COPY`],
      ['bare grouped query (GROUPING SETS, percentile_cont)', bareSeconds, '', ''],
      [`rebuild of all ${rebuild.snapshots.toLocaleString('en-US')} snapshots`, rebuildSeconds, '', `${(rebuildSeconds / bareSeconds).toFixed(2)}× bare query`],
    ] as const;
    console.log(`\n${ROWS.toLocaleString('en-US')} observations, ${rebuild.markets.toLocaleString('en-US')} markets, PostgreSQL ${(await database.pool.query('SHOW server_version')).rows[0].server_version}, ${os.cpus().length} cores\n`);
    console.log('| step | seconds | throughput | ratio |\n| --- | ---: | ---: | ---: |');
    for (const [step, seconds, throughput, ratio] of rows) console.log(`| ${step} | ${seconds.toFixed(2)} | ${throughput} | ${ratio} |`);
    console.log('\n| format, same rows (best of two) | read, validate, load (s) | whole import (s) | ratio to ai-jobs (load) |\n| --- | ---: | ---: | ---: |');
    for (const { name, loadSeconds: load, importSeconds: whole } of byFormat) {
      console.log(`| ${name} | ${load.toFixed(2)} | ${whole.toFixed(2)} | ${(load / byFormat[0]!.loadSeconds).toFixed(2)}× |`);
    }
    console.log(`\nResident memory: ${(rssBefore / 2 ** 20).toFixed(0)} MiB before the import, ${(peakRss / 2 ** 20).toFixed(0)} MiB at its peak (file: ${(size / 2 ** 20).toFixed(0)} MiB).`);
  } finally {
    await database.close();
  }
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
  await admin.end();
  await server.close();
  await rm(directory, { recursive: true, force: true });
}
