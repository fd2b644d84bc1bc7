/**
 * A batch of observations on its way into PostgreSQL, already written as the lines of
 * `COPY observation FROM STDIN` (text format): encoding rows as they are read lets the database
 * write them while the next ones are being read.
 */
import { copyField } from '../../../db/copy-in.js';
import type { ValidObservation } from '../observation.js';

/** A valid observation with the key that identifies it within its source (a line number or an API id). */
export type KeyedObservation = ValidObservation & { rowKey: string };

/** Bytes a batch starts with; it grows when needed. */
const INITIAL_SIZE = 1 << 22;
/** Lines a batch collects before it writes them into its bytes (and streams them, when it does). */
const WRITE_LINES = 256;
const LF = 0x0a;

/** A key stored as a bigint (row_number): a whole number written canonically, at most 18 digits. */
const ROW_NUMBER = /^(?:0|[1-9][0-9]{0,17})$/;

/** Whether a row key is stored in row_number (else in row_key). */
export function isRowNumber(key: number | string): boolean {
  return typeof key === 'number' || ROW_NUMBER.test(key);
}

/** The table and columns of the lines copyLine writes. */
export const OBSERVATION_COPY_TARGET = `observation (source_id, row_number, row_key, country_id, role_id, level, period, job_title, employment_type,
  amount, currency_code, original_amount, original_currency, remote_ratio, company_location, company_size, skills, certifications)`;

/**
 * One observation as a line of `COPY OBSERVATION_COPY_TARGET FROM STDIN`, without its line feed.
 * The key is written here; every other value must already be a COPY field (see copyField).
 */
export function copyLine(
  sourceId: number, key: number | string, countryId: number, roleId: number, level: string, period: string, jobTitle: string, employmentType: string,
  amount: string, currencyCode: string, originalAmount: string, originalCurrency: string, remoteRatio: string, companyLocation: string, companySize: string,
  skills: string, certifications: string,
): string {
  const keyColumns = isRowNumber(key) ? `${key}\t\\N` : `\\N\t${copyField(key as string)}`;
  // Joined from an array: a template of as many parts builds a string of each part, joined later at a cost.
  return [sourceId, keyColumns, countryId, roleId, level, period, jobTitle, employmentType, amount, currencyCode, originalAmount, originalCurrency, remoteRatio, companyLocation, companySize, skills, certifications].join('\t');
}

export interface SelectedRows {
  data: Buffer;
  rows: number;
  /** The markets of the rows selected (see ObservationLoader.marketOf). */
  markets: Set<number>;
}

export class ObservationBatch {
  private data: Buffer;
  private size = 0;
  /**
   * Lines appended since `data` was last written: written into `data` a few hundred at once,
   * since each write from a string into a Buffer has a cost of its own that was a fifth of the
   * import's time when paid per line.
   */
  private unwritten: string[] = [];
  /** Given each part of `data` as it is written, once streamTo() has set it. */
  private sink: ((lines: Buffer) => void) | undefined;
  /** Each row's key and its market. */
  readonly keys: (number | string)[] = [];
  private readonly markets: number[] = [];
  /** The markets of all lines, collected as they come: the batch's transaction then has them at once. */
  private readonly distinctMarkets = new Set<number>();
  /** Rows whose country or role does not exist yet: written by the batch's transaction once it has created them. */
  readonly pending: KeyedObservation[] = [];
  /** For each pending row, how many lines came before it: its place among the batch's rows. */
  readonly pendingAfter: number[] = [];

  /** @param size the bytes to start with (the batch grows as needed). */
  constructor(size = INITIAL_SIZE) {
    this.data = Buffer.allocUnsafe(size);
  }

  /**
   * An empty batch that writes into this one's bytes, which this one must no longer need (its
   * load is over): a new batch's bytes, written once, cost Node a fresh allocation and its pages.
   */
  emptied(): ObservationBatch {
    const batch = new ObservationBatch(0);
    batch.data = this.data;
    return batch;
  }

  /** Rows in the batch, pending ones included. */
  get rows(): number {
    return this.keys.length + this.pending.length;
  }

  /** Adds a row: its key, its COPY line (see copyLine) and its market. */
  append(key: number | string, line: string, market: number): void {
    if (this.unwritten.push(line) >= WRITE_LINES) this.write();
    this.keys.push(key);
    this.markets.push(market);
    this.distinctMarkets.add(market);
  }

  /**
   * Hands `sink` the lines written so far, and from now on the lines of the rows appended, a few
   * hundred at a time, until endStream().
   */
  streamTo(sink: (lines: Buffer) => void): void {
    this.sink = sink;
    if (this.size) sink(this.data.subarray(0, this.size));
  }

  /** Hands the sink of streamTo() the last lines, and it nothing more. */
  endStream(): void {
    this.write();
    this.sink = undefined;
  }

  private write(): void {
    if (!this.unwritten.length) return;
    this.unwritten.push('');
    const text = this.unwritten.join('\n');
    this.unwritten = [];
    // A UTF-16 code unit is at most 3 bytes in UTF-8.
    if (this.size + text.length * 3 > this.data.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.size + text.length * 3, 1 << 12));
      this.data.copy(grown, 0, 0, this.size);
      this.data = grown;
    }
    const start = this.size;
    this.size += this.data.write(text, start);
    this.sink?.(this.data.subarray(start, this.size));
  }

  /** Adds a row whose country or role does not exist yet. */
  addPending(row: KeyedObservation): void {
    this.pending.push(row);
    this.pendingAfter.push(this.keys.length);
  }

  /** The lines of the rows `keep` accepts, by their position (every row without it), with their markets. */
  select(keep?: (index: number) => boolean): SelectedRows {
    this.write();
    if (!keep) return { data: this.data.subarray(0, this.size), rows: this.keys.length, markets: this.distinctMarkets };
    const markets = new Set<number>();
    const data = Buffer.allocUnsafe(this.size);
    let size = 0;
    let rows = 0;
    // Each row is one line: a COPY field has its line feeds escaped.
    for (let index = 0, start = 0; index < this.keys.length; index++) {
      const end = this.data.indexOf(LF, start) + 1;
      if (keep(index)) {
        size += this.data.copy(data, size, start, end);
        markets.add(this.markets[index]!);
        rows++;
      }
      start = end;
    }
    return { data: data.subarray(0, size), rows, markets };
  }
}
