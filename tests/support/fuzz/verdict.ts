import { projectRoot } from '../../../src/config.js';
import type { FuzzRequest } from './transport.js';

/** What the server answered to one request. */
export interface Answer {
  status: number;
  contentType: string;
  /** The x-request-id header: where the server's log tells what went wrong. */
  requestId: string | undefined;
  text: string;
  /** From sending the request to the end of the answer. */
  ms: number;
}

/** This checkout's folder, as a pattern: no answer may name where the server's files are. */
const PROJECT_FOLDER = projectRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What no answer may contain: traces of the server's insides (the request's own text excepted, which a message may quote). */
const LEAKS: Array<[what: string, pattern: RegExp]> = [
  ['a stack frame', /\bat (?:async )?(?:\S+ )?\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/g],
  ['a file path', new RegExp(`${PROJECT_FOLDER}|node_modules|\\bsrc/[\\w/.-]+\\.ts\\b|file:///`, 'g')],
  ['SQL', /\b(?:SELECT|INSERT|UPDATE|DELETE)\b[^"]{0,200}?\b(?:FROM|INTO|SET|WHERE)\b|syntax error at or near|relation "[^"]*" does not exist|violates [\w ]+ constraint|invalid byte sequence for encoding/g],
  ['database driver names', /\b[Pp]risma\b|\$queryRaw|pg-protocol|ECONNREFUSED/g],
  ['a JavaScript error', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError): /g],
];

const GRAPHQL_ENDPOINT = /^\/(?:graphql|subgraph)\b/i;
const JSON_TYPE = /^application\/(?:graphql-response\+)?json\b/i;

function requestText(request: FuzzRequest): string {
  const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body ?? new Uint8Array());
  return `${decodeURIComponentSafe(request.path)}\n${body}\n${JSON.stringify(body)}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function leaks(request: FuzzRequest, text: string): string[] {
  const sent = requestText(request);
  return LEAKS.filter(([, pattern]) => [...text.matchAll(pattern)].some(([match]) => !sent.includes(match))).map(([what]) => `leaks ${what}`);
}

/** What is wrong with a GraphQL response body: not GraphQL's shape, errors without a stable code, or an internal error. */
function graphqlProblems(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ['answers a body that is not JSON'];
  }
  if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) return ['answers JSON without data or errors'];
  const errors = (body as { errors?: unknown }).errors;
  if (errors === undefined) return [];
  if (!Array.isArray(errors)) return ['answers errors that are not a list'];
  const codes = errors.map((error: { extensions?: { code?: unknown } } | null) => error?.extensions?.code);
  const problems: string[] = [];
  if (codes.some((code) => typeof code !== 'string')) problems.push('answers an error without extensions.code');
  if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push('answers INTERNAL_SERVER_ERROR');
  return problems;
}

/**
 * Everything wrong with an answer: a 5xx (the database is up, so not even 503), an answer slower
 * than `boundMs`, anything but a GraphQL JSON body from a GraphQL endpoint, and leaks.
 */
export function problemsWith(request: FuzzRequest, answer: Answer, boundMs: number): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (answer.ms > boundMs) problems.push(`answers after more than ${boundMs} ms`);
  // Node refuses a request line or headers over 16 KiB with a bare 431, before any of the app runs.
  const refusedByNode = answer.status === 431 && answer.text === '';
  // HEAD has no body, and OPTIONS is HTTP's own business (CORS preflights), not a GraphQL request.
  const graphqlRequest = request.method !== 'HEAD' && request.method !== 'OPTIONS';
  if (GRAPHQL_ENDPOINT.test(request.path) && graphqlRequest && !refusedByNode) {
    if (!JSON_TYPE.test(answer.contentType)) problems.push(`answers ${answer.contentType.split(';')[0] || 'without a content type'}, not JSON`);
    else problems.push(...graphqlProblems(answer.text));
  }
  return [...problems, ...leaks(request, answer.text)];
}
