import { execute, getOperationAST, GraphQLError, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/errors.js';
import { compiledExecution } from '../../../src/graphql/execution/compiled-execution.js';
import { seedDatabase } from '../../../src/db/seed.js';
import { buildPaygraphSchema } from '../../../src/graphql/schema.js';
import { createContext } from '../../../src/server/context.js';
import { toGlobalId } from '../../../src/graphql/global-id.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation } from '../../support/graphql.js';

let database: TestDatabase;
let schema: GraphQLSchema;
let executor: NonNullable<Awaited<ReturnType<ReturnType<typeof compiledExecution>['load']>>['executor']>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  schema = await buildPaygraphSchema();
  executor = (await compiledExecution(schema, { defaultMaxAge: 300 }).load({ apollo: {} })).executor!;
});

afterAll(() => database.drop());

/** Countries are identified by their code. */
const canada = toGlobalId('Country', 'CA');

/** What a client receives from an error: its message, path, locations and extensions. */
const asSent = (result: ExecutionResult) => JSON.parse(JSON.stringify({ data: result.data, errors: result.errors?.map((error) => error.toJSON()) }));

/** One operation run twice on fresh contexts: by the compiled executor (as Apollo calls it) and by graphql-js. */
async function bothWays(query: string, variables: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  const operation = getOperationAST(document, operationName)!;
  const request = { query, variables, operationName };
  const compiled = await executor({ document, operation, operationName: operation?.name?.value ?? null, request, context: createContext(database), overallCachePolicy: { restrict: () => undefined } } as unknown as Parameters<typeof executor>[0]);
  const reference = await execute({ schema, document, variableValues: variables, operationName, contextValue: createContext(database) });
  return { compiled: compiled as ExecutionResult, reference };
}

describe('compiled execution', () => {
  const market = { country: 'CA', role: 'machine-learning-lead' };
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['CountryGraph', contractOperation('CountryGraph'), { country: 'CA', first: 5 }],
    ['Snapshot', contractOperation('Snapshot'), market],
    ['MarketReport', contractOperation('MarketReport'), market],
    ['Node (nothing)', contractOperation('Node'), { id: 'nonsense' }],
    ['an unknown role (NOT_FOUND)', contractOperation('Snapshot'), { country: 'CA', role: 'no-such-role' }],
    ['an omitted non-null variable with a default (found by the fuzz test)', 'query ($c: String! = "CA", $n: Int! = 2) { country(code: $c) { code roles(first: $n) { totalCount } } }', {}],
    ['a bad currency argument', '{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { median(currency: "XX") { amount } } }', {}],
  ];

  it('compiles every query of the contract (none falls back to graphql-js)', () => {
    for (const name of ['MarketReport', 'Snapshot', 'SnapshotAtPeriod', 'CountryGraph', 'Node']) {
      expect(isCompiledQuery(compileQuery(schema, parse(contractOperation(name)))), name).toBe(true);
    }
  });

  it.each(cases)('answers %s exactly as graphql-js does', async (_name, query, variables) => {
    const { compiled, reference } = await bothWays(query, variables);
    expect(asSent(compiled)).toEqual(asSent(reference));
  });

  it('finds a Node through its type name, as graphql-js does', async () => {
    const { compiled, reference } = await bothWays(contractOperation('Node'), { id: canada });
    expect(compiled.errors).toBeUndefined();
    expect(compiled.data!.node).toEqual({ id: canada, __typename: 'Country', code: 'CA' });
    expect(asSent(compiled)).toEqual(asSent(reference));
  });

  it('returns errors that are graphql-js errors keeping the original (for masking and codes)', async () => {
    const { compiled } = await bothWays(contractOperation('Snapshot'), { country: 'CA', role: 'no-such-role' });
    const [error] = compiled.errors!;
    expect(error!.constructor).toBe(GraphQLError);
    expect(error!.originalError).toBeInstanceOf(NotFoundError);
    expect(error!.locations).toEqual([{ line: 2, column: 3 }]);
  });

  it('refuses bad variables with graphql-js own errors', async () => {
    const { compiled, reference } = await bothWays(contractOperation('CountryGraph'), { country: 'CA', first: 'five' });
    expect(reference.errors![0]!.message).toMatch(/\$first/);
    expect(asSent(compiled)).toEqual(asSent(reference));
  });

  it('leaves an operation name that names nothing to graphql-js', async () => {
    const { compiled, reference } = await bothWays(contractOperation('Snapshot'), market, 'Other');
    expect(compiled.errors![0]!.message).toBe('Unknown operation named "Other".');
    expect(asSent(compiled)).toEqual(asSent(reference));
  });
});
