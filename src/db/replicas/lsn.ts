/** A WAL position ("16/B374D848", PostgreSQL's pg_lsn text) as a byte offset. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new Error(`not a WAL position: "${text}"`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** Sizes of the headers a WAL page and the first page of a WAL segment start with (64-bit builds). */
const PAGE_HEADER_BYTES = 24n;
const SEGMENT_HEADER_BYTES = 40n;

/**
 * Where the last WAL record inserted so far ends, from pg_current_wal_insert_lsn(). At a page
 * boundary that function points past the next page's header, where no record can end, while a
 * replica reports the boundary itself as replayed: without this, a replica of an idle primary
 * would look one header behind until the next write.
 */
export function lastRecordEnd(insertLsn: bigint, pageBytes: bigint, segmentBytes: bigint): bigint {
  const inSegment = insertLsn % segmentBytes;
  if (inSegment === SEGMENT_HEADER_BYTES) return insertLsn - SEGMENT_HEADER_BYTES;
  if (inSegment >= pageBytes && inSegment % pageBytes === PAGE_HEADER_BYTES) return insertLsn - PAGE_HEADER_BYTES;
  return insertLsn;
}
