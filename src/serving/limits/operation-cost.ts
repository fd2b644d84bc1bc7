import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { fragmentsByName } from './fragments.js';
import { coerceVariables } from './variables.js';

type Variables = Record<string, unknown>;

/** Costs grow exponentially with nested pages: they stop at the largest exact integer. */
const capped = (cost: number) => Math.min(cost, Number.MAX_SAFE_INTEGER);

const META_FIELDS = new Map<string, GraphQLField<unknown, unknown>>([
  [SchemaMetaFieldDef.name, SchemaMetaFieldDef],
  [TypeMetaFieldDef.name, TypeMetaFieldDef],
  [TypeNameMetaFieldDef.name, TypeNameMetaFieldDef],
]);

function fieldDefinition(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return META_FIELDS.get(name) ?? (isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined);
}

function included(selection: SelectionNode, variables: Variables): boolean {
  return getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
}

/** The fields of a connection that repeat once per item of its page. */
const PAGE_ITEM_FIELDS = new Set(['edges', 'nodes']);

/**
 * The page size a field asks for, when it is paged: its `first`, or the default page of a `first`
 * left out or null; undefined for a field without `first`.
 */
function pageSize(field: GraphQLField<unknown, unknown>, args: Variables): number | undefined {
  if (typeof args.first === 'number') return Math.max(args.first, 0);
  const first = field.args.find((arg) => arg.name === 'first');
  if (!first) return undefined;
  return typeof first.defaultValue === 'number' ? first.defaultValue : 0;
}

/**
 * A field's cost from its child selection's (where a page's items are already counted `first`
 * times, see selectionCost): a field may declare its own (a number added to its selection's, or an
 * estimator such as listOf's, see src/graphql/models/complexity.ts); any other costs 1 plus its
 * selection.
 */
function fieldCost(field: GraphQLField<unknown, unknown>, node: FieldNode, type: GraphQLCompositeType, args: Variables, childComplexity: number, paged: boolean): number {
  const declared = field.extensions.complexity as ComplexityEstimator | number | undefined;
  if (paged || declared === undefined) return capped(1 + childComplexity);
  if (typeof declared === 'number') return capped(childComplexity + declared);
  const estimate = declared({ args, childComplexity, field, node, type });
  return typeof estimate === 'number' && !Number.isNaN(estimate) ? capped(estimate) : capped(1 + childComplexity);
}

/**
 * What an operation costs: 1 per field; in a paged field (one with `first`), its items (`edges`,
 * `nodes`) count once per item of the page (`first`, or the default page) and its other fields
 * (totalCount, pageInfo) once; a list field counts its items as many times as it declares. In time
 * linear in the document: each fragment is priced once (per page size), and where a selection may
 * be of several types, the costliest counts. Variables are coerced first; a bad one is
 * refused with BAD_USER_INPUT naming it.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Variables | undefined): number {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return 0;
  const variableValues = coerceVariables(schema, operation, variables ?? {});
  const fragments = fragmentsByName(document);
  const priced = new Map<string, number>();

  const fragmentCost = (fragment: FragmentDefinitionNode, type: GraphQLCompositeType, items: number): number => {
    const key = `${fragment.name.value}:${items}`;
    let cost = priced.get(key);
    if (cost !== undefined) return cost;
    // Validation has refused fragment cycles; should one get here, it costs nothing more.
    priced.set(key, 0);
    cost = selectionCost(fragment.selectionSet, type, items);
    priced.set(key, cost);
    return cost;
  };

  const typeCondition = (name: string | undefined, otherwise: GraphQLCompositeType): GraphQLCompositeType | undefined => {
    if (name === undefined) return otherwise;
    const type = schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  };

  /** `items`: the page size when this is a paged field's selection (its edges and nodes repeat that often), else 1. */
  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, items = 1): number => {
    // Per possible concrete type: the fields every type gets, plus the fragments that apply to it.
    const possibleTypes = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    const costs = possibleTypes.map(() => 0);
    const charge = (cost: number, applies: GraphQLCompositeType) => {
      possibleTypes.forEach((possible, index) => {
        if (possible === applies || (isAbstractType(applies) && schema.isSubType(applies, possible))) costs[index] = capped(costs[index]! + cost);
      });
    };
    for (const selection of selectionSet.selections) {
      if (!included(selection, variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        const field = fieldDefinition(type, selection.name.value);
        if (!field) continue;
        const childType = getNamedType(field.type);
        const args = getArgumentValues(field, selection, variableValues);
        const page = pageSize(field, args);
        const childComplexity = selection.selectionSet && isCompositeType(childType) ? selectionCost(selection.selectionSet, childType, page ?? 1) : 0;
        const cost = fieldCost(field, selection, type, args, childComplexity, page !== undefined);
        charge(PAGE_ITEM_FIELDS.has(field.name) ? capped(items * cost) : cost, type);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = typeCondition(selection.typeCondition?.name.value, type);
        if (condition) charge(selectionCost(selection.selectionSet, condition, items), condition);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && typeCondition(fragment.typeCondition.name.value, type);
        if (fragment && condition) charge(fragmentCost(fragment, condition, items), condition);
      }
    }
    return Math.max(0, ...costs);
  };

  return selectionCost(operation.selectionSet, rootType);
}
