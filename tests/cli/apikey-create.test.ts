import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { ApiKeyService } from '../../src/services/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const run = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('npm run apikey:create', () => {
  it('prints a new working key once, on stdout alone', async () => {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'apikey:create', '--', '--name', 'coaching app', '--scope', 'templates:write'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: database.url },
    });
    const key = stdout.trim();
    expect(key).toMatch(/^pgk_[\w-]{32}$/);
    expect(stderr).toMatch(/shown only once/);
    const verified = await new ApiKeyService(database.prisma).verify(key);
    expect(verified).toMatchObject({ name: 'coaching app', scopes: ['templates:write'] });
  });

  it('fails with usage when the name is missing', async () => {
    await expect(run('npm', ['run', '--silent', 'apikey:create'], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.url } })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: npm run apikey:create'),
    });
  });
});
