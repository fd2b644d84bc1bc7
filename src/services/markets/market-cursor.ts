import { BadUserInputError } from '../../errors.js';

const CURSOR = /^market:([1-9]\d{0,8}):([A-Za-z0-9_-]{12})$/;

/** The cursor of the market at 1-based `position` in the connection of the query `fingerprint`. */
export function marketCursor(position: number, fingerprint: string): string {
  return Buffer.from(`market:${position}:${fingerprint}`).toString('base64url');
}

/**
 * The position a cursor stands for (0 without one).
 * @throws BAD_USER_INPUT (fields ["after"]) for a string this connection did not issue, or one
 * issued for another filter, order or currency (its positions mean nothing here).
 */
export function positionAfter(cursor: string | null | undefined, fingerprint: string): number {
  if (cursor === null || cursor === undefined) return 0;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || marketCursor(Number(match[1]), match[2]!) !== cursor) {
    throw new BadUserInputError(`"${cursor}" is not a cursor this connection issued`, ['after']);
  }
  if (match[2] !== fingerprint) {
    throw new BadUserInputError('The cursor was issued for another filter, order or currency: ask again from the first page', ['after']);
  }
  return Number(match[1]);
}
