/**
 * From a job title to a role: the title's slug names the role, unless the alias table maps that
 * slug to another role (abbreviations and spellings: "ML Engineer" → machine-learning-engineer).
 * The committed alias file (prisma/role-aliases.csv) is data: edit it, and the next import
 * loads it into role_alias.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';

export const ROLE_ALIAS_FILE = path.join(projectRoot, 'prisma', 'role-aliases.csv');

export interface RoleAliasEntry {
  /** The alias as written ("ML Engineer"); stored as its slug. */
  alias: string;
  roleSlug: string;
  /** Title of the role, used when the role does not exist yet. */
  roleTitle: string;
}

/**
 * The URL-safe slug of a title: lower case, accents dropped, every run of other characters a
 * single hyphen ("Data Engineer" → "data-engineer", "Señor  BI/ETL Dev" → "senor-bi-etl-dev").
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Reads an alias file: a CSV with the columns alias, role_slug, role_title.
 * @throws Error naming the line of a row that lacks a value or whose role_slug is not a slug.
 */
export async function readRoleAliasFile(file: string = ROLE_ALIAS_FILE): Promise<RoleAliasEntry[]> {
  const entries: RoleAliasEntry[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
    const { alias, role_slug: roleSlug, role_title: roleTitle } = record;
    if (!alias || !roleSlug || !roleTitle) throw new Error(`${file}:${info.lines}: alias, role_slug and role_title are all required`);
    if (slugify(roleSlug) !== roleSlug) throw new Error(`${file}:${info.lines}: role_slug "${roleSlug}" is not a slug (expected "${slugify(roleSlug)}")`);
    entries.push({ alias, roleSlug, roleTitle });
  }
  return entries;
}

/**
 * Upserts aliases into role_alias, creating each target role that does not exist yet with the
 * entry's title and `category` (existing roles keep their title and category). Two statements,
 * whatever the number of entries.
 */
export async function syncRoleAliases(db: Database, entries: readonly RoleAliasEntry[], category: string): Promise<void> {
  if (!entries.length) return;
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO role (slug, title, category)
      SELECT DISTINCT ON (slug) slug, title, ${category} FROM unnest(${entries.map((entry) => entry.roleSlug)}::text[], ${entries.map((entry) => entry.roleTitle)}::text[]) AS t(slug, title)
      ON CONFLICT (slug) DO NOTHING`,
    db.$executeRaw`
      INSERT INTO role_alias (alias, role_id)
      SELECT DISTINCT ON (a.alias) a.alias, r.id
      FROM unnest(${entries.map((entry) => slugify(entry.alias))}::text[], ${entries.map((entry) => entry.roleSlug)}::text[]) AS a(alias, slug)
      JOIN role r ON r.slug = a.slug
      ON CONFLICT (alias) DO UPDATE SET role_id = EXCLUDED.role_id`,
  ]);
}
