import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedMigrations } from '../../src/db/migrations.js';
import { CLI_TEST_TIMEOUT, paygraph, shell } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/processes.js';
import { AI_JOBS_FILE } from '../services/import/ai-jobs-data.js';

const COMMANDS = [['import'], ['report'], ['apikey', 'create'], ['apikey', 'revoke'], ['apikey', 'list']];

/** Arguments each command accepts: what remains to fail is the database. */
const VALID_ARGUMENTS: Record<string, string[]> = {
  import: ['--format', 'ai-jobs', AI_JOBS_FILE],
  report: ['--country', 'CA', '--role', 'machine-learning-lead'],
  'apikey create': ['--name', 'someone'],
  'apikey revoke': ['1'],
  'apikey list': [],
};

let unmigrated: TestDatabase;

beforeAll(async () => {
  unmigrated = await createTestDatabase({ migrated: false });
});
afterAll(() => unmigrated.drop());

/** A single line, as errors are printed. */
const oneLine = (text: string) => text.trimEnd().split('\n');

describe('npx paygraph', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('prints the usage of each command for --help, on stdout, and exits 0', async () => {
    const results = await Promise.all([[], ...COMMANDS].map((command) => paygraph([...command, '--help'])));
    expect(results[0]).toMatchObject({ code: 0, stderr: '' });
    for (const command of COMMANDS) expect(results[0]!.stdout).toContain(`  ${command.join(' ')}  `);
    COMMANDS.forEach((command, index) => {
      const { code, stdout, stderr } = results[index + 1]!;
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(new RegExp(`^Usage: paygraph ${command.join(' ')}\\b`));
    });
  });

  it('stays quiet when the reader of its output stops before the end', async () => {
    // `true` reads nothing and exits: paygraph writes into a closed pipe.
    await expect(shell('npx paygraph import --help | true')).resolves.toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a bad option or a missing command with one line on stderr and exit status 2', async () => {
    const results = await Promise.all([...COMMANDS.map((command) => paygraph([...command, '--bogus'])), paygraph(['nope']), paygraph(['apikey', 'delete'])]);
    const lines = results.map(({ code, stdout, stderr }) => {
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(oneLine(stderr)).toHaveLength(1);
      return stderr.trimEnd();
    });
    expect(lines).toEqual([
      ...COMMANDS.map((command) => `paygraph ${command.join(' ')}: Unknown option '--bogus' (see paygraph ${command.join(' ')} --help)`),
      'paygraph: unknown command "nope" (see paygraph --help)',
      'paygraph apikey: unknown command "delete" (see paygraph apikey --help)',
    ]);
  });

  it('says in one line that migrations are pending, and exits 1, for every command that opens the database', async () => {
    const pending = committedMigrations().length;
    const results = await Promise.all(COMMANDS.map((command) => paygraph([...command, ...VALID_ARGUMENTS[command.join(' ')]!], { DATABASE_URL: unmigrated.url })));
    results.forEach(({ code, stdout, stderr }, index) => {
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(oneLine(stderr)).toEqual([`paygraph ${COMMANDS[index]!.join(' ')}: The database has ${pending} pending migrations; run \`npm run db:migrate\` first.`]);
    });
  });

  it('says in one line that it cannot reach the database', async () => {
    const { code, stdout, stderr } = await paygraph(['apikey', 'list'], { DATABASE_URL: `postgresql://postgres@127.0.0.1:${await freePort()}/paygraph` });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(oneLine(stderr)).toEqual([expect.stringMatching(/^paygraph apikey list: Cannot open the database: .*ECONNREFUSED/)]);
  });
});
