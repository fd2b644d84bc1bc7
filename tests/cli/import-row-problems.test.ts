import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const run = promisify(execFile);
const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

let database: TestDatabase;
let file: string;

beforeAll(async () => {
  database = await createTestDatabase();
  file = path.join(await mkdtemp(path.join(os.tmpdir(), 'paygraph-row-problems-')), 'survey.csv');
  await writeFile(
    file,
    [
      HEADER,
      '2022,SE,FT,Data Engineer,100000,USD,100000,US,0,US,M',
      // A negative salary in an unknown currency, paid in no known country: three problems, one row.
      '2022,SE,FT,Data Engineer,-5,ABC,100000,XX,0,US,M',
      '',
    ].join('\n'),
  );
});
afterAll(() => database?.drop());

it('npm run import lists every problem of a rejected row, and counts the row once', async () => {
  const { stdout } = await run('npm', ['run', '--silent', 'import', '--', '--format', 'ai-jobs', file], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.url } });
  expect(stdout).toMatch(/imported\s+1\n/);
  expect(stdout).toMatch(/rejected\s+1\n/);
  const problems = stdout.split('\n').filter((line) => line.trim().startsWith('line 3:'));
  expect(problems.map((line) => line.trim())).toEqual([
    'line 3: employee_residence: unknown country code "XX" (expected ISO 3166-1 alpha-2, e.g. "US")',
    'line 3: salary: must be a positive amount, got "-5"',
    'line 3: salary_currency: unknown currency "ABC" (expected an ISO 4217 code such as "USD")',
  ]);
});
