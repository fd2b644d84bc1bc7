import { describe, expect, it } from 'vitest';
import { lastRecordEnd, parseLsn } from '../../../src/db/replicas/lsn.js';

const PAGE = 8192n;
const SEGMENT = 16n * 1024n * 1024n;

describe('WAL positions', () => {
  it.each([
    ['0/0', 0n],
    ['0/3001FB0', 0x3001fb0n],
    ['16/B374D848', 0x16n * 2n ** 32n + 0xb374d848n],
    ['FFFFFFFF/FFFFFFFF', 2n ** 64n - 1n],
  ])('%s is byte %d', (text, bytes) => {
    expect(parseLsn(text)).toBe(bytes);
  });

  it.each(['', '0', '0/', '/1', '0/1/2', 'G/0', '123456789/0'])('"%s" is refused', (text) => {
    expect(() => parseLsn(text)).toThrow(/not a WAL position/);
  });

  it.each([
    ['inside a page', 0x3001fb0n, 0x3001fb0n],
    ['past a page header', 0x3002000n + 24n, 0x3002000n],
    ['past the header of a segment’s first page', 0x4000000n + 40n, 0x4000000n],
    ['a record after a page header', 0x3002000n + 32n, 0x3002000n + 32n],
    ['a record after a segment’s long header', 0x4000000n + 48n, 0x4000000n + 48n],
  ])('the last record inserted ends where the insert position is, unless past a header: %s', (_, insert, end) => {
    expect(lastRecordEnd(insert, PAGE, SEGMENT)).toBe(end);
  });
});
