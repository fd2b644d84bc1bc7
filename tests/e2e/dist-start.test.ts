import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { seedDatabase } from '../../src/db/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contractOperation } from '../support/graphql.js';
import { postGraphQL, READY, runCommand, STACK_TRACE } from '../support/processes.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  const build = runCommand('npm', ['run', 'build'], {});
  expect(await build.exited(), build.output()).toBe(0);
}, 300_000);
afterAll(() => database.drop());

/** The production command (the Dockerfile's): the compiled JavaScript, no TypeScript compiler at run time. */
const node = (script: string, env: Record<string, string>, args: string[] = []) =>
  runCommand(process.execPath, ['--enable-source-maps', '--max-old-space-size=1024', script, ...args], { DATABASE_URL: database.url, ...env });

describe('the build (`npm run build`, then `node dist/main.js`)', () => {
  it('serves in production from dist/ and exits 0 on SIGTERM', async () => {
    const server = node('dist/main.js', { NODE_ENV: 'production', PORT: '0' });
    try {
      const [, url] = await server.waitFor(READY);
      expect(server.output()).toMatch(/GraphiQL \(off in production\)/);
      const { status, body } = await postGraphQL(url!, contractOperation('Snapshot'), { country: 'CA', role: 'machine-learning-lead' });
      expect(status).toBe(200);
      expect(body.data.marketSnapshot.median.amount).toBe('123557.00');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited()).toBe(0);
    expect(server.output()).not.toMatch(STACK_TRACE);
  });

  it('compiles the paygraph command, which runs from dist/', async () => {
    const tools = readdirSync(path.join(projectRoot, 'src', 'cli')).filter((file) => file.endsWith('.ts'));
    const built = readdirSync(path.join(projectRoot, 'dist', 'cli'));
    expect(built).toEqual(expect.arrayContaining(tools.map((file) => file.replace(/\.ts$/, '.js'))));

    const report = node('dist/cli/main.js', {}, ['report', '--country', 'CA', '--role', 'machine-learning-lead']);
    expect(await report.exited(), report.output()).toBe(0);
    expect(report.output()).toMatch(/median Machine Learning Lead salary in Canada is \$123,557/);
  });
});
