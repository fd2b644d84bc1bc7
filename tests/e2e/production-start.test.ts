import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { contractOperation } from '../support/graphql.js';
import { npmStart, postGraphQL, READY } from '../support/processes.js';

const npm = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
});
afterAll(() => database.drop());

describe('npm start with DATABASE_URL (production)', () => {
  it('refuses a database with pending migrations and names the command to run', async () => {
    const server = npmStart({ DATABASE_URL: database.url, PORT: '0' });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/^paygraph: .*pending migration.*npm run db:migrate/m);
    expect(server.output()).not.toMatch(/"level":60/);
    await expect(npm('npm', ['run', 'db:seed'], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.url } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('run `npm run db:migrate` first'),
    });
    expect(await database.prisma.$queryRaw`SELECT to_regclass('public.country') IS NULL AS absent`).toEqual([{ absent: true }]);
  });

  it('serves after `npm run db:migrate` and `npm run db:seed`, without migrating or seeding by itself', async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    await npm('npm', ['run', 'db:migrate'], { cwd: projectRoot, env });
    const server = npmStart({ DATABASE_URL: database.url, PORT: '0' });
    try {
      const [, url] = await server.waitFor(READY);
      const beforeSeed = await postGraphQL(url!, contractOperation('CountryGraph'), { country: 'CA', first: 5 });
      expect(beforeSeed.body.data.country).toBeNull();
      await npm('npm', ['run', 'db:seed'], { cwd: projectRoot, env });
      await npm('npm', ['run', 'db:seed'], { cwd: projectRoot, env }); // seeding twice changes nothing
      const { body } = await postGraphQL(url!, contractOperation('CountryGraph'), { country: 'CA', first: 5 });
      expect(body.data.country.roles.totalCount).toBe(1);
      expect(body.data.country.roles.edges[0].node.latestSnapshot.median.amount).toBe('123557.00');
      expect(await database.prisma.advice.count()).toBe(6);
      expect(server.output()).not.toMatch(/applying migrations|loading the seed market/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited()).toBe(0);
  });
});
