import { createHash } from 'node:crypto';
import { getArgumentValues, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { collectFields, NotPlannable, type CollectedField } from './collect.js';
import { constantString, jsonObject, sqlOf, type JsonText } from './sql-json.js';

/** The SQL names a field's value is computed from: table aliases, parameter placeholders, expressions. */
export type Scope = Readonly<Record<string, string>>;

/** A field's value as JSON text built in SQL. */
export type FieldSql = (field: CollectedField, scope: Scope, plan: PlanBuilder) => JsonText;

/** How the fields of one type are computed; a field with arguments must say it reads them. */
export type TypeSql = Readonly<Record<string, FieldSql | { withArguments: FieldSql }>>;

export type Registry = Readonly<Record<string, TypeSql>>;

/** Reads a field's arguments into the values of its parameters; throws when the SQL cannot answer as the resolvers would. */
type Binder = (argumentsOf: Record<string, unknown>) => unknown[];

interface Binding {
  definition: GraphQLField<unknown, unknown>;
  node: FieldNode;
  bind: Binder;
}

/** One statement answering a whole operation, and how the request's arguments become its parameters. */
export interface Plan {
  statement: { name: string; text: string };
  parameters(variables: Record<string, unknown>): unknown[];
}

/** Statements prepared under a name (once per connection); past this many distinct ones, unnamed (planned each time). */
const NAMED_STATEMENTS = 256;
const named = new Set<string>();

function statementName(text: string): string {
  const name = `paygraph_planned_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  if (named.has(name)) return name;
  if (named.size >= NAMED_STATEMENTS) return '';
  named.add(name);
  return name;
}

/** Builds the SQL of an operation's selection, type by type, through the registry. */
export class PlanBuilder {
  private readonly bindings: Binding[] = [];
  private readonly tables = new Map<string, string>();
  private parameterCount = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    private readonly registry: Registry,
  ) {}

  /** The JSON object the selection of `field` (or of an operation) makes of an object of `typeName`. */
  object(typeName: string, field: { nodes: readonly { selectionSet?: SelectionSetNode }[] }, scope: Scope): JsonText {
    const type = this.schema.getType(typeName) as GraphQLObjectType;
    const fields = collectFields(this.schema, this.fragments, type, field.nodes.map((node) => node.selectionSet));
    return jsonObject(fields.map((selected) => [selected.responseKey, this.field(type, selected, scope)]));
  }

  /**
   * Placeholders for the parameters `bind` makes of the field's arguments (cast to `types`):
   * computed per request from the arguments as graphql-js coerces them.
   */
  bind(field: CollectedField, typeName: string, types: readonly string[], bind: Binder): string[] {
    const definition = (this.schema.getType(typeName) as GraphQLObjectType).getFields()[field.name]!;
    this.bindings.push({ definition, node: field.nodes[0]!, bind });
    return types.map((type) => `$${++this.parameterCount}::${type}`);
  }

  /**
   * A table the statement computes once (a common table expression), for fields that would
   * otherwise compute it per row: named `prefix`, numbered; the same SQL is the same table.
   */
  table(prefix: string, sql: string): string {
    for (const [name, existing] of this.tables) if (existing === sql) return name;
    const name = `${prefix}_${this.tables.size}`;
    this.tables.set(name, sql);
    return name;
  }

  /** The statement whose one column `document` is `data` as JSON text. */
  plan(data: JsonText): Plan {
    const tables = [...this.tables].map(([name, sql]) => `${name} AS MATERIALIZED (${sql})`);
    const text = `${tables.length ? `WITH ${tables.join(', ')} ` : ''}SELECT ${sqlOf(data)} AS document`;
    const bindings = [...this.bindings];
    return {
      statement: { name: statementName(text), text },
      parameters: (variables) => bindings.flatMap(({ definition, node, bind }) => bind(getArgumentValues(definition, node, variables))),
    };
  }

  private field(type: GraphQLObjectType, field: CollectedField, scope: Scope): JsonText {
    if (field.name === '__typename') return constantString(type.name);
    const sql = this.registry[type.name]?.[field.name];
    if (!sql) throw new NotPlannable(`${type.name}.${field.name}`);
    if (typeof sql === 'function') {
      if (field.nodes.some((node) => node.arguments?.length)) throw new NotPlannable(`${type.name}.${field.name} with arguments`);
      return sql(field, scope, this);
    }
    return sql.withArguments(field, scope, this);
  }
}
