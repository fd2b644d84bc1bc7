import { expect } from 'vitest';
import { connectDatabase } from '../../src/db/client.js';
import { deployMigrations } from '../../src/db/migrations.js';
import { seedDatabase } from '../../src/db/seed.js';
import { ApiKeyService, type Scope } from '../../src/services/api-keys/api-key.service.js';
import { eventually } from './eventually.js';
import { postGraphQL } from './processes.js';
import { statementsSince, type ClusterNode } from './replica-cluster.js';

// The market the replica tests write to and read back: France's MID prompt engineers, which the
// seed does not have. Imports add to it through an instance; its sample size tells, answer by
// answer, whether a read saw them.

/** Migrates and seeds the primary at `primaryUrl` (for startReplicaCluster) and creates API keys of these scopes; returns the keys. */
export async function preparePrimary(primaryUrl: string, keys: { name: string; scopes: Scope[] }[]): Promise<string[]> {
  await deployMigrations(primaryUrl);
  const database = connectDatabase(primaryUrl);
  try {
    await seedDatabase(database.prisma);
    const service = new ApiKeyService(database.prisma);
    const created: string[] = [];
    for (const key of keys) created.push((await service.create(key)).key);
    return created;
  } finally {
    await database.close();
  }
}

/** The market's snapshot, as an operation of its own name (a new name is a new document: nothing cached). */
export const snapshotQuery = (name: string) => `query ${name}($country: String!, $role: String!, $level: ExperienceLevel!) {
  marketSnapshot(countryCode: $country, roleSlug: $role, level: $level) { sampleSize }
}`;
export const PROMPT_ENGINEERS = { country: 'FR', role: 'prompt-engineer', level: 'MID' };
const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { read imported duplicates rejected snapshots userErrors { message } }
}`;
const observations = (ids: string[]) => ({
  source: 'replica-test',
  observations: ids.map((id, i) => ({ id, countryCode: 'FR', jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount: String(60000 + 1000 * i), currencyCode: 'EUR' })),
});

/** Imports one MID observation per id through the instance at `graphqlUrl`, with a key of scope observations:write. */
export const importPromptEngineers = (graphqlUrl: string, writerKey: string, ids: string[]) =>
  postGraphQL(graphqlUrl, IMPORT, { input: observations(ids) }, { authorization: `Bearer ${writerKey}` });

/** The market's sample size as the instance at `graphqlUrl` answers operation `operationName`, and whether its response cache answered. */
export async function promptEngineerSampleSize(graphqlUrl: string, operationName = 'PromptEngineers') {
  const { status, headers, body } = await postGraphQL(graphqlUrl, snapshotQuery(operationName), PROMPT_ENGINEERS);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return { sampleSize: body.data.marketSnapshot.sampleSize as number, cached: headers.get('age') !== null };
}

/** The sample size `node` itself holds (undefined before the market exists there); `label` goes into the statement, to find it in the node's log. */
export async function sampleSizeOn(node: ClusterNode, label = 'sample size'): Promise<number | undefined> {
  const rows = await node.query<{ sample_size: number }>(
    `SELECT /* ${label} */ s.sample_size FROM market_snapshot s JOIN country c ON c.id = s.country_id JOIN role r ON r.id = s.role_id WHERE c.code = 'FR' AND r.slug = 'prompt-engineer' AND s.level = 'MID'`,
  );
  return rows[0]?.sample_size;
}

/** The statements among `statements` that read market snapshots. */
export const snapshotReads = (statements: string[]) => statements.filter((statement) => statement.includes('market_snapshot'));

let probes = 0;
/** Sends fresh (uncached) snapshot queries through the instance at `graphqlUrl`, whose connections are named `application`, until one is read on `replica`. */
export async function readsReachTheReplica(graphqlUrl: string, replica: ClusterNode, application: string): Promise<void> {
  await eventually(async () => {
    const mark = replica.log().length;
    await promptEngineerSampleSize(graphqlUrl, `Probe${++probes}`);
    return snapshotReads(statementsSince(replica, mark, application)).length > 0;
  }, `${application} reads on the replica`);
}
