import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The published form of a schema: sorted, so that the file changes only when the API does. */
export function publishedSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** One line per change, breaking ones first: "BREAKING  Field 'Role.category' was removed from object type 'Role'". */
export function describeChanges(changes: Change[]): string[] {
  const order = [CriticalityLevel.Breaking, CriticalityLevel.Dangerous, CriticalityLevel.NonBreaking];
  return [...changes]
    .sort((a, b) => order.indexOf(a.criticality.level) - order.indexOf(b.criticality.level))
    .map((change) => `${change.criticality.level.padEnd(12)} ${change.message}`);
}

/** Every change from one SDL to the other, as @graphql-inspector classifies them. */
export function schemaChanges(fromSdl: string, toSdl: string): Promise<Change[]> {
  return diff(buildSchema(fromSdl), buildSchema(toSdl));
}

export interface SchemaCheckInput {
  /** The SDL the code produces now. */
  code: string;
  /** The committed schema.graphql; null when there is none. */
  committed: string | null;
  /** schema.graphql as last published (from git), or why there is none to compare with. */
  previous: { ref: string; sdl: string } | { missing: string };
  /** The documented escape hatch (ALLOW_BREAKING=1): report breaking changes without failing. */
  allowBreaking: boolean;
}

/**
 * The two checks CI runs on the published schema: the committed file must be exactly what the
 * code produces (else "run npm run schema:print"), and the code must not break the schema as it
 * was last published. Returns whether both pass and what to tell the developer.
 */
export async function checkSchema({ code, committed, previous, allowBreaking }: SchemaCheckInput): Promise<{ ok: boolean; report: string[] }> {
  const report: string[] = [];
  let ok = true;
  if (code !== committed) {
    ok = false;
    const changes = committed === null ? [] : await schemaChanges(committed, code);
    report.push(
      'schema.graphql is not the schema the code builds. Run `npm run schema:print` and commit the result. Code vs committed:',
      ...(committed === null
        ? ['  (there is no schema.graphql)']
        : changes.length
          ? describeChanges(changes).map((line) => `  ${line}`)
          : ['  (same types and fields; only the text differs)']),
    );
  }
  if ('missing' in previous) {
    report.push(`No previously published schema to compare with (${previous.missing}): breaking-change check skipped.`);
    return { ok, report };
  }
  const breaking = (await schemaChanges(previous.sdl, code)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  if (breaking.length === 0) {
    report.push(`No breaking change against the schema published at ${previous.ref}.`);
  } else {
    report.push(
      `${breaking.length} breaking change(s) against the schema published at ${previous.ref}${allowBreaking ? ', allowed by ALLOW_BREAKING=1' : ''}:`,
      ...describeChanges(breaking).map((line) => `  ${line}`),
    );
    if (!allowBreaking) {
      ok = false;
      report.push('Clients of the published schema would break. Deprecate instead (@deprecated) and remove later, or, if every client has been told, rerun with ALLOW_BREAKING=1.');
    }
  }
  return { ok, report };
}
