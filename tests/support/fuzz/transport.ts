import type { Draw } from './draw.js';

/** One generated HTTP request to the server under test. */
export interface FuzzRequest {
  /** Position in the generated sequence: with the seed, it makes the same request again. */
  index: number;
  /** The generator that made it ("query", "variables: __proto__ key", "HTTP: bad gzip", …). */
  kind: string;
  method: string;
  /** Path and query string, e.g. /graphql?query=%7B__typename%7D. */
  path: string;
  headers: Record<string, string>;
  /** A string is sent as UTF-8; bytes are sent as they are (and without a content type unless one is set). */
  body?: string | Uint8Array<ArrayBuffer>;
}

export type RequestShape = Omit<FuzzRequest, 'index'>;

const ACCEPTS = ['application/json', 'application/graphql-response+json', 'application/graphql-response+json, application/json;q=0.9', '*/*', 'text/html', 'application/xml', 'garbage;;;q=x'];
const AUTHORIZATIONS = ['Bearer', 'Bearer pg_0000_notakey', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(5000)}`, 'Bearer "quoted"'];
const REQUEST_IDS = ['a'.repeat(500), '../../etc/passwd', '<script>', ' x '];
const FORWARDED = ['1.2.3.4', 'garbage', '::1, 10.0.0.1', ''];

/** The headers a client may add to any request, each now and then. */
export function clientHeaders(draw: Draw): Record<string, string> {
  const headers: Record<string, string> = {};
  if (draw.chance(0.2)) headers.accept = draw.pick(ACCEPTS);
  if (draw.chance(0.1)) headers.authorization = draw.pick(AUTHORIZATIONS);
  // A plain token is kept as the request's id, and names it in the log: it must be unique.
  if (draw.chance(0.05)) headers['x-request-id'] = draw.chance(0.5) ? `client-${draw.int(0, 2 ** 30)}` : draw.pick(REQUEST_IDS);
  if (draw.chance(0.05)) headers['x-forwarded-for'] = draw.pick(FORWARDED);
  return headers;
}

/** A JSON POST, the way GraphQL clients send operations. */
export function jsonPost(draw: Draw, kind: string, payload: unknown, path = '/graphql'): RequestShape {
  return { kind, method: 'POST', path, headers: { 'content-type': 'application/json', ...clientHeaders(draw) }, body: JSON.stringify(payload) };
}
