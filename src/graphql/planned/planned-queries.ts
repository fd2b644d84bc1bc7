import { getVariableValues, Kind, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { JsonDocumentService } from '../../services/json-documents.js';
import { oncePerOperation } from '../execution/once-per-operation.js';
import { catalogSql } from './catalog-sql.js';
import { NotPlannable } from './collect.js';
import { PlanBuilder, type Plan } from './plan-builder.js';
import { snapshotSql } from './snapshot-sql.js';
import { REFUSED_TEXT } from './sql-json.js';
import type { WrittenData } from './written-data.js';

const REGISTRY = { ...catalogSql, ...snapshotSql };

export interface PlannedRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The variables as sent. */
  variables: Record<string, unknown>;
  documents: JsonDocumentService;
  /** Where the data may be left as written (else it is parsed). */
  written?: WrittenData;
}

/**
 * Queries answered by one SQL statement that builds the whole answer as JSON in PostgreSQL
 * (docs/decisions/0009-planned-queries.md): an operation whose every field has SQL in the
 * registry is planned once per parsed document. The answer is the resolvers' answer, byte for
 * byte; whenever the statement could not give it (a field without SQL, @skip/@include, an
 * argument the resolvers would refuse or read differently, a figure they would answer with an
 * error) `answer` returns null and the operation runs through the resolvers as before.
 */
export function plannedQueries(schema: GraphQLSchema) {
  const planOf = oncePerOperation((document, operation: OperationDefinitionNode) => compile(schema, document, operation));

  return async function answer({ document, operation, variables, documents, written }: PlannedRequest): Promise<ExecutionResult | null> {
    if (operation.operation !== 'query') return null;
    const plan = planOf(document, operation);
    if (!plan) return null;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return null;
    let parameters: unknown[];
    try {
      parameters = plan.parameters(coerced.coerced);
    } catch {
      return null;
    }
    const text = await documents.document(plan.statement, parameters);
    if (text === null || text.includes(REFUSED_TEXT)) return null;
    return { data: written ? written.placeholder(text) : (JSON.parse(text) as Record<string, unknown>) };
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const builder = new PlanBuilder(schema, fragments, REGISTRY);
  try {
    return builder.plan(builder.object('Query', { nodes: [operation] }, {}));
  } catch (error) {
    if (error instanceof NotPlannable) return null;
    throw error;
  }
}
