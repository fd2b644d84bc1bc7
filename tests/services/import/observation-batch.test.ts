import { describe, expect, it } from 'vitest';
import { copyLine, isRowNumber, ObservationBatch } from '../../../src/services/import/loader/observation-batch.js';

const line = (key: number | string, title = 'Data Engineer') =>
  copyLine(1, key, 2, 3, 'SENIOR', '2022', title, 'FT', '100000', 'USD', '\\N', '\\N', '0', 'US', 'M', '\\N', '\\N');
/** Lines as COPY reads them: each ends in a line feed. */
const copied = (...lines: string[]) => lines.map((written) => `${written}\n`).join('');

describe('copyLine', () => {
  it('puts whole-number keys in row_number and any other key, escaped, in row_key', () => {
    expect(line(7)).toBe('1\t7\t\\N\t2\t3\tSENIOR\t2022\tData Engineer\tFT\t100000\tUSD\t\\N\t\\N\t0\tUS\tM\t\\N\t\\N');
    expect(line('7').split('\t').slice(1, 3)).toEqual(['7', '\\N']);
    expect(line('999999999999999999').split('\t').slice(1, 3)).toEqual(['999999999999999999', '\\N']);
    for (const key of ['007', '+7', '7.0', '1000000000000000000', 'a', '']) expect(line(key).split('\t').slice(1, 3), key).toEqual(['\\N', key]);
    expect(line('a\tb\\c').split('\t').slice(1, 4)).toEqual(['\\N', 'a\\tb\\\\c', '2']);
  });

  it('tells which keys are row numbers', () => {
    expect([0, '0', '12', '012', '-1', '1e3', 'x'].map(isRowNumber)).toEqual([true, true, true, false, false, false, false]);
  });
});

describe('ObservationBatch', () => {
  it('keeps every line, growing past its first size, or only the rows a test keeps, with their markets', () => {
    const batch = new ObservationBatch(16);
    const titles = ['Data Engineer', 'Ingénieur de données ✓', 'Data Scientist'];
    titles.forEach((title, index) => batch.append(index + 2, line(index + 2, title), 100 + index));
    batch.addPending({ rowKey: '9' } as never);
    expect(batch.pendingAfter).toEqual([3]);
    expect(batch.rows).toBe(4);
    expect(batch.keys).toEqual([2, 3, 4]);

    const all = batch.select();
    expect(all.data.toString()).toBe(copied(...titles.map((title, index) => line(index + 2, title))));
    expect(all).toMatchObject({ rows: 3, markets: new Set([100, 101, 102]) });

    const some = batch.select((index) => index !== 1);
    expect(some.data.toString()).toBe(copied(line(2, titles[0]), line(4, titles[2])));
    expect(some).toMatchObject({ rows: 2, markets: new Set([100, 102]) });

    // The next batch writes over these bytes, from the start, with nothing of this one's rows.
    const next = batch.emptied();
    next.append(7, line(7), 107);
    expect(next.select()).toMatchObject({ rows: 1, markets: new Set([107]) });
    expect(next.select().data.toString()).toBe(copied(line(7)));
    expect([next.keys, next.pending, next.pendingAfter]).toEqual([[7], [], []]);
  });

  it('streams its lines: those written so far at once, then a few hundred at a time as they are written, the last ones at the end', () => {
    const batch = new ObservationBatch(64);
    const lines = Array.from({ length: 1000 }, (_, index) => line(index + 2, index % 2 ? 'Ingénieur ✓' : 'Data Engineer'));
    const sent: Buffer[] = [];
    lines.slice(0, 300).forEach((written, index) => batch.append(index + 2, written, 1));
    batch.streamTo((bytes) => sent.push(Buffer.from(bytes)));
    // The first 256 lines were written when the 256th came; the 44 after wait for the next write.
    expect(sent.map((bytes) => bytes.toString())).toEqual([copied(...lines.slice(0, 256))]);
    lines.slice(300).forEach((written, index) => batch.append(index + 302, written, 1));
    expect(sent.map((bytes) => bytes.toString())).toEqual([copied(...lines.slice(0, 256)), copied(...lines.slice(256, 512)), copied(...lines.slice(512, 768))]);
    batch.endStream();
    expect(Buffer.concat(sent).toString()).toBe(copied(...lines));
    expect(batch.select().data.toString()).toBe(copied(...lines));
    // Nothing more is sent once the stream has ended.
    batch.append(1002, line(1002), 1);
    batch.select();
    expect(sent).toHaveLength(4);
  });
});
