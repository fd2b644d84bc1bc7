import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { seedDatabase } from '../../src/db/seed.js';
import { CONTRACT_FILE } from '../../src/serving/persisted-operations/operation-registry.js';
import type { RunningServer } from '../../src/server/http-server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer } from '../support/http-server.js';
import { runScript } from '../support/processes.js';

const exampleDir = path.join(projectRoot, 'examples', 'typed-client');
const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
const run = promisify(execFile);

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  // The example's types come from the committed schema.graphql, as a partner's would.
  await run(bin('graphql-codegen'), ['--config', 'codegen.ts'], { cwd: exampleDir });
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  server = await startTestServer(database, { serving: { persistedOperations: { only: true, file: undefined } } });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('examples/typed-client', () => {
  it('has a typed document for every contract operation, generated from the published schema', () => {
    const generated = readFileSync(path.join(exampleDir, 'gql', 'graphql.ts'), 'utf8');
    const operations = parse(readFileSync(CONTRACT_FILE, 'utf8')).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
    );
    expect(operations).toHaveLength(5);
    for (const name of operations) expect(generated).toContain(`export const ${name}Document = `);
  });

  it('typechecks against the generated types', async () => {
    await expect(run(bin('tsc'), ['--noEmit', '-p', exampleDir])).resolves.toBeDefined();
  });

  it('runs against a live server that accepts persisted operations only, and prints the market', async () => {
    const example = runScript('examples/typed-client/main.ts', { PAYGRAPH_URL: server.url });
    expect(await example.exited(), example.output()).toBe(0);
    // The seed page: median 123,557 CAD, projected 131,591 CAD (+6.5 %), 2 data points.
    expect(example.output().trim().split('\n')).toEqual([
      'machine-learning-lead in CA, 2026-04: median $123,557, projected $131,591 (UP 6.5 %)',
      'Confidence: INSUFFICIENT, 2 data points',
      'Top skill: Python (NumPy/Pandas)',
      'Canada: 1 role(s) with market data',
    ]);
  });
});
