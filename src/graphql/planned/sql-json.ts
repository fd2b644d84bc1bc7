import type { NodeKind } from '../global-id.js';

/**
 * JSON text built in PostgreSQL, compact and with numbers as JSON.stringify writes them, so that
 * a planned answer is byte for byte the resolvers' answer. A value is a list of pieces: literal
 * JSON between SQL expressions that yield JSON text; an object's nested objects are pieces of the
 * same concat(), so building a row's whole answer costs one function call.
 */
type Piece = { literal: string } | { sql: string };
export type JsonText = readonly Piece[];

const literal = (text: string): Piece => ({ literal: text });
const expression = (sql: string): JsonText => [{ sql }];

/** A string as a SQL literal. */
export const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** PostgreSQL's concat() takes at most 100 arguments. */
const CONCAT_ARGUMENTS = 90;

/** The SQL expression yielding the text of `json`. */
export function sqlOf(json: JsonText): string {
  const merged: Piece[] = [];
  for (const piece of json) {
    const last = merged.at(-1);
    if ('literal' in piece && last && 'literal' in last) merged[merged.length - 1] = literal(last.literal + piece.literal);
    else merged.push(piece);
  }
  const parts = merged.map((piece) => ('sql' in piece ? piece.sql : sqlString(piece.literal)));
  return concatenated(parts);
}

function concatenated(parts: string[]): string {
  if (parts.length === 1) return parts[0]!;
  if (parts.length <= CONCAT_ARGUMENTS) return `concat(${parts.join(', ')})`;
  const chunks: string[] = [];
  for (let start = 0; start < parts.length; start += CONCAT_ARGUMENTS) chunks.push(concatenated(parts.slice(start, start + CONCAT_ARGUMENTS)));
  return concatenated(chunks);
}

/** An object of the (response key, value) entries, in order (GraphQL names need no escaping). */
export function jsonObject(entries: readonly (readonly [string, JsonText])[]): JsonText {
  return [literal('{'), ...entries.flatMap(([key, value], index) => [literal(`${index ? ',' : ''}"${key}":`), ...value]), literal('}')];
}

/** `json`, or null when `present` (a SQL condition) is not true. */
export const jsonWhen = (present: string, json: JsonText): JsonText => expression(`CASE WHEN ${present} THEN ${sqlOf(json)} ELSE 'null' END`);

/** The SQL aggregate of an array of `element` over the rows of the query it is part of (those meeting `filter`), ordered by `order`; [] when there are none. */
export const arrayAggregate = (element: JsonText, order: string, filter?: string) =>
  `coalesce('[' || string_agg(${sqlOf(element)}, ',' ORDER BY ${order})${filter ? ` FILTER (WHERE ${filter})` : ''} || ']', '[]')`;

export const jsonArrayAggregate = (element: JsonText, order: string, filter: string): JsonText => expression(arrayAggregate(element, order, filter));

/** A text value (null as null), escaped as JSON.stringify escapes it. */
export const jsonString = (text: string): JsonText => expression(`coalesce(to_json(${text})::text, 'null')`);

/** A text value that needs no escaping (digits, base64url, enum names): quoted as is. Never null. */
export const plainString = (text: string): JsonText => [literal('"'), { sql: text }, literal('"')];

/** A string constant. */
export const constantString = (text: string): JsonText => [literal(JSON.stringify(text))];

/** An integer or a boolean (null as null). */
export const jsonScalar = (value: string): JsonText => expression(`coalesce((${value})::text, 'null')`);

/** JSON null. */
export const JSON_NULL: JsonText = [literal('null')];

/**
 * A numeric value as JSON.stringify writes the Float the resolvers make of it: without trailing
 * zeros, which is exact up to 15 significant digits; a larger value is refused (the resolvers
 * answer it).
 */
export const jsonFloat = (value: string): JsonText => expression(`CASE WHEN abs(${value}) < 1e13 THEN trim_scale(${value})::text WHEN ${value} IS NULL THEN 'null' ELSE ${REFUSED} END`);

/**
 * base64url without padding of a text expression, as `Buffer#toString('base64url')` writes it:
 * encode()'s line breaks dropped, its two non-URL characters replaced, its padding trimmed.
 * replace() and rtrim() rather than one translate(), which compares character by character as
 * multibyte text and cost 6–7 % of the nested read's statement (bench/README.md, sixth pass).
 */
export const base64url = (text: string) =>
  `rtrim(replace(replace(replace(encode(convert_to(${text}, 'UTF8'), 'base64'), E'\\n', ''), '+', '-'), '/', '_'), '=')`;

/** The global id of the object of `kind` whose key is the SQL expression `key`, as toGlobalId writes it. */
export const globalId = (kind: NodeKind, key: string): JsonText => plainString(base64url(`'${kind}:' || ${key}`));

/**
 * (to − from) / from × 100 rounded half away from zero to 2 decimals, exactly (numeric
 * division stops at 16 significant digits, which could round a value just under a half up);
 * `from` must be positive.
 */
export const percentChange = (from: string, to: string) => `(sign(${to} - ${from}) * div(2 * abs(${to} - ${from}) * 10000 + ${from}, 2 * ${from}) * 0.01)`;

/**
 * What a planned statement writes in place of a value it cannot produce exactly as the resolvers
 * would (they would answer an error, or a number it cannot write as they do): a JSON string
 * holding NUL, which no text in PostgreSQL can.
 */
export const REFUSED_TEXT = '"\\u0000"';
export const REFUSED = sqlString(REFUSED_TEXT);
