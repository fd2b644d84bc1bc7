import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { fragmentsByName } from './fragments.js';

/** What the shape limits look at in a selection, each fragment counted wherever it is spread. */
export interface SelectionShape {
  /** Levels of nested fields outside introspection: `{ a { b } }` is 2. */
  depth: number;
  /** Aliased fields outside introspection. */
  aliases: number;
  /** `__schema` and `__type` fields. */
  introspectionFields: number;
  /** Levels of the deepest introspection field, itself included: `{ __schema { types { name } } }` is 3. */
  introspectionDepth: number;
  /** Aliased introspection fields, `__schema` and `__type` included. */
  introspectionAliases: number;
}

const INTROSPECTION_ENTRIES = new Set(['__schema', '__type']);

const NOTHING: SelectionShape = { depth: 0, aliases: 0, introspectionFields: 0, introspectionDepth: 0, introspectionAliases: 0 };

/** Counts can grow exponentially with fragments spread twice over: they stop at the largest exact integer. */
const add = (a: number, b: number) => Math.min(a + b, Number.MAX_SAFE_INTEGER);

function siblings(a: SelectionShape, b: SelectionShape): SelectionShape {
  return {
    depth: Math.max(a.depth, b.depth),
    aliases: add(a.aliases, b.aliases),
    introspectionFields: add(a.introspectionFields, b.introspectionFields),
    introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
    introspectionAliases: add(a.introspectionAliases, b.introspectionAliases),
  };
}

function fieldShape(field: FieldNode, selection: SelectionShape): SelectionShape {
  const aliased = field.alias ? 1 : 0;
  if (INTROSPECTION_ENTRIES.has(field.name.value)) {
    // Below __schema and __type everything is introspection (they exist on the root type only).
    return { ...NOTHING, introspectionFields: 1, introspectionDepth: 1 + selection.depth, introspectionAliases: add(aliased, selection.aliases) };
  }
  return { ...selection, depth: 1 + selection.depth, aliases: add(aliased, selection.aliases) };
}

/**
 * The shape of an operation, in time linear in the document: each fragment is measured once and
 * its measure reused wherever it is spread (walking it again at each spread doubles the work per
 * level of fragments spreading a fragment twice).
 */
export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): SelectionShape {
  const fragments = fragmentsByName(document);
  const measured = new Map<string, SelectionShape>();

  const fragmentShape = (name: string): SelectionShape => {
    let shape = measured.get(name);
    if (shape) return shape;
    // Validation has refused fragment cycles; should one get here, it measures as nothing.
    measured.set(name, NOTHING);
    const fragment = fragments.get(name);
    shape = fragment ? selectionShape(fragment.selectionSet) : NOTHING;
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (selectionSet: SelectionSetNode | undefined): SelectionShape => {
    let shape = NOTHING;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) shape = siblings(shape, fieldShape(selection, selectionShape(selection.selectionSet)));
      else if (selection.kind === Kind.INLINE_FRAGMENT) shape = siblings(shape, selectionShape(selection.selectionSet));
      else shape = siblings(shape, fragmentShape(selection.name.value));
    }
    return shape;
  };

  return selectionShape(operation.selectionSet);
}
