import { isAbstractType, Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/** The fields of one response key: the first node names it, all of them are merged (graphql-js's field collection). */
export interface CollectedField {
  responseKey: string;
  name: string;
  nodes: FieldNode[];
}

export class NotPlannable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotPlannable';
  }
}

/**
 * The fields selected on an object of `type` by the selection sets, by response key in the order
 * graphql-js answers them, through fragments that apply to it. Directives (@skip, @include) depend
 * on variables: a selection with any is not planned.
 */
export function collectFields(
  schema: GraphQLSchema,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  type: GraphQLObjectType,
  selectionSets: readonly (SelectionSetNode | undefined)[],
): CollectedField[] {
  const fields = new Map<string, CollectedField>();
  const applies = (condition: string | undefined) => {
    if (!condition || condition === type.name) return true;
    const abstract = schema.getType(condition);
    return abstract !== undefined && isAbstractType(abstract) && schema.isSubType(abstract, type);
  };
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.directives?.length) throw new NotPlannable('directive');
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        const field = fields.get(responseKey);
        if (field) field.nodes.push(selection);
        else fields.set(responseKey, { responseKey, name: selection.name.value, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment) throw new NotPlannable(`unknown fragment ${selection.name.value}`);
        if (fragment.directives?.length) throw new NotPlannable('directive');
        if (applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return [...fields.values()];
}
