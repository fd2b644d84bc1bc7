import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { seedDatabase } from '../../src/db/seed.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server/http-server.js';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { metricValue } from '../support/metrics.js';
import { percentileCont } from '../support/percentile-cont.js';
import { postGraphQL } from '../support/processes.js';
import { ApiKeyService, Scope } from '../../src/services/api-keys/api-key.service.js';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  server = await startServer({ database, logger: createLogger('silent'), port: 0, production: false });
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

describe('GraphiQL', () => {
  it('is served to browsers at /graphql and /graphiql, from our own assets', async () => {
    for (const url of [server.url, server.url.replace(/graphql$/, 'graphiql')]) {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<div id="graphiql">');
      expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    }
    const script = await fetch(server.url.replace(/graphql$/, 'graphiql/assets/graphiql.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it.skipIf(chromiumMissing)(`loads offline in headless Chromium and runs a query${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, async () => {
    const browser = await launchChromium();
    try {
      // The browser asks for en-US (Accept-Language), where CAD is written "CA$".
      const page = await browser.newPage({ locale: 'en-US' });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url.replace(/graphql$/, 'graphiql'));
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.result-window').getByText('CA$123,557').first().waitFor({ timeout: 20_000 });
      const result = await page.locator('.result-window').innerText();
      expect(result).toContain('"period": "2026-04"');
      expect(result).toContain('"CA$131,591"');
      expect(pageErrors).toEqual([]);
      expect(requested.filter((url) => !url.startsWith('http://localhost:') && !url.startsWith('data:'))).toEqual([]);
      const outputDir = path.join(projectRoot, 'test-output');
      mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: path.join(outputDir, 'graphiql.png') });
    } finally {
      await browser.close();
    }
  });

  it.skipIf(chromiumMissing)(`opens with a second tab comparing one role across countries, which runs${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.url.replace(/graphql$/, 'graphiql'));
      await page.getByText('CompareCountries', { exact: true }).first().click();
      await page.locator('.graphiql-execute-button').click();
      // The seed has no Data Engineer: the query is valid and answers null.
      await page.locator('.result-window').getByText('"role": null').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.result-window').innerText()).not.toMatch(/"errors"/);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(chromiumMissing)(`documents the schema in the Docs pane (its introspection query passes the limits)${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.url.replace(/graphql$/, 'graphiql'));
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = page.getByRole('region', { name: 'Documentation Explorer' });
      await docs.getByRole('link', { name: 'Query', exact: true }).click();
      await docs.getByText('Every country with market data, by name.').waitFor({ timeout: 20_000 });
      expect(await docs.innerText()).toMatch(/countries/);
      expect(await page.getByRole('region', { name: 'Result Window' }).innerText()).not.toMatch(/levels deep|error/i);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(chromiumMissing)(`runs a subscription typed in GraphiQL, which shows the update an import brings${chromiumMissing ? ` (skipped: ${chromiumMissing})` : ''}`, async () => {
    const key = (await new ApiKeyService(database.prisma).create({ name: 'survey partner', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
    const importBatch = async (observations: Array<[string, string]>) => {
      const { body } = await postGraphQL(
        server.url,
        'mutation Import($input: ImportObservationsInput!) { importObservations(input: $input) { imported } }',
        { input: { source: 'browser-test', observations: observations.map(([id, amount]) => ({ id, countryCode: 'DE', jobTitle: 'Prompt Engineer', level: 'MID', year: 2024, amount, currencyCode: 'EUR' })) } },
        { authorization: `Bearer ${key}` },
      );
      expect(body.data.importObservations.imported).toBe(observations.length);
    };
    await importBatch([['1', '60000']]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url.replace(/graphql$/, 'graphiql'));
      const editor = page.locator('.graphiql-query-editor .CodeMirror');
      await editor.waitFor();
      await editor.evaluate((element, text) => (element as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(text), 'subscription { marketUpdated(countryCode: "DE", roleSlug: "prompt-engineer") { sampleSize median { amount } } }');
      // GraphiQL parses the editor's text 100 ms after it changes (a debounce) and runs what it
      // parsed last: clicked sooner, it would send the previous tab's query document's kind.
      await page.waitForTimeout(500);
      await page.locator('.graphiql-execute-button').click();
      for (let waited = 0; (await metricValue(server.url, 'paygraph_market_subscribers')) !== 1; waited += 50) {
        if (waited > 20_000) throw new Error('the subscription never reached the server');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await importBatch([['2', '70000'], ['3', '90000']]);
      const median = percentileCont([60000, 70000, 90000], 0.5)!.toFixed(2);
      await page.locator('.result-window').getByText(`"${median}"`).waitFor({ timeout: 20_000 });
      expect(await page.locator('.result-window').innerText()).toContain('"sampleSize": 3');
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
