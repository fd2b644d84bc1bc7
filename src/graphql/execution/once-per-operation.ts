import type { DocumentNode } from 'graphql';

/**
 * `build` of a parsed document and a key of one of its operations, built once per pair: Apollo
 * keeps parsed documents in its document store, so a query sent again finds what was built for it.
 */
export function oncePerOperation<Key, Value>(build: (document: DocumentNode, key: Key) => Value): (document: DocumentNode, key: Key) => Value {
  const built = new WeakMap<DocumentNode, Map<Key, Value>>();
  return (document, key) => {
    let byKey = built.get(document);
    if (!byKey) built.set(document, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, build(document, key));
    return byKey.get(key)!;
  };
}
