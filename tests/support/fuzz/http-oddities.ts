import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { GraphQLRequestParts } from './documents.js';
import type { Draw } from './draw.js';
import { clientHeaders, jsonPost, type RequestShape } from './transport.js';
import { strings } from './values.js';

const CONTENT_TYPES = [
  'text/plain',
  'application/graphql',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'application/graphql-response+json',
  'application/JSON',
  'json',
  'application/json, text/plain',
];

const NOT_OBJECTS = ['null', '1', '"{ __typename }"', 'true', '{}', '{"query": 1}', '{"query": null}', '{"query": ["{ __typename }"]}', '{"query": {}}', '{"query": ""}', '{"variables": {}}', '{"query": "{ __typename }", "variables": "{}"}', '{"query": "{ __typename }", "extensions": []}'];

const NOT_JSON = ['', ' ', 'nope', '{', '{"query": "{ __typename }"', '{"query": "{ __typename }"} trailing', '\ufeff{"query": "{ __typename }"}', "{'query': '{ __typename }'}", '{"query": "{ __typename }",}', '\u0000', '[', 'NaN'];

/** Whitespace JSON allows: a small gzip body that inflates far past the body limit. */
let inflatingBody: Buffer | undefined;
const gzipBomb = () => (inflatingBody ??= gzipSync(`${' '.repeat(5_000_000)}{"query": "{ __typename }"}`));

/** A request that a GraphQL-over-HTTP server must refuse cleanly, or serve: HTTP shapes clients get wrong. */
export function oddHttpRequest(draw: Draw, operation: GraphQLRequestParts): RequestShape {
  const json = JSON.stringify(operation);
  const post = (kind: string, headers: Record<string, string>, body: string | Uint8Array<ArrayBuffer>): RequestShape => ({ kind, method: 'POST', path: '/graphql', headers: { ...headers, ...clientHeaders(draw) }, body });
  // The large bodies (cases 6 and 7) come seldom: they cost the most to send.
  switch (draw.chance(0.02) ? draw.int(6, 7) : draw.pick([0, 1, 2, 3, 4, 5, 8, 9])) {
    case 0:
      return post('HTTP: content type', { 'content-type': draw.pick(CONTENT_TYPES) }, json);
    case 1:
      return post('HTTP: no content type', {}, new TextEncoder().encode(json));
    case 2:
      return jsonPost(draw, 'HTTP: batch (array body)', draw.pick([[operation, operation], [], [1], [[operation]], [null]]));
    case 3:
      return post('HTTP: JSON that is not an operation', { 'content-type': 'application/json' }, draw.pick(NOT_OBJECTS));
    case 4:
      return post('HTTP: not JSON', { 'content-type': 'application/json' }, draw.chance(0.7) ? draw.pick(NOT_JSON) : draw.from(strings));
    case 5: {
      const encoding = draw.pick(['gzip', 'deflate', 'br', 'bogus', 'identity', 'gzip, gzip']);
      const compress = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }[encoding];
      const body = compress && draw.chance(0.5) ? new Uint8Array(compress(json)) : json;
      return post(`HTTP: content-encoding ${encoding}${typeof body === 'string' ? ' (not encoded)' : ''}`, { 'content-type': 'application/json', 'content-encoding': encoding }, body);
    }
    case 6:
      return post('HTTP: gzip body inflating past the body limit', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, new Uint8Array(gzipBomb()));
    case 7:
      return post('HTTP: body over the size limit', { 'content-type': 'application/json' }, JSON.stringify({ ...operation, padding: 'x'.repeat(1_100_000) }));
    case 8: {
      const method = draw.pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
      const hasBody = method !== 'HEAD' && draw.chance(0.5);
      return { kind: `HTTP: method ${method}`, method, path: '/graphql', headers: { 'content-type': 'application/json', ...clientHeaders(draw) }, ...(hasBody ? { body: json } : {}) };
    }
    default:
      return { ...jsonPost(draw, 'HTTP: odd path', operation), path: draw.pick(['/graphql/', '/graphql/x', '/GraphQL', '/graphql/%00', '/graphql/..%2f', '/graphql?query=']) };
  }
}

/** A GET with the operation in the query string, the way the GraphQL-over-HTTP spec allows (Apollo asks for a preflight header). */
export function getRequest(draw: Draw, operation: GraphQLRequestParts): RequestShape {
  const params = new URLSearchParams();
  if (draw.chance(0.95)) params.set('query', draw.chance(0.05) ? draw.from(strings) : operation.query);
  if (operation.variables && draw.chance(0.7)) params.set('variables', draw.chance(0.9) ? JSON.stringify(operation.variables) : draw.pick(['{', '[]', 'null', '"x"', '1']));
  if (typeof operation.operationName === 'string' && draw.chance(0.8)) params.set('operationName', operation.operationName);
  if (draw.chance(0.1)) params.set('extensions', draw.pick(['{"persistedQuery":{"version":1,"sha256Hash":"abc"}}', '{', '[]']));
  if (draw.chance(0.05)) params.append('query', '{ __typename }');
  let path = `/graphql?${params}`;
  if (draw.chance(0.05)) path += draw.pick(['&query=%E0%A4%A', '&variables=%', '&%00=%00', '&query[a]=1', '&__proto__[x]=1']);
  const headers = draw.pick<Record<string, string>>([{}, { 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }, { 'x-apollo-operation-name': 'x' }]);
  return { kind: 'GET', method: 'GET', path, headers: { ...headers, ...clientHeaders(draw) } };
}

