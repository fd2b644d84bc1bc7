import { beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

const fixture = useSeededServer();
let writer: Record<string, string>;

beforeAll(async () => {
  const { key } = await new ApiKeyService(fixture.database.prisma).create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE] });
  writer = { authorization: `Bearer ${key}` };
});

const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { read imported rejected userErrors { field message } }
}`;

function observation(id: string, overrides: Record<string, unknown> = {}) {
  return { id, countryCode: 'FR', jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount: '50000', currencyCode: 'EUR', ...overrides };
}

async function storedLists(source: string) {
  const { rows } = await fixture.database.pool.query(
    'SELECT o.row_key AS id, o.skills, o.certifications FROM observation o JOIN observation_source s ON s.id = o.source_id WHERE s.key = $1 ORDER BY o.row_key',
    [source],
  );
  return rows;
}

describe('importObservations with skills and certifications', () => {
  it('stores them trimmed, each once whatever its case, and none as NULL', async () => {
    const input = {
      source: 'skills-partner',
      observations: [
        observation('a', { skills: ['  Python ', 'SQL', 'python', 'Apache   Spark'], certifications: ['AWS Certified, "Pro"'] }),
        observation('b', { skills: [], certifications: null }),
        observation('c'),
      ],
    };
    const { status, body } = await postGraphQL(fixture.server.url, IMPORT, { input }, writer);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { importObservations: { read: 3, imported: 3, rejected: 0, userErrors: [] } } });
    expect(await storedLists('skills-partner')).toEqual([
      { id: 'a', skills: ['Python', 'SQL', 'Apache Spark'], certifications: ['AWS Certified, "Pro"'] },
      { id: 'b', skills: null, certifications: null },
      { id: 'c', skills: null, certifications: null },
    ]);
  });

  it('rejects empty, overlong and too many names as userErrors of their observation; the rest loads', async () => {
    const input = {
      source: 'bad-skills',
      observations: [
        observation('empty', { skills: ['Python', '  '] }),
        observation('long', { certifications: ['x'.repeat(101)] }),
        observation('many', { skills: Array.from({ length: 51 }, (_, index) => `Skill ${index}`) }),
        observation('nul', { skills: ['Py\0thon'] }),
        observation('fine', { skills: Array.from({ length: 50 }, (_, index) => `Skill ${index}`), certifications: ['y'.repeat(100)] }),
      ],
    };
    const { body } = await postGraphQL(fixture.server.url, IMPORT, { input }, writer);
    expect(body.data.importObservations).toEqual({
      read: 5,
      imported: 1,
      rejected: 4,
      userErrors: [
        { field: ['input', 'observations', '0', 'skills'], message: 'skills entry 2 is empty' },
        { field: ['input', 'observations', '1', 'certifications'], message: 'certifications entry 1 is longer than 100 characters' },
        { field: ['input', 'observations', '2', 'skills'], message: 'skills lists 51 names, more than 50' },
        { field: ['input', 'observations', '3', 'skills'], message: 'skills contains a NUL character, which text cannot hold' },
      ],
    });
    expect((await storedLists('bad-skills')).map((row) => [row.id, row.skills.length, row.certifications])).toEqual([['fine', 50, ['y'.repeat(100)]]]);
  });
});
