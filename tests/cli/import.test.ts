import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace, paygraph, shell, startPaygraph } from '../support/cli.js';
import type { TestDatabase } from '../support/database.js';
import { AI_JOBS_FILE } from '../services/import/ai-jobs-data.js';

const HEADER = 'work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size';

const workspace = cliWorkspace('paygraph-import-cli-');
const freshDatabase = () => workspace.freshDatabase();

async function observationCount(database: TestDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
  return rows[0]!.n;
}

/** `npx paygraph import <args>` into `database`; rejects with its output unless it exits 0. */
async function importCli(database: TestDatabase, args: string[]) {
  const result = await paygraph(['import', ...args], { DATABASE_URL: database.url });
  if (result.code !== 0) throw Object.assign(new Error(`paygraph import exited ${result.code}`), result);
  return result;
}

/** Writes `megabytes` of `fill` after `head`, a megabyte at a time. */
async function writeLargeFile(file: string, head: string, fill: string, megabytes: number) {
  const out = createWriteStream(file);
  out.write(head);
  const megabyte = fill.repeat(Math.ceil(2 ** 20 / fill.length)).slice(0, 2 ** 20);
  for (let written = 0; written < megabytes; written++) if (!out.write(megabyte)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  out.end();
  await finished(out);
}

/** Every snapshot, by market, as comparable text. */
async function snapshotTable(database: TestDatabase): Promise<string[]> {
  const { rows } = await database.pool.query(`
    SELECT concat_ws(' ', c.code, r.slug, s.level, s.period, s.sample_size, s.median, s.mean, s.p10, s.p25, s.p75, s.p90,
                     s.median_ci_lower, s.median_ci_upper, s.projected_median, s.projection_periods::text) AS line
    FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id ORDER BY 1`);
  return rows.map((row) => row.line);
}


describe('npx paygraph import', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('--json pipes into a JSON reader as it is', async () => {
    const database = await freshDatabase();
    const file = path.join(workspace.directory, 'piped.csv');
    await writeFile(file, [HEADER, '2022,SE,FT,Data Engineer,100000,USD,100000,US,0,US,M', '2022,SE,FT,Data Engineer,0,USD,0,US,0,US,M', ''].join('\n'));
    const readJson = `node -e 'let text = ""; process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => { const summary = JSON.parse(text); console.log(summary.imported, summary.rejected, summary.rejections[0].row) })'`;
    const { code, stdout, stderr } = await shell(`npx paygraph import --format ai-jobs --json "${file}" | ${readJson}`, { DATABASE_URL: database.url });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '1 1 3\n', stderr: '' });
  });

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
    const file = path.join(workspace.directory, 'mixed.csv');
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

  it('exits 2 for bad usage and 1 for a file it cannot import, with one line on stderr, loading nothing', async () => {
    const database = await freshDatabase();
    const missing = path.join(workspace.directory, 'missing.csv');
    const wrongLayout = path.join(workspace.directory, 'wrong-layout.csv');
    await writeFile(wrongLayout, 'name,salary\nAda,100\n');
    const failures = await Promise.all([
      importCli(database, ['--format', 'nope', AI_JOBS_FILE]).catch((error) => error),
      importCli(database, [AI_JOBS_FILE]).catch((error) => error),
      importCli(database, ['--format', 'ai-jobs', missing]).catch((error) => error),
      importCli(database, ['--format', 'ai-jobs', wrongLayout]).catch((error) => error),
    ]);
    expect(failures.map(({ code, stdout, stderr }) => ({ code, stdout, stderr }))).toEqual([
      { code: 2, stdout: '', stderr: 'paygraph import: unknown format "nope" (known: ai-jobs, csv) (see paygraph import --help)\n' },
      { code: 2, stdout: '', stderr: 'paygraph import: --format is required (see paygraph import --help)\n' },
      { code: 1, stdout: '', stderr: `paygraph import: Cannot read ${missing}.\n` },
      { code: 1, stdout: '', stderr: expect.stringMatching(/^paygraph import: Cannot import .*wrong-layout\.csv: The header lacks the ai-jobs column\(s\) .* \(found: name, salary\)\n$/) },
    ]);
    expect(await observationCount(database)).toBe(0);
  });

  it('reads LF lines after a CRLF header as lines of their own', async () => {
    const database = await freshDatabase();
    const file = path.join(workspace.directory, 'mixed-line-ends.csv');
    const rows = ['Data Engineer', 'Data Scientist', 'ML Engineer', 'Data Analyst'].map((title) => `2022,SE,FT,${title},100000,USD,100000,US,0,US,M`);
    await writeFile(file, `${HEADER}\r\n${rows[0]}\r\n${rows[1]}\n${rows[2]}\r\n${rows[3]}\n`);
    const summary = JSON.parse((await importCli(database, ['--format', 'ai-jobs', '--json', file])).stdout);
    expect(summary).toMatchObject({ read: 4, imported: 4, rejected: 0 });
  });

  it('quotes a few hundred characters of a 5 MB value, on stderr or in --json', async () => {
    const database = await freshDatabase();
    const noLineBreaks = path.join(workspace.directory, 'no-line-breaks.csv');
    await writeLargeFile(noLineBreaks, '', 'x', 5);
    const refused = await paygraph(['import', '--format', 'ai-jobs', '--json', noLineBreaks], { DATABASE_URL: database.url });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^paygraph import: Cannot import .*: The header lacks the ai-jobs column\(s\) .*\(found: x{200}… \(5,242,880 characters\)\)\n$/);
    expect(refused.stderr.length).toBeLessThan(1000);

    const hugeValue = path.join(workspace.directory, 'huge-value.csv');
    await writeLargeFile(hugeValue, `${HEADER}\n2022,SE,FT,Data Engineer,100000,USD,100000,US,0,US,M\n2022,SE,FT,Data Engineer,100000,USD,100000,US,0,US,M`, '9', 5);
    const { code, stdout, stderr } = await paygraph(['import', '--format', 'ai-jobs', '--json', hugeValue], { DATABASE_URL: database.url });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.length).toBeLessThan(2000);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ read: 2, imported: 1, rejected: 1, rejections: [{ row: '3', field: 'company_size' }] });
    expect(summary.rejections[0].reason.length).toBeLessThanOrEqual(600);
  });
});

