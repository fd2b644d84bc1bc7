import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { committedMigrations } from '../../src/db/migrations.js';
import { DEFAULT_REPORT_TEMPLATES } from '../../src/db/report-templates.seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { REPORT_TEMPLATES_2026_11 } from './fixtures/report-templates-2026-11.js';

const MIGRATION = '20261205020000_page_facts';
const sql = (name: string) => readFileSync(path.join(projectRoot, 'prisma', 'migrations', name, 'migration.sql'), 'utf8');

let database: TestDatabase;
afterAll(() => database.drop());

describe(`migration ${MIGRATION}`, () => {
  it('rewrites DEFAULT wording still as installed, removes the sections no data backs, keeps edited wording, and recomputes old projections', async () => {
    database = await createTestDatabase({ migrated: false });
    for (const name of committedMigrations().filter((name) => name < MIGRATION)) await database.pool.query(sql(name));
    const insert = (kind: string, scope: string, scopeValue: string, heading: string, body: string) =>
      database.pool.query('INSERT INTO report_template (kind, scope, scope_value, heading, body, updated_at) VALUES ($1, $2, $3, $4, $5, now())', [kind, scope, scopeValue, heading, body]);
    for (const { kind, heading, body } of REPORT_TEMPLATES_2026_11) {
      // An operator has edited two defaults: their wording is theirs.
      const edited = kind === 'AI_IMPACT' || kind === 'NEGOTIATION';
      await insert(kind, 'DEFAULT', '', heading, edited ? `${body}\n\nEdited by the operator.` : body);
    }
    await insert('COST_OF_LIVING', 'COUNTRY', 'CA', 'Living in Canada', 'Curated text.');
    await database.pool.query("INSERT INTO country (code, name, currency_code) VALUES ('US', 'United States', 'USD')");
    await database.pool.query("INSERT INTO role (slug, title, category) VALUES ('data-engineer', 'Data Engineer', 'Data')");
    await database.pool.query(
      `INSERT INTO market_snapshot (country_id, role_id, level, period, currency_code, sample_size, median, projected_median, projection_method, projection_periods, as_of, source, provenance, updated_at)
       VALUES (1, 1, 'ALL', '2023', 'USD', 472, 145000, 162000, 'LINEAR_TREND', '{2020,2021,2022,2023}', '2023-12-31', 'COMPUTED', 'test', now())`,
    );

    await database.pool.query(sql(MIGRATION));

    const { rows } = await database.pool.query<{ kind: string; scope: string; heading: string; body: string }>('SELECT kind, scope, heading, body FROM report_template ORDER BY kind, scope');
    const old = new Map(REPORT_TEMPLATES_2026_11.map((template) => [template.kind, template]));
    const now = new Map(DEFAULT_REPORT_TEMPLATES.map((template) => [template.kind as string, template]));
    const expected = [
      ...[...now.values()].filter(({ kind }) => kind !== 'NEGOTIATION').map(({ kind, heading, body }) => ({ kind, scope: 'DEFAULT', heading, body })),
      { kind: 'AI_IMPACT', scope: 'DEFAULT', heading: old.get('AI_IMPACT')!.heading, body: `${old.get('AI_IMPACT')!.body}\n\nEdited by the operator.` },
      { kind: 'NEGOTIATION', scope: 'DEFAULT', heading: old.get('NEGOTIATION')!.heading, body: `${old.get('NEGOTIATION')!.body}\n\nEdited by the operator.` },
      { kind: 'COST_OF_LIVING', scope: 'COUNTRY', heading: 'Living in Canada', body: 'Curated text.' },
    ];
    const byKey = (a: { kind: string; scope: string }, b: { kind: string; scope: string }) => `${a.kind}:${a.scope}`.localeCompare(`${b.kind}:${b.scope}`);
    expect([...rows].sort(byKey)).toEqual(expected.sort(byKey));
    // The unedited COST_OF_LIVING default is gone; the operator's COUNTRY wording stays.
    expect(rows.filter((row) => row.kind === 'COST_OF_LIVING' && row.scope === 'DEFAULT')).toEqual([]);

    const { rows: snapshots } = await database.pool.query('SELECT projected_median, projection_method, projection_periods, projection_note FROM market_snapshot');
    expect(snapshots).toEqual([{ projected_median: null, projection_method: null, projection_periods: [], projection_note: expect.stringContaining('Not yet recomputed') }]);
    const { rows: stale } = await database.pool.query('SELECT country_id, role_id, period FROM stale_market');
    expect(stale).toEqual([{ country_id: 1, role_id: 1, period: '2023' }]);
    const { rows: licences } = await database.pool.query('SELECT source_key, licence FROM source_licence');
    expect(licences).toEqual([{ source_key: 'ai-jobs:ai-jobs-salaries-2020-2023.csv', licence: 'CC0 1.0' }]);
  });
});
