import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { contractOperation } from '../support/graphql.js';
import { useSeededServer } from '../support/http-server.js';
import { postGraphQL } from '../support/processes.js';

const app = useSeededServer({ serving: { responseCache: 'memory' } });
const snapshot = contractOperation('Snapshot');
const variables = { country: 'CA', role: 'machine-learning-lead' };

async function medianServed(): Promise<string> {
  const { body } = await postGraphQL(app.server.url, snapshot, variables);
  return body.data.marketSnapshot.median.amount;
}

describe('response cache', () => {
  it('answers a repeated public read without touching the database', async () => {
    expect(await medianServed()).toBe('123557.00');
    const before = app.database.statementCount();
    expect(await medianServed()).toBe('123557.00');
    expect(app.database.statementCount() - before).toBe(0);
  });

  it('drops cached figures when another process writes to the database', async () => {
    expect(await medianServed()).toBe('123557.00');
    const writer = new pg.Client({ connectionString: app.database.url });
    await writer.connect();
    try {
      await writer.query(`UPDATE market_snapshot SET median = 125000 WHERE period = '2026-04'`);
      let served = await medianServed();
      for (let waited = 0; served !== '125000.00' && waited < 2000; waited += 20) {
        await sleep(20);
        served = await medianServed();
      }
      expect(served).toBe('125000.00');
      const before = app.database.statementCount();
      expect(await medianServed()).toBe('125000.00'); // cached again
      expect(app.database.statementCount() - before).toBe(0);
    } finally {
      await writer.query(`UPDATE market_snapshot SET median = 123557 WHERE period = '2026-04'`);
      await writer.end();
    }
  });

  it('shows the figures of a mutation to the very next read', async () => {
    const { ApiKeyService, Scope } = await import('../../src/services/api-key.service.js');
    const { key } = await new ApiKeyService(app.database.prisma).create({ name: 'importer', scopes: [Scope.OBSERVATIONS_WRITE] });
    const market = { country: 'FR', role: 'prompt-engineer' };
    const read = async () => (await postGraphQL(app.server.url, contractOperation('CountryGraph'), { country: 'FR', first: 5 })).body.data.country;
    expect(await read()).toBeNull(); // now cached

    const observations = ['52000', '61000', '58000'].map((amount, i) => ({
      id: String(i), countryCode: market.country, jobTitle: 'Prompt Engineer', level: 'MID', year: 2023, amount, currencyCode: 'EUR',
    }));
    const imported = await postGraphQL(
      app.server.url,
      'mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { imported userErrors { message } } }',
      { input: { source: 'cache-test', observations } },
      { authorization: `Bearer ${key}` },
    );
    expect(imported.body.data.importObservations).toEqual({ imported: 3, userErrors: [] });

    const country = await read(); // no waiting for the database's notice
    expect(country.roles.edges[0].node).toMatchObject({ slug: market.role, latestSnapshot: { sampleSize: 3, median: { amount: '58000.00', currencyCode: 'EUR' } } });
  });
});
