import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { openDatabase, PendingMigrationsError } from '../db/open.js';
import { ImportFileError } from '../services/import/csv-reader.js';
import { IMPORT_FORMATS } from '../services/import/formats/index.js';
import { DEFAULT_BATCH_SIZE, ObservationImportService, type ImportSummary } from '../services/import/import.service.js';

const USAGE = `Usage: npm run import -- --format <format> [--source <name>] [--json] <file>

Loads the salary observations of a CSV file into DATABASE_URL (or the embedded database that
\`npm start\` uses), then recomputes the snapshots of the markets they touch.

  --format <name>    layout of the file: ${[...IMPORT_FORMATS.keys()].join(', ')}
  --source <name>    names the source (default <format>:<file name>); a row is identified by
                     source and line, so importing the same source again adds nothing
  --json             print only a JSON summary on stdout
  --batch-size <n>   rows per transaction (default ${DEFAULT_BATCH_SIZE}; the first takes at most 1000)

Exit status: 0 when the file was imported (rejected rows are reported, not fatal),
1 when it could not be (unreadable file, wrong header, database error), 2 for bad usage,
130 when interrupted (Ctrl-C: the batches loaded so far stay, and their snapshots are rebuilt).`;

/** How many rejected rows the human summary lists. */
const LISTED_REJECTIONS = 20;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    source: { type: 'string' },
    json: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) usageError('Name exactly one file to import.');
if (!values.format) usageError('--format is required.');
const format = IMPORT_FORMATS.get(values.format);
if (!format) usageError(`Unknown format "${values.format}".`);
const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);
if (!Number.isInteger(batchSize) || batchSize < 1) usageError('--batch-size must be a positive whole number.');

const file = positionals[0]!;
try {
  await access(file);
} catch {
  console.error(`Cannot read ${file}.`);
  process.exit(1);
}
const sourceKey = values.source ?? `${format.name}:${path.basename(file)}`;

// Logs go to stderr so that stdout holds nothing but the summary.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'paygraph' } }, pino.destination(2));
const stopping = new AbortController();
process.once('SIGINT', () => {
  console.error('\nInterrupted: finishing the batch in progress, then rebuilding the snapshots of what was loaded…');
  stopping.abort();
});

function printHuman(summary: ImportSummary, interrupted: boolean) {
  const number = (value: number) => value.toLocaleString('en-US');
  console.log(`${interrupted ? 'Interrupted import' : 'Imported'} ${file} as source "${sourceKey}":`);
  console.log(`  read        ${number(summary.read)} rows`);
  console.log(`  imported    ${number(summary.imported)}`);
  console.log(`  duplicates  ${number(summary.duplicates)} (already loaded from this source)`);
  console.log(`  rejected    ${number(summary.rejected)}`);
  console.log(`  snapshots   ${number(summary.snapshots)} recomputed`);
  if (summary.rejected) {
    console.log('\nRejected rows:');
    for (const rejection of summary.rejections.slice(0, LISTED_REJECTIONS)) console.log(`  line ${rejection.row}: ${rejection.field}: ${rejection.reason}`);
    if (summary.rejected > LISTED_REJECTIONS) console.log(`  … and ${number(summary.rejected - LISTED_REJECTIONS)} more (--json lists up to ${summary.rejections.length})`);
  }
}

let database;
try {
  database = await openDatabase(loadConfig(), logger);
} catch (error) {
  console.error(error instanceof PendingMigrationsError ? error.message : `Cannot open the database: ${(error as Error).message}`);
  process.exit(1);
}

const bar = !values.json && process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {read} rows | {imported} new, {duplicates} duplicates, {rejected} rejected', hideCursor: true },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
try {
  bar?.start(1, 0, { read: 0, imported: 0, duplicates: 0, rejected: 0 });
  const importer = new ObservationImportService(database);
  await importer.syncRoleAliases(format.roleCategory);
  const summary = await importer.importFile(file, format, {
    sourceKey,
    roleCategory: format.roleCategory,
    batchSize,
    signal: stopping.signal,
    onProgress: ({ done, ...counts }) => bar?.update(done ?? 0, counts),
  });
  bar?.update(1);
  bar?.stop();
  if (values.json) console.log(JSON.stringify(summary));
  else printHuman(summary, stopping.signal.aborted);
  if (stopping.signal.aborted) process.exitCode = 130;
} catch (error) {
  bar?.stop();
  console.error(error instanceof ImportFileError ? `Cannot import ${file}: ${error.message}` : `Import failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
