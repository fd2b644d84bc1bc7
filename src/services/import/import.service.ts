import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import type pg from 'pg';
import type { DatabaseHandle } from '../../db/client.js';
import { readCsvRows, type SourceRow } from './csv-reader.js';
import type { ImportFormat } from './formats/index.js';
import { isProblem, validateObservation, type ObservationField, type ObservationFields } from './observation.js';
import { ObservationLoader, withSourceLock, type KeyedObservation } from './observation-loader.js';
import { readRoleAliasFile, syncRoleAliases } from './roles.js';
import { rebuildStaleSnapshots } from './snapshot-rebuild.js';
import { stageCsvFile, StagedRows } from './staged-import.js';

/** A row that was not loaded, and why. */
export interface Rejection {
  /** The row's key in its source: the line number for files. */
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
  /** The first `maxRejections` rejected rows, in source order. */
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
  /** Rows per transaction. */
  batchSize?: number;
  /** How many rejections the summary lists (all are counted). */
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
const DEFAULT_MAX_REJECTIONS = 1000;

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
   * @returns the counts and, for each rejected observation, its position, field and reason.
   */
  async importBatch(batch: { source: string; roleCategory: string; observations: readonly ObservationRecord[] }): Promise<BatchImportSummary> {
    const rejections: BatchRejection[] = [];
    const rows: SourceRow[] = [];
    batch.observations.forEach(({ id, ...fields }, index) => {
      const result = id.trim() ? validateObservation(fields) : { field: 'id', reason: 'is missing' };
      if (isProblem(result)) rejections.push({ index, field: result.field as BatchRejection['field'], reason: result.reason });
      else rows.push({ rowKey: id.trim(), fields });
    });
    const summary = await this.importRows([rows], { sourceKey: batch.source, roleCategory: batch.roleCategory });
    return { ...summary, read: batch.observations.length, rejected: rejections.length, rejections };
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
   * PostgreSQL reads the file (COPY) and checks and loads its rows in SQL when it can (see
   * staged-import.ts); a file it would read differently (quoted line breaks, stray quotes, blank
   * lines, rows with a wrong number of fields) is read row by row instead. Progress reports the
   * share done.
   * @throws ImportFileError for a file without the format's columns; whatever else stops the import as a whole.
   */
  async importFile(file: string, format: ImportFormat, options: Omit<ImportOptions, 'fieldName'>): Promise<ImportSummary> {
    const { size } = await stat(file);
    const fileOptions = { ...options, fieldName: (field: ObservationField) => format.columnOf(field) };
    return this.importLocked(options, async (loader, summary, client) => {
      const report = (done: number) => options.onProgress?.({ ...counts(summary), done });
      // Copying the file is about a third of the work.
      const staged = await stageCsvFile(client, file, format, (bytes) => report(bytes / size / 3));
      if (!staged) {
        const input = createReadStream(file);
        await this.loadRows(loader, readCsvRows(input, format), { ...fileOptions, onProgress: (progress) => options.onProgress?.({ ...progress, done: input.bytesRead / size }) }, summary);
      } else {
        const rows = new StagedRows(client, staged, format, loader, options.batchSize ?? DEFAULT_BATCH_SIZE);
        try {
          const aside = await rows.setAside();
          summary.read = staged.records - aside;
          for (let batch = 0; batch < rows.batches && !options.signal?.aborted; batch++) {
            const inserted = await rows.loadBatch(batch, options.sourceKey);
            summary.imported += inserted;
            summary.duplicates += rows.rowsInBatch(batch) - inserted;
            report(1 / 3 + ((2 / 3) * (batch + 1)) / rows.batches);
          }
          if (aside && !options.signal?.aborted) await this.loadRows(loader, rows.asideRows(), fileOptions, summary);
        } finally {
          await rows.drop();
        }
      }
    });
  }

  /**
   * Runs `load` holding the source's lock, with a prepared loader and a fresh summary, then
   * rebuilds the snapshots the loaded rows made stale.
   */
  private importLocked(
    options: Pick<ImportOptions, 'sourceKey' | 'roleCategory'>,
    load: (loader: ObservationLoader, summary: ImportSummary, client: pg.PoolClient) => Promise<void>,
  ): Promise<ImportSummary> {
    return withSourceLock(this.database.pool, options.sourceKey, async (client) => {
      const loader = new ObservationLoader(client, options.roleCategory);
      await loader.prepare(options.sourceKey);
      const summary = emptySummary();
      await load(loader, summary, client);
      summary.snapshots = (await rebuildStaleSnapshots(client)).snapshots;
      return summary;
    });
  }

  /** Checks `rows` and loads the valid ones in batches, adding to `summary` as batches commit. */
  private async loadRows(
    loader: ObservationLoader,
    rows: AsyncIterable<readonly SourceRow[]> | Iterable<readonly SourceRow[]>,
    options: ImportOptions,
    summary: ImportSummary,
  ): Promise<void> {
    const { sourceKey, fieldName, batchSize = DEFAULT_BATCH_SIZE, maxRejections = DEFAULT_MAX_REJECTIONS } = options;
    const progress = () => options.onProgress?.(counts(summary));
    let pending: Promise<void> | undefined;
    const dispatch = async (batch: KeyedObservation[]) => {
      await pending;
      pending = loader.load(sourceKey, batch).then((inserted) => {
        summary.imported += inserted;
        summary.duplicates += batch.length - inserted;
        progress();
      });
      // Awaited before the next dispatch or at the end; this only keeps Node from calling it unhandled meanwhile.
      pending.catch(() => undefined);
    };

    let batch: KeyedObservation[] = [];
    try {
      for await (const chunk of rows) {
        if (options.signal?.aborted) break;
        for (const row of chunk) {
          summary.read++;
          const result = 'problem' in row ? row.problem : validateObservation(row.fields, fieldName);
          if (isProblem(result)) {
            summary.rejected++;
            if (summary.rejections.length < maxRejections) summary.rejections.push({ row: row.rowKey, ...result });
            continue;
          }
          batch.push(Object.assign(result, { rowKey: row.rowKey }));
          if (batch.length >= batchSize) {
            await dispatch(batch);
            batch = [];
          }
        }
        // Checking rows never yields to the event loop by itself; without this the batch being
        // written would wait for the database's every reply until the reading paused.
        await setImmediate();
      }
      if (batch.length) await dispatch(batch);
    } catch (error) {
      // The connection goes back to the pool only once the batch in flight is over.
      await pending?.catch(() => undefined);
      throw error;
    }
    await pending;
    progress();
  }
}

function emptySummary(): ImportSummary {
  return { read: 0, imported: 0, duplicates: 0, rejected: 0, snapshots: 0, rejections: [] };
}

function counts({ read, imported, duplicates, rejected }: ImportSummary): ImportProgress {
  return { read, imported, duplicates, rejected };
}
