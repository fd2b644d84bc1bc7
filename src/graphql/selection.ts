import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields named `name` selected directly in `selectionSet`, through inline fragments and fragment spreads. */
function fieldsNamed(selectionSet: SelectionSetNode | undefined, name: string, fragments: GraphQLResolveInfo['fragments']): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name ? [selection] : [];
      case Kind.INLINE_FRAGMENT:
        return fieldsNamed(selection.selectionSet, name, fragments);
      case Kind.FRAGMENT_SPREAD:
        return fieldsNamed(fragments[selection.name.value]?.selectionSet, name, fragments);
    }
  });
}

/**
 * The nodes of the field reached from the resolved field by `path` (e.g. edges → node →
 * latestSnapshot), under any alias. Directives are not evaluated: a field skipped by @include
 * still counts, so a caller may fetch a little more than asked, never less.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): FieldNode[] {
  return path.reduce<readonly FieldNode[]>((nodes, name) => nodes.flatMap((node) => fieldsNamed(node.selectionSet, name, info.fragments)), info.fieldNodes) as FieldNode[];
}
