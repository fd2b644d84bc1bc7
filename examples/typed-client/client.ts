import { createHash } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export class PaygraphError extends Error {
  constructor(readonly errors: NonNullable<GraphQLResponse<unknown>['errors']>) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
  }
}

/**
 * A typed paygraph client over plain fetch. It speaks the automatic persisted queries protocol:
 * an operation goes first as the SHA-256 of its printed text alone, which a server in
 * persisted-only mode requires and any paygraph knows for the contract operations; the text
 * follows only if the server asks for it (PERSISTED_QUERY_NOT_FOUND).
 */
export function createPaygraphClient(url: string, headers: Record<string, string> = {}) {
  async function send<TResult>(body: object): Promise<GraphQLResponse<TResult>> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return (await response.json()) as GraphQLResponse<TResult>;
  }

  return async function request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const query = print(document);
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    let result = await send<TResult>({ variables, extensions });
    if (result.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) result = await send<TResult>({ query, variables, extensions });
    if (result.errors?.length || !result.data) throw new PaygraphError(result.errors ?? [{ message: 'no data' }]);
    return result.data;
  };
}