describe('killed in the middle of an import', { timeout: CLI_TEST_TIMEOUT }, () => {
  const ROWS = 60_000;
  const BATCH = 1_000;

  it('keeps exactly the committed batches, remembers their markets as stale, and a re-run completes the import exactly', async () => {
    const file = path.join(workspace.directory, 'large.csv');
    const titles = ['Data Engineer', 'Data Scientist', 'ML Engineer', 'Data Analyst'];
    const countries = ['US', 'GB', 'DE', 'IN', 'CA'];
    const lines = [HEADER];
    for (let i = 0; i < ROWS; i++) {
      const usd = 40_000 + ((i * 7919) % 150_000);
      lines.push(`${2020 + (i % 4)},${['EN', 'MI', 'SE', 'EX'][i % 3]},FT,${titles[i % 4]},${usd},USD,${usd},${countries[i % 5]},0,US,M`);
    }
    await writeFile(file, `${lines.join('\n')}\n`);

    const crashed = await freshDatabase();
    const child = startPaygraph(['import', '--format', 'ai-jobs', '--json', '--batch-size', String(BATCH), file], { DATABASE_URL: crashed.url });
    let loaded = 0;
    for (let waited = 0; loaded < 5 * BATCH && waited < 60_000; waited += 20) {
      await sleep(20);
      loaded = await observationCount(crashed);
    }
    child.child.kill('SIGKILL');
    await child.finished;
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
