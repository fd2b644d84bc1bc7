import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace, paygraph, shell } from '../support/cli.js';
import type { TestDatabase } from '../support/database.js';
import { AI_JOBS_FILE, expectedFigures } from '../services/import/ai-jobs-data.js';
import { LEVELS_FYI_MAPPING, levelsFyiFile, levelsFyiRows, type LevelsFyiRow } from '../services/import/levels-fyi-data.js';

const AI_JOBS_MAPPING = 'data/mappings/ai-jobs.json';

const workspace = cliWorkspace('paygraph-import-mapped-');
const freshDatabase = () => workspace.freshDatabase();


/** `npx paygraph import <args> --json | <a JSON reader>`: the summary as a program reading the pipe gets it. */
async function importPiped(database: TestDatabase, args: string[]) {
  const readJson = `node -e 'let text = ""; process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => console.log(JSON.stringify(JSON.parse(text))))'`;
  const quoted = args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const result = await shell(`npx paygraph import ${quoted} --json | ${readJson}`, { DATABASE_URL: database.url });
  if (result.code !== 0) throw Object.assign(new Error(`the import exited ${result.code}: ${result.stderr}`), result);
  return JSON.parse(result.stdout);
}

/** Every observation, each as comparable text, by source row. */
async function observationTable(database: TestDatabase): Promise<string[]> {
  const { rows } = await database.pool.query(`
    SELECT concat_ws(' | ', s.key, o.row_number, o.row_key, c.code, r.slug, r.title, r.category, o.level, o.period, o.job_title, o.employment_type, o.amount,
                     o.currency_code, o.original_amount, o.original_currency, o.remote_ratio, o.company_location, o.company_size,
                     coalesce(o.skills::text, 'no skills'), coalesce(o.certifications::text, 'no certifications')) AS line
    FROM observation o JOIN observation_source s ON s.id = o.source_id JOIN country c ON c.id = o.country_id JOIN role r ON r.id = o.role_id
    ORDER BY o.row_number`);
  return rows.map((row) => row.line);
}

/** Every snapshot, each as comparable text. */
async function snapshotTable(database: TestDatabase): Promise<string[]> {
  const { rows } = await database.pool.query(`
    SELECT concat_ws(' | ', c.code, r.slug, s.level, s.period, s.currency_code, s.sample_size, s.median, s.mean, s.p10, s.p25, s.p75, s.p90,
                     s.median_ci_lower, s.median_ci_upper, s.projected_median, s.projection_periods::text, s.as_of, s.source, s.provenance) AS line
    FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id ORDER BY 1`);
  return rows.map((row) => row.line);
}

