import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startTestServer } from '../../support/http-server.js';
import { metricValue } from '../../support/metrics.js';
import { percentileCont } from '../../support/percentile-cont.js';
import { postGraphQL } from '../../support/processes.js';
import { subscribe, subscriptionClient } from '../../support/subscriptions.js';

// Two instances of paygraph on one database, as behind a load balancer: imports go through A, subscribers listen on B.
let database: TestDatabase;
let instanceA: RunningServer;
let instanceB: RunningServer;
let writerKey: string;
const clients: Client[] = [];

const IMPORT = `mutation Import($input: ImportObservationsInput!) {
  importObservations(input: $input) { imported snapshots userErrors { message } }
}`;

const MARKET_UPDATED = `subscription Updates($country: String!, $role: String!, $level: ExperienceLevel) {
  marketUpdated(countryCode: $country, roleSlug: $role, level: $level) {
    period level sampleSize source
    median { amount currencyCode }
    percentiles { p25 { amount } p75 { amount } }
    confidence { level sampleSize }
    role { slug } country { code }
  }
}`;

const observation = (id: string, amount: string, level: string, jobTitle = 'Prompt Engineer') => ({ id, countryCode: 'FR', jobTitle, level, year: 2024, amount, currencyCode: 'EUR' });

async function importThroughA(source: string, observations: ReturnType<typeof observation>[]) {
  const { status, body } = await postGraphQL(instanceA.url, IMPORT, { input: { source, observations } }, { authorization: `Bearer ${writerKey}` });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.importObservations.userErrors).toEqual([]);
  return body.data.importObservations;
}

/** Waits until instance B counts `count` live market subscribers (the subscriptions have reached it). */
async function subscribersOnB(count: number) {
  for (let waited = 0; (await metricValue(instanceB.url, 'paygraph_market_subscribers')) !== count; waited += 20) {
    if (waited > 10_000) throw new Error(`instance B never had ${count} subscribers`);
    await sleep(20);
  }
}

/** The median and quartiles PostgreSQL's percentile_cont gives, computed apart from paygraph. */
function expectedFigures(amounts: number[]) {
  const sorted = [...amounts].sort((a, b) => a - b);
  const figure = (fraction: number) => percentileCont(sorted, fraction)!.toFixed(2);
  return { sampleSize: sorted.length, median: figure(0.5), p25: figure(0.25), p75: figure(0.75) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  writerKey = (await new ApiKeyService(database.prisma).create({ name: 'survey partner', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
  [instanceA, instanceB] = await Promise.all([startTestServer(database), startTestServer(database)]);
  // The role and its first snapshots exist before anyone subscribes (a subscription to an unknown role is refused).
  await importThroughA('partner-survey', [observation('1', '50000', 'MID'), observation('2', '70000', 'SENIOR'), observation('3', '64000', 'MID', 'Data Engineer')]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all([instanceA?.close(), instanceB?.close()]);
  await database?.drop();
});

const clientOf = (server: RunningServer) => {
  const client = subscriptionClient(server.url);
  clients.push(client);
  return client;
};

describe('marketUpdated across instances', () => {
  it('an import through instance A reaches a subscriber connected to instance B, with the new figures, and no other market', async () => {
    const client = clientOf(instanceB);
    const promptEngineers = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'fr', role: 'prompt-engineer' } });
    const seniors = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'FR', role: 'prompt-engineer', level: 'SENIOR' } });
    const dataEngineers = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'FR', role: 'data-engineer' } });
    const seeded = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'CA', role: 'machine-learning-lead' } });
    await subscribersOnB(4);

    const summary = await importThroughA('partner-survey', [observation('4', '58000', 'MID'), observation('5', '61000.50', 'MID')]);
    expect(summary).toMatchObject({ imported: 2 });

    const [update] = await promptEngineers.received(1);
    const expected = expectedFigures([50000, 70000, 58000, 61000.5]);
    expect(update).toEqual({
      data: {
        marketUpdated: {
          period: '2024',
          level: 'ALL',
          sampleSize: expected.sampleSize,
          source: 'COMPUTED',
          median: { amount: expected.median, currencyCode: 'EUR' },
          percentiles: { p25: { amount: expected.p25 }, p75: { amount: expected.p75 } },
          confidence: { level: 'LOW', sampleSize: 4 },
          role: { slug: 'prompt-engineer' },
          country: { code: 'FR' },
        },
      },
    });
    // The SENIOR snapshot was recomputed with the same figures (no SENIOR observation came): not a change.
    // Data engineers and the seeded Canadian market were not touched at all.
    await sleep(500);
    expect(seniors.results).toEqual([]);
    expect(dataEngineers.results).toEqual([]);
    expect(seeded.results).toEqual([]);
    expect(promptEngineers.results).toHaveLength(1);
    expect([promptEngineers, seniors, dataEngineers, seeded].map((subscription) => subscription.error)).toEqual([undefined, undefined, undefined, undefined]);

    // A second import: a second update, read afresh (not from the first delivery's loaders).
    await importThroughA('partner-survey', [observation('6', '90000', 'SENIOR')]);
    const [, second] = await promptEngineers.received(2);
    expect(second!.data!.marketUpdated).toMatchObject({ sampleSize: 5, median: { amount: expectedFigures([50000, 70000, 58000, 61000.5, 90000]).median } });
    const [senior] = await seniors.received(1);
    expect(senior!.data!.marketUpdated).toMatchObject({ level: 'SENIOR', sampleSize: 2, median: { amount: expectedFigures([70000, 90000]).median } });

    for (const subscription of [promptEngineers, seniors, dataEngineers, seeded]) subscription.unsubscribe();
    await subscribersOnB(0);
  });

  it('reaches subscribers on both instances, and one on the instance that imported', async () => {
    const onA = subscribe(clientOf(instanceA), { query: MARKET_UPDATED, variables: { country: 'FR', role: 'data-engineer' } });
    const onB = subscribe(clientOf(instanceB), { query: MARKET_UPDATED, variables: { country: 'FR', role: 'data-engineer' } });
    await subscribersOnB(1);
    for (let waited = 0; (await metricValue(instanceA.url, 'paygraph_market_subscribers')) !== 1 && waited < 10_000; waited += 20) await sleep(20);
    await importThroughA('partner-survey', [observation('7', '66000', 'MID', 'Data Engineer')]);
    const expected = expectedFigures([64000, 66000]);
    for (const subscription of [onA, onB]) {
      const [update] = await subscription.received(1);
      expect(update!.data!.marketUpdated).toMatchObject({ sampleSize: 2, median: { amount: expected.median } });
      subscription.unsubscribe();
    }
  });

  it('refuses an unknown market with NOT_FOUND and a malformed country code with BAD_USER_INPUT', async () => {
    const client = clientOf(instanceB);
    const unknown = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'FR', role: 'no-such-role' } });
    const malformed = subscribe(client, { query: MARKET_UPDATED, variables: { country: 'France', role: 'prompt-engineer' } });
    await Promise.all([unknown.ended(), malformed.ended()]);
    expect(unknown.results).toEqual([{ errors: [expect.objectContaining({ message: 'No role with slug "no-such-role"', extensions: { code: 'NOT_FOUND' } })] }]);
    expect(malformed.results[0]!.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['countryCode'] });
    await subscribersOnB(0);
  });
});
