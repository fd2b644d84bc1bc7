import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../config.js';

/** The public contract, whose operations are always registered. */
export const CONTRACT_FILE = path.join(projectRoot, 'contract', 'operations.graphql');

/** The APQ hash of a query: SHA-256 of its exact text, in lowercase hex. */
export function operationHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function spreadFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread({ name }) {
        const fragment = fragments.get(name.value);
        if (!fragment || used.has(name.value)) return;
        used.set(name.value, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [...used.values()];
}

/**
 * The text a client sends for each operation of a document: graphql-js `print()` of a document
 * holding the operation and the fragments it spreads. That is what a client printing a parsed
 * document sends: the typed document nodes of @graphql-codegen's client preset, Apollo Client's
 * persisted-query link (with `addTypename: false`), and `print(parse(source))` in general.
 */
export function operationTexts(source: string): string[] {
  const { definitions } = parse(source);
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => print({ kind: Kind.DOCUMENT, definitions: [operation, ...spreadFragments(operation, fragments)] } satisfies DocumentNode));
}

interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  operations: Array<{ id: string; body: string }>;
}

/**
 * Entries of an operations file: either `{ "<sha256>": "<text>" }` (the persisted-documents.json
 * of @graphql-codegen's client preset with `hashAlgorithm: 'sha256'`) or an Apollo persisted
 * query manifest (`{ format: "apollo-persisted-query-manifest", operations: [{ id, body }] }`).
 */
function manifestEntries(file: string): Array<[string, string]> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ApolloManifest | Record<string, unknown>;
  if (manifest.format === 'apollo-persisted-query-manifest') return (manifest as ApolloManifest).operations.map(({ id, body }) => [id, body]);
  return Object.entries(manifest).map(([hash, text]) => {
    if (typeof text !== 'string') throw new Error(`${file}: the entry ${hash} is not an operation text`);
    return [hash, text];
  });
}

/** The names of the operations a text defines; none when it does not parse (it can never run). */
function operationNames(text: string): string[] {
  try {
    return parse(text).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
  } catch {
    return [];
  }
}

/** The operations the server knows by hash: the contract's, and those of an optional operations file. */
export class PersistedOperations {
  /** The names of the registered operations. */
  readonly names: ReadonlySet<string>;

  private constructor(private readonly texts: ReadonlyMap<string, string>) {
    this.names = new Set([...texts.values()].flatMap(operationNames));
  }

  /**
   * Registers every operation of the contract and of `file` (see {@link manifestEntries}).
   * Throws when the file cannot be read or an entry's hash is not the SHA-256 of its text.
   */
  static load(file?: string): PersistedOperations {
    const texts = new Map(operationTexts(readFileSync(CONTRACT_FILE, 'utf8')).map((text) => [operationHash(text), text]));
    for (const [hash, text] of file ? manifestEntries(file) : []) {
      if (operationHash(text) !== hash.toLowerCase()) throw new Error(`${file}: ${hash} is not the SHA-256 of its operation text`);
      texts.set(hash.toLowerCase(), text);
    }
    return new PersistedOperations(texts);
  }

  has(hash: string): boolean {
    return this.texts.has(hash);
  }

  text(hash: string): string | undefined {
    return this.texts.get(hash);
  }
}
