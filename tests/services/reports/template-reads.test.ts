import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { RequestServices } from '../../../src/services/request-services.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
const processZone = process.env.TZ;

beforeAll(async () => {
  // Away from UTC, a timestamp read as local time would be off by hours.
  process.env.TZ = 'Pacific/Auckland';
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await database.prisma.reportTemplate.createMany({
    data: [
      { kind: 'MARKET_OVERVIEW', scope: 'ROLE', scopeValue: 'machine-learning-lead', heading: 'Role overview', body: 'For the role.' },
      { kind: 'NEGOTIATION', scope: 'COUNTRY', scopeValue: 'CA', heading: 'Negotiating in Canada', body: 'In Canada.' },
      { kind: 'NEGOTIATION', scope: 'COUNTRY', scopeValue: 'DE', heading: 'Negotiating in Germany', body: 'In Germany.' },
    ],
  });
  await database.pool.query(`UPDATE report_template SET updated_at = '2026-03-04 05:06:07.089' WHERE scope_value = 'CA'`);
});
afterAll(async () => {
  process.env.TZ = processZone;
  await database.drop();
});

describe('report templates for a market', () => {
  it('reads, for each section, the most specific template, each as the Prisma client reads it (updatedAt in UTC)', async () => {
    const chosen = await new RequestServices(database).reportTemplates.forMarket({ roleSlug: 'machine-learning-lead', category: 'Data Science & AI', countryCode: 'CA' });
    const kinds = await database.prisma.reportTemplate.findMany({ where: { scope: 'DEFAULT' }, select: { kind: true } });
    expect([...chosen.keys()].sort()).toEqual(kinds.map(({ kind }) => kind).sort());
    for (const template of chosen.values()) {
      expect(template).toEqual(await database.prisma.reportTemplate.findUniqueOrThrow({ where: { id: template.id } }));
    }
    expect(chosen.get('MARKET_OVERVIEW')!.heading).toBe('Role overview');
    expect(chosen.get('NEGOTIATION')!.heading).toBe('Negotiating in Canada');
    expect(chosen.get('NEGOTIATION')!.updatedAt.toISOString()).toBe('2026-03-04T05:06:07.089Z');
    expect(chosen.get('REGIONAL_DEMAND')!.scope).toBe('DEFAULT');
  });
});
