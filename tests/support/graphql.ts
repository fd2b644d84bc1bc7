import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { createApolloServer } from '../../src/server/apollo-server.js';
import { createContext } from '../../src/server/context.js';
import type { ServingSettings } from '../../src/server/settings.js';

export interface OperationResult<TData = Record<string, any>> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, any> }>;
}

/** The contract operations (contract/operations.graphql), by operation name. */
export function contractOperation(name: string): string {
  const document = parse(readFileSync(path.join(projectRoot, 'contract', 'operations.graphql'), 'utf8'));
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition' && definition.name?.value === name);
  if (!operation) throw new Error(`No operation ${name} in the contract`);
  return print(operation);
}

/** Runs operations through the real Apollo server (schema, validation, error policy) on a test database. */
export async function createGraphQLClient(database: DatabaseHandle, serving: Partial<ServingSettings> = {}) {
  const apollo = await createApolloServer({ logger: createLogger('silent'), production: false, serving });
  await apollo.start();
  return {
    async execute<TData = Record<string, any>>(
      query: string,
      variables: Record<string, unknown> = {},
      options: { apiKey?: string } = {},
    ): Promise<OperationResult<TData>> {
      const authorization = options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`;
      const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(database, { authorization }) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as OperationResult<TData>;
    },
    stop: () => apollo.stop(),
  };
}
