import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runScript } from '../support/processes.js';
import { AI_JOBS_FILE } from '../services/import/ai-jobs-data.js';

const run = promisify(execFile);
const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

let directory: string;
const databases: TestDatabase[] = [];

async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function observationCount(database: TestDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
  return rows[0]!.n;
}

function importCli(database: TestDatabase, args: string[]) {
  return run('npm', ['run', '--silent', 'import', '--', ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.url }, maxBuffer: 1 << 24 });
}

/** Every snapshot, by market, as comparable text. */
async function snapshotTable(database: TestDatabase): Promise<string[]> {
  const { rows } = await database.pool.query(`
    SELECT concat_ws(' ', c.code, r.slug, s.level, s.period, s.sample_size, s.median, s.mean, s.p10, s.p25, s.p75, s.p90,
                     s.median_ci_lower, s.median_ci_upper, s.projected_median, s.projection_periods::text) AS line
    FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id ORDER BY 1`);
  return rows.map((row) => row.line);
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'paygraph-import-cli-'));
});
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe('npm run import', () => {
  it('--json prints only the summary; a second import adds nothing', async () => {
    const database = await freshDatabase();
    const first = await importCli(database, ['--format', 'ai-jobs', '--json', AI_JOBS_FILE]);
    const summary = JSON.parse(first.stdout);
    const { rows: computed } = await database.pool.query("SELECT count(*)::int AS n FROM market_snapshot WHERE source = 'COMPUTED'");
    expect(summary).toEqual({ read: 3755, imported: 3755, duplicates: 0, rejected: 0, snapshots: computed[0].n, rejections: [] });
    expect(computed[0].n).toBeGreaterThan(1000);
    const second = JSON.parse((await importCli(database, ['--format', 'ai-jobs', '--json', AI_JOBS_FILE])).stdout);
    expect(second).toEqual({ read: 3755, imported: 0, duplicates: 3755, rejected: 0, snapshots: 0, rejections: [] });
  });

  it('lists rejected rows with line and reason in its summary, loads the rest and exits 0', async () => {
    const database = await freshDatabase();
    const file = path.join(directory, 'mixed.csv');
    await writeFile(file, [HEADER, '2022,SE,FT,Data Engineer,100000,USD,100000,US,0,US,M', '2022,SE,FT,Data Engineer,0,USD,0,US,0,US,M', '2022,SE,FT,Data Engineer,100000,ABC,100000,US,0,US,M', ''].join('\n'));
    const { stdout } = await importCli(database, ['--format', 'ai-jobs', file]);
    expect(stdout).toContain('Imported');
    expect(stdout).toMatch(/read\s+3 rows/);
    expect(stdout).toMatch(/imported\s+1\n/);
    expect(stdout).toMatch(/rejected\s+2\n/);
    expect(stdout).toContain('line 3: salary_in_usd: must be a positive amount, got "0"');
    expect(stdout).toContain('line 4: salary_currency: unknown currency "ABC"');
    expect(await observationCount(database)).toBe(1);
  });

  it('exits 2 for bad usage and 1 for a file it cannot import, loading nothing', async () => {
    const database = await freshDatabase();
    await expect(importCli(database, ['--format', 'nope', AI_JOBS_FILE])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown format "nope"') });
    await expect(importCli(database, [AI_JOBS_FILE])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--format is required') });
    await expect(importCli(database, ['--format', 'ai-jobs', path.join(directory, 'missing.csv')])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Cannot read') });
    const wrongLayout = path.join(directory, 'wrong-layout.csv');
    await writeFile(wrongLayout, 'name,salary\nAda,100\n');
    await expect(importCli(database, ['--format', 'ai-jobs', wrongLayout])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('The header lacks the ai-jobs column(s)') });
    expect(await observationCount(database)).toBe(0);
  });
});

describe('killed in the middle of an import', () => {
  const ROWS = 60_000;
  const BATCH = 1_000;

  it('keeps exactly the committed batches, remembers their markets as stale, and a re-run completes the import exactly', async () => {
    const file = path.join(directory, 'large.csv');
    const titles = ['Data Engineer', 'Data Scientist', 'ML Engineer', 'Data Analyst'];
    const countries = ['US', 'GB', 'DE', 'IN', 'CA'];
    const lines = [HEADER];
    for (let i = 0; i < ROWS; i++) {
      const usd = 40_000 + ((i * 7919) % 150_000);
      lines.push(`${2020 + (i % 4)},${['EN', 'MI', 'SE', 'EX'][i % 3]},FT,${titles[i % 4]},${usd},USD,${usd},${countries[i % 5]},0,US,M`);
    }
    await writeFile(file, `${lines.join('\n')}\n`);

    const crashed = await freshDatabase();
    const child = runScript('src/cli/import.ts', { DATABASE_URL: crashed.url }, ['--format', 'ai-jobs', '--json', '--batch-size', String(BATCH), file]);
    let loaded = 0;
    for (let waited = 0; loaded < 5 * BATCH && waited < 60_000; waited += 20) {
      await sleep(20);
      loaded = await observationCount(crashed);
    }
    child.child.kill('SIGKILL');
    await child.exited();
    const kept = await observationCount(crashed);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(ROWS);
    expect(kept % BATCH).toBe(0);
    // The committed rows are the file's first rows, every one of their markets is awaiting its rebuild.
    const { rows: keys } = await crashed.pool.query('SELECT min(row_number)::int AS first, max(row_number)::int AS last FROM observation');
    expect(keys[0]).toEqual({ first: 2, last: kept + 1 });
    const { rows: unaccounted } = await crashed.pool.query(
      'SELECT count(*)::int AS n FROM (SELECT DISTINCT country_id, role_id, period FROM observation EXCEPT SELECT country_id, role_id, period FROM stale_market) AS missing',
    );
    expect(unaccounted[0].n).toBe(0);

    const resumed = JSON.parse((await importCli(crashed, ['--format', 'ai-jobs', '--json', '--batch-size', String(BATCH), file])).stdout);
    expect(resumed).toMatchObject({ read: ROWS, imported: ROWS - kept, duplicates: kept, rejected: 0 });
    expect(await observationCount(crashed)).toBe(ROWS);
    expect(await crashed.prisma.staleMarket.count()).toBe(0);

    const clean = await freshDatabase();
    await importCli(clean, ['--format', 'ai-jobs', '--json', file]);
    expect(await snapshotTable(crashed)).toEqual(await snapshotTable(clean));
  });
});
