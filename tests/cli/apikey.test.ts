import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/http-server.js';
import { ApiKeyService } from '../../src/services/api-keys/api-key.service.js';
import { CLI_TEST_TIMEOUT, paygraph } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer } from '../support/http-server.js';
import { postGraphQL } from '../support/processes.js';

let database: TestDatabase;
let server: RunningServer;
const apikey = (args: string[]) => paygraph(['apikey', ...args], { DATABASE_URL: database.url });

/** A mutation that needs a key with observations:write, sent over HTTP with `key`. */
const importNothing = (key: string) =>
  postGraphQL(server.url, 'mutation { importObservations(input: { source: "cli-test", observations: [] }) { imported } }', {}, { authorization: `Bearer ${key}` });

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('npx paygraph apikey', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('creates a key, lists it, revokes it, lists it revoked; the revoked key no longer authenticates', async () => {
    const created = await apikey(['create', '--name', 'coaching app', '--scope', 'observations:write']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(created.stdout).toMatch(/^pgk_[\w-]{32}\n$/);
    expect(created.stderr).toMatch(/shown only once/);
    expect((await importNothing(key)).body).toEqual({ data: { importObservations: { imported: 0 } } });

    const listed = await apikey(['list', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const [entry] = JSON.parse(listed.stdout);
    expect(entry).toEqual({
      id: expect.any(Number),
      name: 'coaching app',
      prefix: key.slice(0, 12),
      scopes: ['observations:write'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      revokedAt: null,
    });
    expect(listed.stdout).not.toContain(key);

    const revoked = await apikey(['revoke', entry.prefix]);
    expect(revoked).toEqual({ code: 0, stdout: `Revoked API key ${entry.id} (${entry.prefix}…, "coaching app").\n`, stderr: '' });
    const [after] = JSON.parse((await apikey(['list', '--json'])).stdout);
    expect(after).toEqual({ ...entry, revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const refused = await importNothing(key);
    expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    await expect(new ApiKeyService(database.prisma).verify(key)).resolves.toBeNull();

    const again = await apikey(['revoke', String(entry.id)]);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/was already revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\n$/) });
  });

  it('lists keys as a table; revokes by id', async () => {
    const { id, prefix } = await new ApiKeyService(database.prisma).create({ name: 'reporting job', scopes: ['observations:write', 'templates:write'] });
    const revoked = await apikey(['revoke', String(id)]);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${id} (${prefix}…, "reporting job").\n` });
    const { code, stdout } = await apikey(['list']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +PREFIX +SCOPES +CREATED +LAST USED +REVOKED$/);
    expect(rows.find((row) => row.startsWith(`${id} `))).toMatch(
      new RegExp(`^${id} +reporting job +${prefix} +observations:write,templates:write +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +- +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`),
    );
  });

  it('fails in one line for an unknown key (exit 1), a missing name or an unknown scope (exit 2)', async () => {
    const [unknown, noName, badScope] = await Promise.all([apikey(['revoke', 'pgk_00000000']), apikey(['create']), apikey(['create', '--name', 'x', '--scope', 'everything'])]);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'paygraph apikey revoke: No API key has the prefix pgk_00000000.\n' });
    expect(noName).toEqual({ code: 2, stdout: '', stderr: 'paygraph apikey create: --name is required (see paygraph apikey create --help)\n' });
    expect(badScope).toEqual({ code: 2, stdout: '', stderr: 'paygraph apikey create: Unknown scope(s): everything (see paygraph apikey create --help)\n' });
  });
});
