import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService, bearerToken, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let keys: ApiKeyService;

beforeAll(async () => {
  database = await createTestDatabase();
  keys = new ApiKeyService(database.prisma);
});
afterAll(() => database.drop());

describe('ApiKeyService', () => {
  it('stores only the SHA-256 hash of a new key, and verifies the key', async () => {
    const { key, id, prefix } = await keys.create({ name: 'job board', scopes: [Scope.OBSERVATIONS_WRITE] });
    expect(key.startsWith(prefix)).toBe(true);
    const stored = await database.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(stored.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);
    await expect(keys.verify(key)).resolves.toEqual({ id, name: 'job board', prefix, scopes: [Scope.OBSERVATIONS_WRITE] });
    const { lastUsedAt } = await database.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(lastUsedAt).toBeInstanceOf(Date);
    const before = database.statementCount();
    await keys.verify(key); // used again within the minute: read only
    expect(database.statementCount() - before).toBe(1);
    expect((await database.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(lastUsedAt);
  });

  it('rejects unknown and revoked keys, revoked by prefix or by id', async () => {
    const { key, prefix } = await keys.create({ name: 'to revoke', scopes: [Scope.TEMPLATES_WRITE] });
    await expect(keys.verify(key + 'x')).resolves.toBeNull();
    await expect(keys.verify('not-a-key')).resolves.toBeNull();
    await expect(keys.revoke(prefix)).resolves.toMatchObject({ key: { prefix, revokedAt: expect.any(Date) }, alreadyRevoked: false });
    await expect(keys.verify(key)).resolves.toBeNull();
    await expect(keys.revoke(prefix)).resolves.toMatchObject({ alreadyRevoked: true });
    const other = await keys.create({ name: 'by id', scopes: [] });
    await expect(keys.revoke(other.id)).resolves.toMatchObject({ key: { id: other.id, name: 'by id' }, alreadyRevoked: false });
    await expect(keys.verify(other.key)).resolves.toBeNull();
    await expect(keys.revoke('pgk_nothing')).resolves.toBeNull();
    await expect(keys.revoke(999_999)).resolves.toBeNull();
    await expect(keys.revoke(2 ** 40)).resolves.toBeNull();
  });

  it('lists every key without its secret, oldest first', async () => {
    const before = (await keys.list()).length;
    const { id } = await keys.create({ name: 'listed', scopes: [Scope.OBSERVATIONS_WRITE] });
    const listed = await keys.list();
    expect(listed).toHaveLength(before + 1);
    expect(listed.at(-1)).toEqual({ id, name: 'listed', prefix: expect.stringMatching(/^pgk_/), scopes: ['observations:write'], createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null });
  });

  it('refuses unknown scopes and empty names', async () => {
    await expect(keys.create({ name: 'x', scopes: ['everything:write'] })).rejects.toThrow(/Unknown scope\(s\): everything:write/);
    await expect(keys.create({ name: '  ', scopes: [] })).rejects.toThrow(/needs a name/);
  });

  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
