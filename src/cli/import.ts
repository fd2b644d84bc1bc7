import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ImportFileError } from '../services/import/csv/csv-reader.js';
import { IMPORT_FORMATS, type ImportFormat } from '../services/import/formats/index.js';
import { MAPPED_FORMAT_NAME, mappedFormat } from '../services/import/formats/mapped.js';
import { MappingError, readMapping } from '../services/import/formats/mapping.js';
import { DEFAULT_BATCH_SIZE, ObservationImportService, type ImportSummary } from '../services/import/import.service.js';
import { CommandError, UsageError, withDatabase, type Command } from './command.js';

const FORMAT_NAMES = [...IMPORT_FORMATS.keys(), MAPPED_FORMAT_NAME];

const USAGE = `Usage: paygraph import --format <format> [--mapping <mapping.json>] [--source <name>] [--json] [--batch-size <n>] <file>

Loads the salary observations of a CSV file into DATABASE_URL (or the embedded database that
\`npm start\` uses), then recomputes the snapshots of the markets they touch.

  --format <name>    layout of the file: ${FORMAT_NAMES.join(', ')}; ${MAPPED_FORMAT_NAME} is any CSV file,
                     read as its --mapping says
  --mapping <file>   with --format ${MAPPED_FORMAT_NAME}: the JSON file mapping the columns to observation
                     fields (see data/mappings/ai-jobs.json)
  --source <name>    names the source (default <format>:<file name>); a row is identified by
                     source and line, so importing the same source again adds nothing
  --json             print only a JSON summary on stdout
  --batch-size <n>   rows per transaction (default ${DEFAULT_BATCH_SIZE}; the first takes at most 1000)

Exit status: 0 when the file was imported (rejected rows are reported, not fatal),
1 when it could not be (unreadable file, bad mapping, wrong header, database error), 2 for bad usage,
130 when interrupted (Ctrl-C: the batches loaded so far stay, and their snapshots are rebuilt).`;

/** How many rejected rows the human summary lists. */
const LISTED_REJECTIONS = 20;

function printHuman(summary: ImportSummary, heading: string) {
  const number = (value: number) => value.toLocaleString('en-US');
  console.log(heading);
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

/** A progress bar on stderr when it is a terminal. */
function progressBar(): cliProgress.SingleBar | undefined {
  if (!process.stderr.isTTY) return undefined;
  return new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {read} rows | {imported} new, {duplicates} duplicates, {rejected} rejected', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

/** The format `name` names, made from its mapping file for the mapped format. */
async function formatNamed(name: string, mappingFile: string | undefined): Promise<ImportFormat> {
  if (name !== MAPPED_FORMAT_NAME) return IMPORT_FORMATS.get(name)!;
  try {
    return mappedFormat(await readMapping(mappingFile!));
  } catch (error) {
    if (error instanceof MappingError) throw new CommandError(error.message);
    throw error;
  }
}

export const importCommand: Command = {
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        mapping: { type: 'string' },
        source: { type: 'string' },
        json: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('name exactly one file to import');
    if (!values.format) throw new UsageError('--format is required');
    if (!FORMAT_NAMES.includes(values.format)) throw new UsageError(`unknown format "${values.format}" (known: ${FORMAT_NAMES.join(', ')})`);
    if (values.format === MAPPED_FORMAT_NAME && !values.mapping) throw new UsageError(`--format ${MAPPED_FORMAT_NAME} needs --mapping`);
    if (values.format !== MAPPED_FORMAT_NAME && values.mapping) throw new UsageError(`--mapping goes only with --format ${MAPPED_FORMAT_NAME}`);
    const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError('--batch-size must be a positive whole number');

    const file = positionals[0]!;
    await access(file).catch(() => {
      throw new CommandError(`Cannot read ${file}.`);
    });
    const format = await formatNamed(values.format, values.mapping);
    const sourceKey = values.source ?? `${format.name}:${path.basename(file)}`;

    return withDatabase(async (database) => {
      const stopping = new AbortController();
      process.once('SIGINT', () => {
        console.error('\nInterrupted: finishing the batch in progress, then rebuilding the snapshots of what was loaded…');
        stopping.abort();
      });
      const bar = values.json ? undefined : progressBar();
      bar?.start(1, 0, { read: 0, imported: 0, duplicates: 0, rejected: 0 });
      let summary: ImportSummary;
      try {
        const importer = new ObservationImportService(database);
        await importer.syncRoleAliases(format.roleCategory);
        summary = await importer.importFile(file, format, {
          sourceKey,
          roleCategory: format.roleCategory,
          batchSize,
          signal: stopping.signal,
          onProgress: ({ done, ...counts }) => bar?.update(done ?? 0, counts),
        });
        bar?.update(1);
      } catch (error) {
        if (error instanceof ImportFileError) throw new CommandError(`Cannot import ${file}: ${error.message}`);
        throw error;
      } finally {
        bar?.stop();
      }
      if (values.json) console.log(JSON.stringify(summary));
      else printHuman(summary, `${stopping.signal.aborted ? 'Interrupted import' : 'Imported'} ${file} as source "${sourceKey}":`);
      return stopping.signal.aborted ? 130 : 0;
    });
  },
};
