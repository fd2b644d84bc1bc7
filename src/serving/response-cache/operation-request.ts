import { operationHash } from '../persisted-operations/operation-registry.js';

/** What decides the answer to a GraphQL POST body, in a form fit for a cache key. */
export interface OperationRequest {
  /** The SHA-256 of the operation text, as Apollo's `queryHash` (sent as the APQ hash or computed from `query`). */
  documentHash: string;
  /** Only the hash was sent (an automatic persisted query or a registered operation). */
  sentAsHash: boolean;
  /** The document hash, operation name and variables (object keys sorted): equal for requests that must get equal answers. */
  identity: string;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalObject = (value: unknown) => value === undefined || value === null || isObject(value);

/** JSON with object keys in sorted order, so `{a, b}` and `{b, a}` are one key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The operation a parsed POST body asks for, or undefined for a body Apollo would refuse or
 * answer with an error whatever the data (a wrong shape, an unsupported APQ version, a hash that
 * is not its text's): those are left for Apollo to answer.
 */
export function operationRequest(body: unknown): OperationRequest | undefined {
  if (!isObject(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (!(query === undefined || (typeof query === 'string' && query !== ''))) return undefined;
  if (!(operationName === undefined || operationName === null || typeof operationName === 'string')) return undefined;
  if (!isOptionalObject(variables) || !isOptionalObject(extensions)) return undefined;
  const persisted = extensions?.persistedQuery;
  let documentHash: string;
  if (persisted) {
    if (!isObject(persisted) || persisted.version !== 1 || typeof persisted.sha256Hash !== 'string') return undefined;
    documentHash = persisted.sha256Hash;
    if (query !== undefined && operationHash(query) !== documentHash) return undefined;
  } else if (query !== undefined) {
    documentHash = operationHash(query);
  } else {
    return undefined;
  }
  return {
    documentHash,
    sentAsHash: query === undefined,
    // operationName "" is not "none": graphql-js looks for an operation named "".
    identity: `${documentHash}\n${JSON.stringify(operationName ?? null)}\n${canonicalJson(variables ?? {})}`,
  };
}
