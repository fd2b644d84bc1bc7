// npm run schema:print  writes schema.graphql, the published schema, from the code.
// npm run schema:check  fails when schema.graphql is not what the code builds, or when the code
//                       breaks the schema as last published (see checkSchema).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { buildPaygraphSchema } from '../src/graphql/schema.js';
import { checkSchema, describeChanges, publishedSdl, schemaChanges, type SchemaCheckInput } from './schema-check.js';

const SCHEMA_FILE = 'schema.graphql';

function publishedAt(ref: string): SchemaCheckInput['previous'] {
  try {
    const sdl = execFileSync('git', ['show', `${ref}:${SCHEMA_FILE}`], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ref, sdl };
  } catch (error) {
    const reason = String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0];
    return { missing: `${ref}:${SCHEMA_FILE}: ${reason}` };
  }
}

/**
 * The schema as last published: at SCHEMA_BASE_REF when set (CI on a pull request: the target
 * branch); else at HEAD while schema.graphql has uncommitted changes, and at HEAD~1 once they are
 * committed (CI on a commit checks it against its parent).
 */
function previouslyPublished(committed: string | null): SchemaCheckInput['previous'] {
  if (process.env.SCHEMA_BASE_REF) return publishedAt(process.env.SCHEMA_BASE_REF);
  const head = publishedAt('HEAD');
  return 'sdl' in head && head.sdl === committed ? publishedAt('HEAD~1') : head;
}

const file = path.join(projectRoot, SCHEMA_FILE);
const code = publishedSdl(await buildPaygraphSchema());
const committed = existsSync(file) ? readFileSync(file, 'utf8') : null;

switch (process.argv[2]) {
  case 'print': {
    writeFileSync(file, code);
    const changes = committed ? await schemaChanges(committed, code) : [];
    console.log([`Wrote ${SCHEMA_FILE}${changes.length ? ':' : ' (no change to the API).'}`, ...describeChanges(changes).map((line) => `  ${line}`)].join('\n'));
    break;
  }
  case 'check': {
    const { ok, report } = await checkSchema({ code, committed, previous: previouslyPublished(committed), allowBreaking: process.env.ALLOW_BREAKING === '1' });
    (ok ? console.log : console.error)(report.join('\n'));
    process.exitCode = ok ? 0 : 1;
    break;
  }
  default:
    console.error('usage: tsx scripts/schema.ts print|check');
    process.exitCode = 2;
}
