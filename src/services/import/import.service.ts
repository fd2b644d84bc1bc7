import { stat } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { boundedText } from '../../lib/bounded-text.js';
import type { DatabaseHandle } from '../../db/client.js';
import { isFileRecords, readCsvFile, type FileRecords } from './csv/csv-file.js';
import { rowOfRecord, type SourceRow } from './csv/csv-reader.js';
import type { ImportFormat } from './formats/index.js';
import { isRejected, rowKeyProblem, validateObservation, withReadProblems, type FieldProblem, type ObservationField, type ObservationFields } from './observation.js';
import { ObservationBatch } from './loader/observation-batch.js';
import { ObservationLoader, withSourceLock } from './loader/observation-loader.js';
import { readRoleAliasFile, syncRoleAliases } from './roles.js';
import { rebuildStaleSnapshots } from '../snapshots/snapshot-rebuild.js';
import { VerbatimRecords } from './csv/verbatim-records.js';

/** A row that was not loaded, and why. */
export interface Rejection {
  /** The row's key in its source; for a file, its line (even where a column keys its rows). */
  row: string;
  /** The field at fault, in the source's naming (a CSV column, an input field). */
  field: string;
  reason: string;
}

export interface ImportSummary {
  /** Data rows read (the header is not one). */
  read: number;
  /** Rows loaded by this import. */
  imported: number;
  /** Valid rows that an earlier import of the same source had loaded already. */
  duplicates: number;
  rejected: number;
  /** Snapshots recomputed from the loaded observations. */
  snapshots: number;
  /** The problems of the rejected rows, in source order, the first `maxRejections` of them: a row with several problems has an entry for each. */
  rejections: Rejection[];
}

export interface ImportProgress {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** For a file: the share of the work done, from 0 to 1. */
  done?: number;
}

export interface ImportOptions {
  /** Names the source; with each row's key it identifies an observation, so a re-import adds nothing. */
  sourceKey: string;
  /** Category of roles created for new job titles. */
  roleCategory: string;
  /** How a field is called in this source, for rejection reasons. */
  fieldName?: (field: ObservationField) => string;
  /** Rows per transaction (the first transaction takes at most 1,000). */
  batchSize?: number;
  /** How many problems of rejected rows the summary lists (all rows are counted). */
  maxRejections?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops reading; the batches already committed stay, and their snapshots are rebuilt. */
  signal?: AbortSignal;
}

/** An observation sent by a client: its fields and an id that is unique within its source. */
export type ObservationRecord = ObservationFields & { id: string };

export interface BatchRejection {
  /** Position of the observation in the batch. */
  index: number;
  field: ObservationField | 'id';
  reason: string;
}

export type BatchImportSummary = Omit<ImportSummary, 'rejections'> & { rejections: BatchRejection[] };

export const DEFAULT_BATCH_SIZE = 50_000;
const FIRST_BATCH_SIZE = 1000;
const DEFAULT_MAX_REJECTIONS = 1000;
/** The longest reason a summary lists: whatever a check quotes of its row, a reason stays a line. */
const MAX_REASON_LENGTH = 500;
/** What is wrong with an observation id sent by a client, if anything. */
function idProblems(id: string): FieldProblem[] {
  const reason = rowKeyProblem(id.trim());
  return reason ? [{ field: 'id', reason }] : [];
}

/**
 * Imports salary observations from any source (a file reader, an API batch): validates every
 * row, loads the valid ones in batches of their own transaction, then rebuilds the snapshots of
 * the markets they changed.
 */
export class ObservationImportService {
  constructor(private readonly database: Pick<DatabaseHandle, 'prisma' | 'pool'>) {}

  /** Loads the committed role alias file into role_alias (see roles.ts); roles it names are created with `roleCategory`. */
  async syncRoleAliases(roleCategory: string, file?: string): Promise<void> {
    await syncRoleAliases(this.database.prisma, await readRoleAliasFile(file), roleCategory);
  }

  /**
   * Imports a batch of observations sent by a client (the API), with the same checks and the
   * same identity rule as a file: `source` plus each observation's id. An id the source has
   * already loaded, or that comes twice in the batch, counts as a duplicate.
   * @returns the counts and, for each problem of a rejected observation, its position, field and reason.
   */
  async importBatch(batch: { source: string; roleCategory: string; observations: readonly ObservationRecord[] }): Promise<BatchImportSummary> {
    const rejections: BatchRejection[] = [];
    const rows: SourceRow[] = [];
    let rejected = 0;
    batch.observations.forEach(({ id, ...fields }, index) => {
      const result = validateObservation(fields);
      const problems = [...idProblems(id), ...(isRejected(result) ? result : [])];
      if (!problems.length) {
        rows.push({ rowKey: id.trim(), fields });
        return;
      }
      rejected++;
      for (const { field, reason } of problems) rejections.push({ index, field: field as BatchRejection['field'], reason });
    });
    const summary = await this.importRows([rows], { sourceKey: batch.source, roleCategory: batch.roleCategory });
    return { ...summary, read: batch.observations.length, rejected, rejections };
  }

  /**
   * Imports `rows`, which arrive in chunks of any size. While one batch is being written the
   * next is being read and checked. A batch is all or nothing: if the process dies, the
   * database holds exactly the batches committed before, and the markets they changed stay
   * marked stale until the next rebuild (any import's).
   * @returns the counts, with the rejected rows and their reasons.
   * @throws whatever stops the import as a whole (an unreadable file, the database failing);
   * rows never do.
   */
  async importRows(rows: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>, options: ImportOptions): Promise<ImportSummary> {
    // Two imports of one source run one after the other (the second finds the first's rows).
    return this.importLocked(options, (loader, summary) => this.loadRows(loader, rows, options, summary));
  }

