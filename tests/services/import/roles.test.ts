import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoleAliasFile, slugify, syncRoleAliases } from '../../../src/services/import/roles.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

describe('slugify', () => {
  it.each([
    ['Data Engineer', 'data-engineer'],
    ['  data   ENGINEER ', 'data-engineer'],
    ['ML Engineer', 'ml-engineer'],
    ['3D Computer Vision Researcher', '3d-computer-vision-researcher'],
    ['Señor BI/ETL Dev', 'senor-bi-etl-dev'],
    ['Head of Data (EMEA)', 'head-of-data-emea'],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('the committed alias file', () => {
  it('maps abbreviations to the full role, as data', async () => {
    const entries = await readRoleAliasFile();
    expect(entries).toContainEqual({ alias: 'ML Engineer', roleSlug: 'machine-learning-engineer', roleTitle: 'Machine Learning Engineer' });
    for (const entry of entries) expect(slugify(entry.roleSlug)).toBe(entry.roleSlug);
  });

  it('names the line of a broken entry', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'paygraph-aliases-')), 'aliases.csv');
    await writeFile(file, 'alias,role_slug,role_title\nML Engineer,Machine Learning Engineer,Machine Learning Engineer\n');
    await expect(readRoleAliasFile(file)).rejects.toThrow(/aliases\.csv:2: role_slug "Machine Learning Engineer" is not a slug/);
  });
});

describe('syncRoleAliases', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('creates missing target roles, keeps existing ones as they are, and moves an alias when the file moves it', async () => {
    await database.prisma.role.create({ data: { slug: 'data-engineer', title: 'Data Engineer (curated)', category: 'Engineering' } });
    await syncRoleAliases(
      database.prisma,
      [
        { alias: 'ML Engineer', roleSlug: 'machine-learning-engineer', roleTitle: 'Machine Learning Engineer' },
        { alias: 'DE', roleSlug: 'data-engineer', roleTitle: 'Data Engineer' },
      ],
      'Data Science & AI',
    );
    await syncRoleAliases(database.prisma, [{ alias: 'DE', roleSlug: 'machine-learning-engineer', roleTitle: 'Machine Learning Engineer' }], 'Data Science & AI');
    const roles = await database.prisma.role.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, title: true, category: true } });
    expect(roles).toEqual([
      { slug: 'data-engineer', title: 'Data Engineer (curated)', category: 'Engineering' },
      { slug: 'machine-learning-engineer', title: 'Machine Learning Engineer', category: 'Data Science & AI' },
    ]);
    const aliases = await database.prisma.roleAlias.findMany({ orderBy: { alias: 'asc' }, select: { alias: true, role: { select: { slug: true } } } });
    expect(aliases).toEqual([
      { alias: 'de', role: { slug: 'machine-learning-engineer' } },
      { alias: 'ml-engineer', role: { slug: 'machine-learning-engineer' } },
    ]);
  });
});
