import { execute, parse, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { DomainError, ErrorCode } from '../../../src/errors.js';
import { Money } from '../../../src/graphql/models/money.type.js';
import { buildPaygraphSchema } from '../../../src/graphql/schema.js';
import { createContext } from '../../../src/server/context.js';
import type { SnapshotRow, ScopedRole } from '../../../src/services/read-rows.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  schema = await buildPaygraphSchema();
});

afterAll(() => database.drop());

const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
const info = {} as GraphQLResolveInfo;
const snapshot = { id: 1, countryId: 1, roleId: 1, currencyCode: 'CAD', median: '123557.00', projectedMedian: '131591.00' } as SnapshotRow;

describe('resolvers of fields with plain arguments', () => {
  it('answer at once, with the argument object built and validated', () => {
    const median = field('MarketSnapshot', 'median').resolve!(snapshot, { currency: null }, { services: {} }, info);
    expect(median).toBeInstanceOf(Money);
    expect(median).toMatchObject({ amount: '123557.00', currencyCode: 'CAD' });

    const growth = field('MarketSnapshot', 'growthDelta').resolve!(snapshot, { basis: 'PROJECTION' }, { services: createContext(database).services }, info);
    expect(growth).toMatchObject({ basis: 'PROJECTION', percent: 6.5, direction: 'UP', absolute: { amount: '8034.00' } });
  });

  it('hand the resolver method the arguments, built as their class so that its rules apply', () => {
    const received: unknown[] = [];
    const context = { services: { snapshots: { latestSnapshotOfRole: (...params: unknown[]) => received.push(...params) } } };
    field('Role', 'latestSnapshot').resolve!({ id: 1, scopeCountryId: 1 } as ScopedRole, { level: 'SENIOR' }, context, info);
    expect(received).toEqual([{ id: 1, scopeCountryId: 1 }, undefined, 'SENIOR']);
    const query = field('Query', 'marketSnapshot');
    expect(() => query.resolve!(undefined, { countryCode: 'Canada', roleSlug: 'x', level: 'ALL' }, {}, info)).toThrow(ArgumentValidationError);
  });

  it('reject invalid arguments synchronously, as BAD_USER_INPUT through the schema', async () => {
    expect(() => field('MarketSnapshot', 'medianIn').resolve!(snapshot, { currency: 'dollars' }, { services: {} }, info)).toThrow(ArgumentValidationError);
    const result = await execute({
      schema,
      document: parse('{ marketSnapshot(countryCode: "CA", roleSlug: "machine-learning-lead") { medianIn(currency: "dollars") { amount } } }'),
      contextValue: createContext(database),
    });
    expect(result.errors?.[0]?.originalError).toBeInstanceOf(ArgumentValidationError);
    expect(result.errors?.[0]?.path).toEqual(['marketSnapshot', 'medianIn']);
  });
});

describe('fields with guards or input objects', () => {
  it('keep TypeGraphQL’s resolver: a write without an API key is still refused', async () => {
    const result = await execute({
      schema,
      document: parse('mutation { importObservations(input: { source: "test", observations: [] }) { imported } }'),
      contextValue: createContext(database),
    });
    expect((result.errors?.[0]?.originalError as DomainError | undefined)?.code).toBe(ErrorCode.UNAUTHENTICATED);
  });
});
