import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { seedDatabase } from '../../src/db/seed.js';
import { CLI_TEST_TIMEOUT, paygraph } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Figures from the seed page (shared/seed): median $123,557, projected $131,591, specialists
// 40–80 % above the median = $172,980 – $222,403, April 2026, 2 data points.
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(projectRoot, 'test-output', 'report-ml-lead-canada.png');
const mlLeadCanada = ['--country', 'CA', '--role', 'machine-learning-lead'];

let database: TestDatabase;
let workDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  workDir = await mkdtemp(path.join(tmpdir(), 'paygraph-report-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await database.drop();
});

/** `npx paygraph report <args>` in `workDir` against the test database; rejects with its output unless it exits 0. */
async function report(args: string[]) {
  const result = await paygraph(['report', ...args], { DATABASE_URL: database.url }, workDir);
  if (result.code !== 0) throw Object.assign(new Error(`paygraph report exited ${result.code}`), result);
  return result;
}

describe('npx paygraph report', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('prints the Markdown page to stdout, and nothing else', async () => {
    const { stdout, stderr } = await report(mlLeadCanada);
    expect(stderr).toBe('');
    expect(stdout.startsWith('# Market Report: Machine Learning Lead in Canada\n\n_Last updated April 2026 · 2 data points · Confidence: insufficient_\n')).toBe(true);
    for (const text of ['## Market Overview', '> **Limited data.**', '$123,557', '$131,591', '+$8,034', '$172,980 – $222,403', '**Python (NumPy/Pandas)**', '2. Statistics', '**AWS Machine Learning Specialty**', '## Strategic Checklist for Machine Learning Lead Professionals']) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toContain('figures as the page states them._');
    expect(stdout.trimEnd().endsWith('_Data sources: seed:market-intelligence-ml-lead-canada (licence not known)._')).toBe(true);
  });

  it('writes a self-contained HTML page to ./report-<country>-<role>.html by default, or to stdout with --out -', async () => {
    const { stdout, stderr } = await report([...mlLeadCanada, '--format', 'html']);
    expect(stdout).toBe('');
    expect(stderr).toContain('report-ca-machine-learning-lead.html');
    const html = await readFile(path.join(workDir, 'report-ca-machine-learning-lead.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Market Report: Machine Learning Lead in Canada</title>');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\ssrc=|url\(/i);
    expect((await report([...mlLeadCanada, '--format', 'html', '--out', '-'])).stdout).toBe(html);
  });

  it('fails with a message for an unknown market or a market without data, and with usage for missing arguments', async () => {
    await expect(report(['--country', 'ZZ', '--role', 'machine-learning-lead'])).rejects.toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('No country with code "ZZ"') });
    await database.prisma.role.upsert({ where: { slug: 'prompt-engineer' }, create: { slug: 'prompt-engineer', title: 'Prompt Engineer', category: 'Data Science & AI' }, update: {} });
    await expect(report(['--country', 'CA', '--role', 'prompt-engineer'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('nothing to report') });
    await expect(report(['--country', 'CA'])).rejects.toMatchObject({ code: 2, stderr: 'paygraph report: --country and --role are required (see paygraph report --help)\n' });
    await expect(report([...mlLeadCanada, '--format', 'pdf'])).rejects.toMatchObject({ code: 2, stderr: 'paygraph report: --format must be markdown or html, got "pdf" (see paygraph report --help)\n' });
  });

  it.skipIf(!existsSync(CHROMIUM))(`renders in headless Chromium without loading anything (screenshot: test-output/; skipped without ${CHROMIUM})`, async () => {
    const out = path.join(workDir, 'page.html');
    await report([...mlLeadCanada, '--format', 'html', '--out', out]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${out}`);
      expect(requests).toEqual([`file://${out}`]);
      await expect(page.locator('h1').innerText()).resolves.toBe('Market Report: Machine Learning Lead in Canada');
      const headings = await page.locator('h2').allInnerTexts();
      expect(headings).toEqual([
        'Market Overview',
        'Pay Above the Median',
        'Growth Catalyst',
        'Career Moat',
        'Skill Premium Analysis',
        'Required Skills for Machine Learning Lead',
        'Negotiation Strategy',
        'Strategic Checklist for Machine Learning Lead Professionals',
      ]);
      await expect(page.locator('blockquote').innerText()).resolves.toMatch(/^Limited data\. Based on 2 data points: .*indicative only\.$/);
      const text = await page.locator('main').innerText();
      for (const figure of ['$123,557', '$131,591', '+$8,034', '$172,980 – $222,403', 'April 2026']) expect(text).toContain(figure);
      await expect(page.locator('ol li').allInnerTexts()).resolves.toEqual(['Python (NumPy/Pandas)', 'Statistics']);
      // Styles are applied: the warning is a tinted box, the page a card on a grey background.
      expect(await page.locator('blockquote').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 246, 224)');
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await browser.close();
    }
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