  /**
   * Imports a CSV file in `format`, as importRows does with readCsvRows, with the same results.
   * Lines that are one record each are split here, and a record made only of values taken as
   * written goes straight into its batch (see verbatim-records.ts); from a line that is not one
   * record (a quoted line break, a stray quote), csv-parse reads the rest. Progress reports the share read.
   * @throws ImportFileError for a file without the format's columns; whatever else stops the import as a whole.
   */
  async importFile(file: string, format: ImportFormat, options: Omit<ImportOptions, 'fieldName'>): Promise<ImportSummary> {
    const { size } = await stat(file);
    let bytes = 0;
    const records = readCsvFile(file, format, (read) => (bytes = read));
    const fileOptions: ImportOptions = {
      ...options,
      fieldName: (field) => format.columnOf(field),
      onProgress: (progress) => options.onProgress?.({ ...progress, done: size ? bytes / size : 1 }),
    };
    return this.importLocked(options, (loader, summary) => this.loadRows(loader, records, fileOptions, summary));
  }

  /**
   * Runs `load` holding the source's lock, with a prepared loader and a fresh summary, then
   * rebuilds the snapshots the loaded rows made stale.
   */
  private importLocked(
    options: Pick<ImportOptions, 'sourceKey' | 'roleCategory'>,
    load: (loader: ObservationLoader, summary: ImportSummary) => Promise<void>,
  ): Promise<ImportSummary> {
    return withSourceLock(this.database.pool, options.sourceKey, async (client) => {
      const loader = new ObservationLoader(client, options.roleCategory);
      await loader.prepare(options.sourceKey);
      const summary = emptySummary();
      await load(loader, summary);
      summary.snapshots = (await rebuildStaleSnapshots(client)).snapshots;
      return summary;
    });
  }

  /** Checks `rows` and loads the valid ones in batches, adding to `summary` as batches commit. */
  private async loadRows(
    loader: ObservationLoader,
    rows: AsyncIterable<readonly SourceRow[] | FileRecords> | Iterable<readonly SourceRow[]>,
    options: ImportOptions,
    summary: ImportSummary,
  ): Promise<void> {
    const { sourceKey, fieldName, batchSize = DEFAULT_BATCH_SIZE, maxRejections = DEFAULT_MAX_REJECTIONS } = options;
    const progress = () => options.onProgress?.(counts(summary));
    let batch = new ObservationBatch();
    // The first batch is small: it creates the roles and countries met so far, and reading waits
    // for it. Until a batch that creates them commits, rows naming them wait in their batch, as
    // objects, to be written last (rows read meanwhile would all be such rows).
    let limit = Math.min(batchSize, FIRST_BATCH_SIZE);
    let pending: Promise<void> | undefined;
    /** The batch being loaded: once its load is over, the next batch reuses its bytes. */
    let loading: ObservationBatch | undefined;
    /** Loads the batch being filled; `last` when no row follows. */
    const dispatch = async (last = false) => {
      const full = batch;
      const first = !loading;
      limit = batchSize;
      await pending;
      batch = loading?.emptied() ?? new ObservationBatch();
      loading = full;
      pending = loader.load(sourceKey, full, last ? undefined : batch).then((inserted) => {
        summary.imported += inserted;
        summary.duplicates += full.rows - inserted;
        progress();
      });
      // Awaited before the next dispatch or at the end; this only keeps Node from calling it unhandled meanwhile.
      pending.catch(() => undefined);
      if (first) await pending;
    };
    const check = (row: SourceRow) => {
      summary.read++;
      const result = 'problem' in row ? [row.problem] : withReadProblems(row.problems, validateObservation(row.fields, fieldName));
      if (!isRejected(result)) {
        loader.add(batch, Object.assign(result, { rowKey: row.rowKey }));
      } else {
        summary.rejected++;
        for (const problem of result.slice(0, maxRejections - summary.rejections.length)) {
          summary.rejections.push({ row: ('line' in row && row.line) || row.rowKey, ...problem, reason: boundedText(problem.reason, MAX_REASON_LENGTH) });
        }
      }
    };
    // Made for the file's header, the first time records come.
    let verbatim: VerbatimRecords | undefined | null = null;

    try {
      for await (const chunk of rows) {
        if (options.signal?.aborted) break;
        if (isFileRecords(chunk)) {
          const { format, header, columnIndex, records, lines } = chunk;
          if (verbatim === null) verbatim = VerbatimRecords.of(format, columnIndex, loader);
          for (let index = 0; index < records.length; index++) {
            const record = records[index]!;
            const line = lines[index]!;
            if (record.length === header.length && verbatim?.add(batch, record, line)) summary.read++;
            else check(rowOfRecord(String(line), record, header, columnIndex, format));
            if (batch.rows >= limit) await dispatch();
          }
        } else {
          for (const row of chunk) {
            check(row);
            if (batch.rows >= limit) await dispatch();
          }
        }
        // Checking rows never yields to the event loop by itself; without this the batch being
        // written would wait for the database's every reply until the reading paused.
        await setImmediate();
      }
      if (batch.rows) await dispatch(true);
    } catch (error) {
      // The connection goes back to the pool only once the batch in flight is over, and the one
      // streaming after it rolled back.
      await pending?.catch(() => undefined);
      await loader.finish().catch(() => undefined);
      throw error;
    }
    await pending;
    await loader.finish();
    progress();
  }
}

function emptySummary(): ImportSummary {
  return { read: 0, imported: 0, duplicates: 0, rejected: 0, snapshots: 0, rejections: [] };
}

function counts({ read, imported, duplicates, rejected }: ImportSummary): ImportProgress {
  return { read, imported, duplicates, rejected };
}
