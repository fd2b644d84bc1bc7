/**
 * A batch of observations on its way into PostgreSQL, already written as the lines of
 * `COPY observation FROM STDIN` (text format): encoding rows as they are read lets the database
 * write one batch while the next is being read.
 */
import { copyField } from '../../../db/copy-in.js';
import type { ValidObservation } from '../observation.js';

/** A valid observation with the key that identifies it within its source (a line number or an API id). */
export type KeyedObservation = ValidObservation & { rowKey: string };

/** Bytes a batch starts with; it grows when needed. */
const INITIAL_SIZE = 1 << 22;

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
 * One observation as a line of `COPY OBSERVATION_COPY_TARGET FROM STDIN`. The key is written
 * here; every other value must already be a COPY field (see copyField).
 */
export function copyLine(
  sourceId: number, key: number | string, countryId: number, roleId: number, level: string, period: string, jobTitle: string, employmentType: string,
  amount: string, currencyCode: string, originalAmount: string, originalCurrency: string, remoteRatio: string, companyLocation: string, companySize: string,
  skills: string, certifications: string,
): string {
  const keyColumns = isRowNumber(key) ? `${key}\t\\N` : `\\N\t${copyField(key as string)}`;
  return `${sourceId}\t${keyColumns}\t${countryId}\t${roleId}\t${level}\t${period}\t${jobTitle}\t${employmentType}\t${amount}\t${currencyCode}\t${originalAmount}\t${originalCurrency}\t${remoteRatio}\t${companyLocation}\t${companySize}\t${skills}\t${certifications}\n`;
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
  /** Each row's key, where its line ends in `data`, and its market. */
  readonly keys: (number | string)[] = [];
  private readonly ends: number[] = [];
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

  /** Adds a row: its key, its COPY line (ending in "\n") and its market. */
  append(key: number | string, line: string, market: number): void {
    // A UTF-16 code unit is at most 3 bytes in UTF-8.
    if (this.size + line.length * 3 > this.data.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.size + line.length * 3, 1 << 12));
      this.data.copy(grown, 0, 0, this.size);
      this.data = grown;
    }
    this.size += this.data.write(line, this.size);
    this.keys.push(key);
    this.ends.push(this.size);
    this.markets.push(market);
    this.distinctMarkets.add(market);
  }

  /** Adds a row whose country or role does not exist yet. */
  addPending(row: KeyedObservation): void {
    this.pending.push(row);
    this.pendingAfter.push(this.keys.length);
  }

  /** The lines of the rows `keep` accepts, by their position (every row without it), with their markets. */
  select(keep?: (index: number) => boolean): SelectedRows {
    if (!keep) return { data: this.data.subarray(0, this.size), rows: this.keys.length, markets: this.distinctMarkets };
    const markets = new Set<number>();
    const data = Buffer.allocUnsafe(this.size);
    let size = 0;
    let rows = 0;
    this.keys.forEach((_, index) => {
      if (!keep(index)) return;
      size += this.data.copy(data, size, index ? this.ends[index - 1]! : 0, this.ends[index]!);
      markets.add(this.markets[index]!);
      rows++;
    });
    return { data: data.subarray(0, size), rows, markets };
  }
}
