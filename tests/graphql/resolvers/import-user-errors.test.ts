import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { useSeededServer } from '../../support/http-server.js';
import { postGraphQL } from '../../support/processes.js';

const fixture = useSeededServer();
let writer: Record<string, string>;

beforeAll(async () => {
  const keys = new ApiKeyService(fixture.database.prisma);
  const { key } = await keys.create({ name: 'partner', scopes: [Scope.OBSERVATIONS_WRITE] });
  writer = { authorization: `Bearer ${key}` };
});

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => postGraphQL(fixture.server.url, query, variables, headers);

const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { read imported duplicates rejected userErrors { field message } }
}`;

function observation(id: string, amount: string, overrides: Record<string, unknown> = {}) {
  return { id, countryCode: 'FR', jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount, currencyCode: 'EUR', ...overrides };
}

describe('importObservations userErrors', () => {
  it('report a NUL character in an observation as its userError; the rest of the batch loads', async () => {
    const input = { source: 'nul-observations', observations: [observation('x\0', '50000'), observation('b', '50000', { jobTitle: 'Prompt\0Engineer' }), observation('c', '50000')] };
    const { status, body } = await post(IMPORT, { input }, writer);
    expect(status).toBe(200);
    expect(body.data.importObservations).toMatchObject({
      read: 3,
      imported: 1,
      rejected: 2,
      userErrors: [
        { field: ['input', 'observations', '0', 'id'], message: 'id contains a NUL character, which text cannot hold' },
        { field: ['input', 'observations', '1', 'jobTitle'], message: 'jobTitle contains a NUL character, which text cannot hold' },
      ],
    });
  });

  it('list every problem of an observation, each with the path of its field', async () => {
    const input = { source: 'several-problems', observations: [observation('a', '-10', { currencyCode: 'EURO', countryCode: 'XX' }), observation('b', '52000')] };
    const { body } = await post(IMPORT, { input }, writer);
    expect(body.errors).toBeUndefined();
    expect(body.data.importObservations).toEqual({
      read: 2,
      imported: 1,
      duplicates: 0,
      rejected: 1,
      userErrors: [
        { field: ['input', 'observations', '0', 'countryCode'], message: 'countryCode unknown country code "XX" (expected ISO 3166-1 alpha-2, e.g. "US")' },
        { field: ['input', 'observations', '0', 'amount'], message: 'amount must be a positive amount, got "-10"' },
        { field: ['input', 'observations', '0', 'currencyCode'], message: 'currencyCode unknown currency "EURO" (expected an ISO 4217 code such as "USD")' },
      ],
    });
  });

  it('keep the deprecated path, the same as field', async () => {
    const input = { source: 'deprecated-path', observations: [observation('a', '0')] };
    const { body } = await post('mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { userErrors { field path } } }', { input }, writer);
    expect(body.data.importObservations.userErrors).toEqual([{ field: ['input', 'observations', '0', 'amount'], path: ['input', 'observations', '0', 'amount'] }]);
  });

  it('reject an id over 200 characters as that observation\'s problem; the rest of the batch loads', async () => {
    // 10,000 characters that do not compress: too long for the index that makes ids unique in their source.
    const longId = randomBytes(5000).toString('hex');
    const input = { source: 'long-ids', observations: [observation(longId, '50000'), observation('y'.repeat(200), '51000'), observation('short', '52000', { amount: '-1' })] };
    const { status, body } = await post(IMPORT, { input }, writer);
    expect(status).toBe(200);
    expect(body.data.importObservations).toEqual({
      read: 3,
      imported: 1,
      duplicates: 0,
      rejected: 2,
      userErrors: [
        { field: ['input', 'observations', '0', 'id'], message: 'id is longer than 200 characters' },
        { field: ['input', 'observations', '2', 'amount'], message: 'amount must be a positive amount, got "-1"' },
      ],
    });
  });
});