describe('npx paygraph import --format csv --mapping', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('imports the ai-jobs file through data/mappings/ai-jobs.json exactly as --format ai-jobs does', async () => {
    const [viaFormat, viaMapping] = await Promise.all([freshDatabase(), freshDatabase()]);
    const source = ['--source', 'ai-jobs-survey'];
    const [formatSummary, mappingSummary] = await Promise.all([
      importPiped(viaFormat, ['--format', 'ai-jobs', ...source, AI_JOBS_FILE]),
      importPiped(viaMapping, ['--format', 'csv', '--mapping', AI_JOBS_MAPPING, ...source, AI_JOBS_FILE]),
    ]);
    expect(formatSummary).toMatchObject({ read: 3755, imported: 3755, rejected: 0 });
    expect(mappingSummary).toEqual(formatSummary);
    const observations = await observationTable(viaFormat);
    expect(observations).toHaveLength(3755);
    expect(await observationTable(viaMapping)).toEqual(observations);
    const snapshots = await snapshotTable(viaFormat);
    expect(snapshots.length).toBeGreaterThan(1000);
    expect(await snapshotTable(viaMapping)).toEqual(snapshots);
  });

  it("imports a Levels.fyi-style file with the issue's mapping: percentiles from its rows, skills on its observations", async () => {
    const database = await freshDatabase();
    const rows = levelsFyiRows(400);
    const file = path.join(workspace.directory, 'levels.csv');
    const mapping = path.join(workspace.directory, 'levels.json');
    await writeFile(file, levelsFyiFile(rows));
    await writeFile(mapping, LEVELS_FYI_MAPPING);

    const summary = await importPiped(database, ['--format', 'csv', '--mapping', mapping, file]);
    const { rows: computed } = await database.pool.query('SELECT count(*)::int AS n FROM market_snapshot');
    expect(summary).toEqual({ read: 400, imported: 400, duplicates: 0, rejected: 0, snapshots: computed[0].n, rejections: [] });

    // Every market and level the rows make, worked out here from the rows themselves.
    const groups = new Map<string, LevelsFyiRow[]>();
    const slug = (title: string) => title.toLowerCase().replaceAll(' ', '-');
    for (const row of rows) {
      for (const level of ['ALL', row.level]) {
        const key = `${row.country} ${slug(row.title)} ${level}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
    }
    const { rows: snapshots } = await database.pool.query(`
      SELECT concat_ws(' ', c.code, r.slug, s.level) AS key, s.period, s.currency_code, s.sample_size, s.median::text, s.mean::text,
             s.p10::text, s.p25::text, s.p75::text, s.p90::text, s.median_ci_lower::text AS ci_lower, s.median_ci_upper::text AS ci_upper, r.category
      FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id`);
    expect(new Set(snapshots.map((snapshot) => snapshot.key))).toEqual(new Set(groups.keys()));
    for (const snapshot of snapshots) {
      const figures = expectedFigures(groups.get(snapshot.key)!.map((row) => row.compensation));
      expect(snapshot, snapshot.key).toEqual({
        key: snapshot.key,
        period: '2021',
        currency_code: 'USD',
        category: 'Software Engineering',
        sample_size: figures.sampleSize,
        median: figures.median,
        mean: figures.mean,
        p10: figures.p10,
        p25: figures.p25,
        p75: figures.p75,
        p90: figures.p90,
        ci_lower: figures.ciLower,
        ci_upper: figures.ciUpper,
      });
    }

    const { rows: stored } = await database.pool.query('SELECT row_number::int AS line, skills, certifications, level FROM observation ORDER BY row_number');
    expect(stored).toEqual(rows.map((row) => ({ line: row.line, skills: [row.tag], certifications: null, level: row.level })));
  });

  it('refuses a bad mapping, or a file without a column it names, with one line naming the key or the column', async () => {
    const database = await freshDatabase();
    const file = path.join(workspace.directory, 'small.csv');
    const badMapping = path.join(workspace.directory, 'bad.json');
    const levelsMapping = path.join(workspace.directory, 'levels-mapping.json');
    await writeFile(file, 'company;title;totalyearlycompensation;location;yearsofexperience\nAcme;Engineer;100000;Seattle, WA;3\n');
    await writeFile(badMapping, JSON.stringify({ fields: { title: { column: 'title' }, amount: { column: 'pay', value: '1' } } }));
    await writeFile(levelsMapping, LEVELS_FYI_MAPPING);
    const results = await Promise.all([
      paygraph(['import', '--format', 'csv', '--mapping', badMapping, file], { DATABASE_URL: database.url }),
      paygraph(['import', '--format', 'csv', '--mapping', levelsMapping, file], { DATABASE_URL: database.url }),
      paygraph(['import', '--format', 'csv', file], { DATABASE_URL: database.url }),
      paygraph(['import', '--format', 'ai-jobs', '--mapping', levelsMapping, file], { DATABASE_URL: database.url }),
    ]);
    expect(results).toEqual([
      {
        code: 1,
        stdout: '',
        stderr: 'paygraph import: bad.json is not a valid mapping: fields.amount: needs either "column" or "value" (not both); fields.currency: is required; fields.period: is required; fields.country: is required\n',
      },
      {
        code: 1,
        stdout: '',
        stderr: `paygraph import: Cannot import ${file}: The header lacks the column(s) the mapping names: tag (found: company, title, totalyearlycompensation, location, yearsofexperience)\n`,
      },
      { code: 2, stdout: '', stderr: 'paygraph import: --format csv needs --mapping (see paygraph import --help)\n' },
      { code: 2, stdout: '', stderr: 'paygraph import: --mapping goes only with --format csv (see paygraph import --help)\n' },
    ]);
    const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM observation');
    expect(rows[0].n).toBe(0);
  });

  it('lists the rejected rows of a mapped file with their line and every reason', async () => {
    const database = await freshDatabase();
    const file = path.join(workspace.directory, 'rejections.csv');
    const mapping = path.join(workspace.directory, 'rejections.json');
    await writeFile(mapping, LEVELS_FYI_MAPPING);
    await writeFile(
      file,
      [
        'company;title;totalyearlycompensation;location;yearsofexperience;yearsatcompany;tag;gender;Education',
        'Acme;Engineer;100000;Seattle, WA;3;1;Back-End;;',
        'Acme;Engineer;lots;Atlantis;three;1;Back-End;;',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await paygraph(['import', '--format', 'csv', '--mapping', mapping, file], { DATABASE_URL: database.url });
    expect(code).toBe(0);
    expect(stdout).toMatch(/imported\s+1\n/);
    expect(stdout).toMatch(/rejected\s+1\n/);
    expect(stdout).toContain('line 3: location: cannot tell the country of the location "Atlantis"');
    expect(stdout).toContain('line 3: yearsofexperience: years of experience "three" is not a number of years');
    expect(stdout).toContain('line 3: totalyearlycompensation: is not an amount with at most 2 decimals: "lots"');
  });
});
