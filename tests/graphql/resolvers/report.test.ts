import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../src/db/seed.js';
import { ApiKeyService, Scope } from '../../../src/services/api-keys/api-key.service.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { contractOperation, createGraphQLClient } from '../../support/graphql.js';

// Expected figures come from the seed page (shared/seed) and, for the computed market, from the
// snapshot written below, worked out by hand:
// - Canada / Machine Learning Lead: median $123,557, projected $131,591, +$8,034 (+6.5 %),
//   specialists 40–80 % above the median = 123557 × 1.4 = 172979.8 → $172,980 and × 1.8 = 222402.6 → $222,403.
// - United States / Data Engineer 2022 (n = 409): median $145,000; specialists 145000 × 1.4 = $203,000
//   to × 1.8 = $261,000; P75–P90 $180,000 – $220,000; P25–P75 $117,000 – $180,000; against 2021's
//   $130,000 the move is +$15,000 = 15000 / 130000 = 11.538… % → +11.54 %.
const SPACE = '[ \u00a0]';
const ALL_KINDS = ['MARKET_OVERVIEW', 'REGIONAL_DEMAND', 'GROWTH_CATALYST', 'CAREER_MOAT', 'SKILL_PREMIUM', 'REQUIRED_SKILLS', 'AI_IMPACT', 'NEGOTIATION', 'COST_OF_LIVING', 'STRATEGIC_CHECKLIST'];
// The data holds nothing on AI or living costs: those sections have no DEFAULT wording.
const WITHOUT_DATA = ['AI_IMPACT', 'COST_OF_LIVING'];
const DEFAULT_KINDS = ALL_KINDS.filter((kind) => !WITHOUT_DATA.includes(kind));
const NOT_WRITTEN = WITHOUT_DATA.map((kind) => ({ kind, missing: [] }));

const REPORT = `query Report($country: String!, $role: String!) {
  marketReport(countryCode: $country, roleSlug: $role) {
    title lastUpdated sampleSize confidence { level sampleSize note }
    sections { kind heading body } omittedSections { kind missing } markdown
  }
}`;
const SAVE = `mutation Save($input: SaveReportTemplateInput!) {
  saveReportTemplate(input: $input) { template { kind scope scopeValue heading body updatedAt } userErrors { field message code } }
}`;
const DELETE = `mutation Delete($input: ReportTemplateKeyInput!) {
  deleteReportTemplate(input: $input) { deletedTemplate { kind scope scopeValue } userErrors { field message code } }
}`;

interface Section {
  kind: string;
  heading: string;
  body: string;
}

let database: TestDatabase;
let client: Awaited<ReturnType<typeof createGraphQLClient>>;
let editorKey: string;
let importerKey: string;

async function createMarket(market: { country: { code: string; name: string; currencyCode: string }; role: { slug: string; title: string; category: string } }, snapshots: Array<Record<string, unknown> & { period: string }>) {
  const { prisma } = database;
  const country = await prisma.country.upsert({ where: { code: market.country.code }, create: market.country, update: {} });
  const role = await prisma.role.upsert({ where: { slug: market.role.slug }, create: market.role, update: {} });
  for (const snapshot of snapshots) {
    await prisma.marketSnapshot.create({
      data: {
        countryId: country.id,
        roleId: role.id,
        currencyCode: market.country.currencyCode,
        asOf: new Date(`${snapshot.period.slice(0, 4)}-12-31T00:00:00Z`),
        source: 'COMPUTED',
        provenance: 'test observations',
        sampleSize: 0,
        median: '0',
        ...snapshot,
      },
    });
  }
}

const unitedStates = { code: 'US', name: 'United States', currencyCode: 'USD' };
const dataEngineer = { slug: 'data-engineer', title: 'Data Engineer', category: 'Data Engineering' };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma);
  await createMarket({ country: unitedStates, role: dataEngineer }, [
    { period: '2021', sampleSize: 350, median: '130000' },
    { period: '2022', sampleSize: 409, p10: '94740', p25: '117000', median: '145000', p75: '180000', p90: '220000' },
  ]);
  await createMarket({ country: { code: 'CA', name: 'Canada', currencyCode: 'CAD' }, role: dataEngineer }, [{ period: '2023', sampleSize: 5, median: '98000' }]);
  // US Data Engineer 2022 came from the bundled file (licence known from the migration) and a client's API batch.
  const us = await database.prisma.country.findUniqueOrThrow({ where: { code: 'US' } });
  const role = await database.prisma.role.findUniqueOrThrow({ where: { slug: 'data-engineer' } });
  await database.prisma.marketSource.createMany({
    data: ['ai-jobs:ai-jobs-salaries-2020-2023.csv', 'api:hr_export'].map((sourceKey) => ({ countryId: us.id, roleId: role.id, period: '2022', sourceKey })),
  });
  await database.prisma.role.create({ data: { slug: 'prompt-engineer', title: 'Prompt Engineer', category: 'Data Science & AI' } });
  const keys = new ApiKeyService(database.prisma);
  editorKey = (await keys.create({ name: 'editor', scopes: [Scope.TEMPLATES_WRITE] })).key;
  importerKey = (await keys.create({ name: 'importer', scopes: [Scope.OBSERVATIONS_WRITE] })).key;
  client = await createGraphQLClient(database);
});

afterAll(async () => {
  await client.stop();
  await database.drop();
});

async function report(country: string, role: string) {
  const { data, errors } = await client.execute(REPORT, { country, role });
  expect(errors).toBeUndefined();
  const result = data!.marketReport;
  return { ...result, section: (kind: string): Section | undefined => result.sections.find((section: Section) => section.kind === kind) };
}

/** Runs a template mutation with the editor's key, another key, or (null) none. */
const withKey = (apiKey: string | null) => (apiKey === null ? {} : { apiKey });
const save = (input: Record<string, unknown>, apiKey: string | null = editorKey) => client.execute(SAVE, { input }, withKey(apiKey));
const remove = (input: Record<string, unknown>, apiKey: string | null = editorKey) => client.execute(DELETE, { input }, withKey(apiKey));

function expectNoHoles(sections: Section[]) {
  for (const { heading, body } of sections) expect(`${heading}\n${body}`).not.toMatch(/\{\{|\}\}|null|undefined|NaN|\$0\b/);
}

describe('marketReport for the seeded market (contract)', () => {
  it('answers the contract operation with the page, every figure in its section', async () => {
    const { data, errors } = await client.execute(contractOperation('MarketReport'), { country: 'CA', role: 'machine-learning-lead' });
    expect(errors).toBeUndefined();
    const result = data!.marketReport;
    expect(result).toMatchObject({ title: 'Market Report: Machine Learning Lead in Canada', lastUpdated: 'April 2026', sampleSize: 2, confidence: { level: 'INSUFFICIENT', sampleSize: 2 } });
    expect(result.confidence.note).toMatch(/^Based on 2 data points: .*indicative only/);
    expect(result.sections.map((section: Section) => section.kind)).toEqual(DEFAULT_KINDS);
    expectNoHoles(result.sections);

    const byKind = Object.fromEntries(result.sections.map((section: Section) => [section.kind, section])) as Record<string, Section>;
    const overview = byKind.MARKET_OVERVIEW!;
    expect(overview.heading).toBe('Market Overview');
    expect(overview.body).toMatch(/^> \*\*Limited data\.\*\* Based on 2 data points: too few to be reliable; treat these figures as indicative only\./);
    expect(overview.body).toContain('April 2026');
    expect(overview.body).toContain('$123,557');
    expect(overview.body).toContain('$131,591');
    expect(overview.body).toMatch(new RegExp(`\\+\\$8,034 \\(\\+6\\.5${SPACE}%\\)`));

    expect(byKind.REGIONAL_DEMAND!.heading).toBe('Pay Above the Median');
    expect(byKind.REGIONAL_DEMAND!.body).toContain('$172,980 – $222,403');
    expect(byKind.REGIONAL_DEMAND!.body).toMatch(new RegExp(`40${SPACE}% to 80${SPACE}% above the median`));
    // Two data points have no P90: the report says the data cannot confirm the tier, and makes no demand claims.
    expect(byKind.REGIONAL_DEMAND!.body).toContain('a convention, not an observation');
    expect(byKind.REGIONAL_DEMAND!.body).toContain('too small to show a 90th percentile');
    expect(byKind.REGIONAL_DEMAND!.body).not.toMatch(/junior|bootcamp|crowded|scarc/i);
    expect(byKind.GROWTH_CATALYST!.body).toContain('**Python (NumPy/Pandas)**');
    expect(byKind.GROWTH_CATALYST!.body).not.toContain('Statistics');
    expect(byKind.CAREER_MOAT!.body).toContain('**AWS Machine Learning Specialty**');
    expect(byKind.SKILL_PREMIUM!.heading).toBe('Skill Premium Analysis');
    expect(byKind.SKILL_PREMIUM!.body).toContain('Python (NumPy/Pandas) and Statistics');
    expect(byKind.SKILL_PREMIUM!.body).toContain('not proof that the skill causes it');
    expect(byKind.REQUIRED_SKILLS).toMatchObject({ heading: 'Required Skills for Machine Learning Lead', body: expect.stringContaining('1. Python (NumPy/Pandas)\n2. Statistics') });
    expect(byKind.REQUIRED_SKILLS!.body).toContain('- AWS Machine Learning Specialty (Amazon Web Services)');
    expect(byKind.NEGOTIATION!.heading).toBe('Negotiation Strategy');
    expect(byKind.NEGOTIATION!.body).toMatch(/\$123,557.*\$131,591.*\+\$8,034/s);
    expect(byKind.STRATEGIC_CHECKLIST!.heading).toBe('Strategic Checklist for Machine Learning Lead Professionals');
    const checklist = byKind.STRATEGIC_CHECKLIST!.body.split('\n');
    expect(checklist).toHaveLength(3);
    expect(checklist[0]).toMatch(/^- \*\*Market positioning:\*\* .*\$131,591.*Python \(NumPy\/Pandas\)/);
    expect(checklist[1]).toMatch(/^- \*\*Negotiation leverage:\*\* .*Python \(NumPy\/Pandas\)/);
    expect(checklist[2]).toMatch(/^- \*\*Career moat:\*\* .*AWS Machine Learning Specialty/);
    expect((await report('CA', 'machine-learning-lead')).omittedSections).toEqual(NOT_WRITTEN);
    expect(result.markdown).not.toMatch(/AI readiness|AI is reshaping|cost of living|housing/i);
  });

  it('assembles the whole page in Markdown: title, last-updated line, every section in order, source', async () => {
    const { markdown, sections, title } = await report('CA', 'machine-learning-lead');
    expect(markdown.startsWith(`# ${title}\n\n_Last updated April 2026 · 2 data points · Confidence: insufficient_\n\n`)).toBe(true);
    let position = 0;
    for (const section of sections as Section[]) {
      const at = markdown.indexOf(`## ${section.heading}\n\n${section.body}\n`, position);
      expect(at, section.kind).toBeGreaterThan(position);
      position = at;
    }
    expect(markdown).toMatch(
      /\n---\n\n_Source: Market-intelligence page "Machine Learning Lead in Canada", April 2026, based on 2 data points; .*_\n\n_Data sources: seed:market-intelligence-ml-lead-canada \(licence not known\)\._\n$/,
    );
  });

  it('computes every figure from the snapshot when asked, not from stored text', async () => {
    const snapshot = await database.prisma.marketSnapshot.findFirstOrThrow({ where: { period: '2026-04' } });
    await database.prisma.marketSnapshot.update({ where: { id: snapshot.id }, data: { median: '130000', sampleSize: 12 } });
    try {
      const changed = await report('CA', 'machine-learning-lead');
      // 130000 × 1.4 = 182000, × 1.8 = 234000; 131591 − 130000 = 1591 = 1.2238… % → +1.22 %.
      expect(changed.section('REGIONAL_DEMAND').body).toContain('$182,000 – $234,000');
      expect(changed.section('MARKET_OVERVIEW').body).toMatch(new RegExp(`\\$130,000.*\\+\\$1,591 \\(\\+1\\.22${SPACE}%\\)`, 's'));
      expect(changed.confidence.level).toBe('MODERATE');
      expect(changed.markdown).toContain('12 data points');
      expect(changed.markdown).not.toContain('Limited data');
    } finally {
      await database.prisma.marketSnapshot.update({ where: { id: snapshot.id }, data: { median: snapshot.median, sampleSize: snapshot.sampleSize } });
    }
  });
});

describe('marketReport for a computed market', () => {
  it('reports the figures it has, in dollars, without warning about a large sample', async () => {
    const result = await report('US', 'data-engineer');
    expect(result).toMatchObject({ title: 'Market Report: Data Engineer in the United States', lastUpdated: '2022', sampleSize: 409, confidence: { level: 'HIGH', sampleSize: 409 } });
    expectNoHoles(result.sections);
    const overview = result.section('MARKET_OVERVIEW').body;
    expect(overview).toMatch(/^Based on 409 data points: a large sample/);
    expect(overview).not.toMatch(/indicative|Limited data/);
    expect(overview).toContain('the median Data Engineer salary in the United States is $145,000 a year');
    expect(overview).toContain('No projection is available');
    expect(overview).toMatch(new RegExp(`In 2021 the median stood at \\$130,000: .*\\+\\$15,000 \\(\\+11\\.54${SPACE}%\\)`));
    expect(overview).toContain('The middle half of salaries lies within $117,000 – $180,000.');
    // The tier's top, 145000 × 1.8 = 261000, is above the observed P90 of 220000: the report says so.
    expect(result.section('REGIONAL_DEMAND').body).toContain('$203,000 – $261,000');
    expect(result.section('REGIONAL_DEMAND').body).toContain("its top is above the highest pay this market's data shows (the 90th percentile, $220,000)");
    expect(result.section('REGIONAL_DEMAND').body).toContain('$180,000 – $220,000');
    expect(result.section('NEGOTIATION').body).toContain('the median is $145,000 and the top quartile starts at $180,000');
    const checklist = result.section('STRATEGIC_CHECKLIST').body;
    expect(checklist).toContain('aim above the $145,000 median.');
    expect(checklist).toContain("this market's data has no certifications");
    expect(checklist).not.toContain('stands out');
    expect(result.markdown).toContain('_Data sources: ai-jobs:ai-jobs-salaries-2020-2023.csv (licence: CC0 1.0, https://ai-jobs.net/salaries/download/); api:hr\\_export (licence not known)._');
  });

  it('leaves out the sections that need skills or certifications, rather than printing them empty', async () => {
    const result = await report('US', 'data-engineer');
    expect(result.sections.map((section: Section) => section.kind)).toEqual(['MARKET_OVERVIEW', 'REGIONAL_DEMAND', 'NEGOTIATION', 'STRATEGIC_CHECKLIST']);
    expect(result.omittedSections).toEqual([
      { kind: 'GROWTH_CATALYST', missing: ['topSkill'] },
      { kind: 'CAREER_MOAT', missing: ['topCertification'] },
      { kind: 'SKILL_PREMIUM', missing: ['topSkills'] },
      { kind: 'REQUIRED_SKILLS', missing: ['skills.list'] },
      { kind: 'AI_IMPACT', missing: [] },
      { kind: 'COST_OF_LIVING', missing: [] },
    ]);
    for (const heading of ['Growth Catalyst', 'Career Moat', 'Skill Premium', 'Required Skills']) expect(result.markdown).not.toContain(`## ${heading}`);
  });

  it('says plainly that figures from a small sample are indicative only', async () => {
    const result = await report('CA', 'data-engineer');
    expect(result.confidence.level).toBe('LOW');
    expect(result.section('MARKET_OVERVIEW').body).toMatch(/^> \*\*Limited data\.\*\* Based on 5 data points: a small sample; treat these figures as indicative only/);
    expect(result.markdown).toContain('_Last updated 2023 · 5 data points · Confidence: low_');
    expect(result.section('MARKET_OVERVIEW').body).toContain('$98,000');
    // Neither quartiles nor a projection: negotiation leans on the median alone.
    expect(result.section('NEGOTIATION').body).toContain('the median is $98,000. Set your ask');
  });

  it('answers NOT_FOUND for an unknown country or role and null for a market without a snapshot', async () => {
    const unknownCountry = await client.execute(REPORT, { country: 'ZZ', role: 'data-engineer' });
    expect(unknownCountry.errors?.[0]).toMatchObject({ message: 'No country with code "ZZ"', extensions: { code: 'NOT_FOUND' } });
    const unknownRole = await client.execute(REPORT, { country: 'US', role: 'astronaut' });
    expect(unknownRole.errors?.[0]).toMatchObject({ message: 'No role with slug "astronaut"', extensions: { code: 'NOT_FOUND' } });
    const empty = await client.execute(REPORT, { country: 'CA', role: 'prompt-engineer' });
    expect(empty).toEqual({ data: { marketReport: null } });
  });

  it('reports an earlier period when asked for one', async () => {
    const { data, errors } = await client.execute(`{ marketReport(countryCode: "US", roleSlug: "data-engineer", period: "2021") { lastUpdated sampleSize markdown } }`);
    expect(errors).toBeUndefined();
    expect(data!.marketReport).toMatchObject({ lastUpdated: '2021', sampleSize: 350 });
    expect(data!.marketReport.markdown).toContain('$130,000 a year');
    expect(data!.marketReport.markdown).not.toContain('In 2020');
  });

  it('writes a report with a bounded number of statements', async () => {
    const before = database.statementCount();
    await report('US', 'data-engineer');
    // country, role by slug, market history, templates, premium tiers, role by id (for its tier
    // category), skills + their skill rows, certifications + their certification rows, sources.
    expect(database.statementCount() - before).toBeLessThanOrEqual(11);
  });
});

describe('report templates', () => {
  it('needs an API key with templates:write to change wording', async () => {
    const input = { kind: 'AI_IMPACT', heading: 'AI', body: 'Text.' };
    const anonymous = await save(input, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const invalid = await save(input, 'pgk_not-a-real-key');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrongScope = await save(input, importerKey);
    expect(wrongScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deletion = await remove({ kind: 'AI_IMPACT', scope: 'ROLE', scopeValue: 'data-engineer' }, importerKey);
    expect(deletion.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report('US', 'data-engineer')).section('AI_IMPACT')).toBeUndefined();
  });

  it('rejects a template with unknown placeholders, naming them and listing the known ones, and saves nothing', async () => {
    const { data, errors } = await save({ kind: 'NEGOTIATION', heading: 'Negotiating as {{role.name}}', body: 'Ask for {{salary}} or {{bonus}}; the median is {{median}}.' });
    expect(errors).toBeUndefined();
    const { template, userErrors } = data!.saveReportTemplate;
    expect(template).toBeNull();
    expect(userErrors.map(({ field, code }: { field: string[]; code: string }) => ({ field, code }))).toEqual([
      { field: ['input', 'heading'], code: 'UNKNOWN_PLACEHOLDER' },
      { field: ['input', 'body'], code: 'UNKNOWN_PLACEHOLDER' },
    ]);
    expect(userErrors[1].message).toMatch(/^Unknown placeholders in the body: \{\{salary\}\}, \{\{bonus\}\}\. Known placeholders: .*\{\{median\}\}/);
    expect(await database.prisma.reportTemplate.count({ where: { kind: 'NEGOTIATION' } })).toBe(1);
  });

  it('rejects an overview that would hide the sample size, and scope values that name nothing', async () => {
    const overview = await save({ kind: 'MARKET_OVERVIEW', heading: 'Overview', body: 'Median {{median}}.' });
    expect(overview.data!.saveReportTemplate.userErrors).toEqual([expect.objectContaining({ field: ['input', 'body'], code: 'MISSING_CONFIDENCE_NOTE' })]);
    const cases: Array<[Record<string, string>, string]> = [
      [{ scope: 'ROLE', scopeValue: 'astronaut' }, 'UNKNOWN_SCOPE_VALUE'],
      [{ scope: 'CATEGORY', scopeValue: 'Space Travel' }, 'UNKNOWN_SCOPE_VALUE'],
      [{ scope: 'COUNTRY', scopeValue: 'ZZ' }, 'UNKNOWN_SCOPE_VALUE'],
      [{ scope: 'COUNTRY', scopeValue: 'Canada' }, 'INVALID_SCOPE_VALUE'],
      [{ scope: 'DEFAULT', scopeValue: 'CA' }, 'INVALID_SCOPE_VALUE'],
    ];
    for (const [scope, code] of cases) {
      const { data } = await save({ kind: 'AI_IMPACT', heading: 'AI', body: 'Text.', ...scope });
      expect(data!.saveReportTemplate, JSON.stringify(scope)).toEqual({ template: null, userErrors: [expect.objectContaining({ field: ['input', 'scopeValue'], code })] });
    }
  });

  it('uses the most specific template: role, then category, then country, then the default', async () => {
    const costOfLiving = async (country: string, role: string) => (await report(country, role)).section('COST_OF_LIVING') as Section;
    const wording = (scope: string, scopeValue: string) => ({ kind: 'COST_OF_LIVING', scope, scopeValue, heading: `Living costs (${scope.toLowerCase()})`, body: `${scope} wording: median {{median}} in {{country.name}}.` });

    const country = await save(wording('COUNTRY', 'us'));
    expect(country.data!.saveReportTemplate).toMatchObject({ template: { scope: 'COUNTRY', scopeValue: 'US', heading: 'Living costs (country)' }, userErrors: [] });
    expect(await costOfLiving('US', 'data-engineer')).toEqual({ kind: 'COST_OF_LIVING', heading: 'Living costs (country)', body: 'COUNTRY wording: median $145,000 in United States.' });
    // No DEFAULT wording for living costs: a market without curated wording has no such section.
    expect(await costOfLiving('CA', 'data-engineer')).toBeUndefined();

    expect((await save(wording('CATEGORY', 'Data Engineering'))).data!.saveReportTemplate.userErrors).toEqual([]);
    expect((await costOfLiving('US', 'data-engineer')).body).toBe('CATEGORY wording: median $145,000 in United States.');
    expect((await costOfLiving('CA', 'data-engineer')).body).toBe('CATEGORY wording: median $98,000 in Canada.');
    expect(await costOfLiving('CA', 'machine-learning-lead')).toBeUndefined();

    expect((await save(wording('ROLE', 'Data-Engineer'))).data!.saveReportTemplate.template.scopeValue).toBe('data-engineer');
    expect((await costOfLiving('US', 'data-engineer')).body).toBe('ROLE wording: median $145,000 in United States.');

    expect((await remove({ kind: 'COST_OF_LIVING', scope: 'ROLE', scopeValue: 'data-engineer' })).data!.deleteReportTemplate).toEqual({
      deletedTemplate: { kind: 'COST_OF_LIVING', scope: 'ROLE', scopeValue: 'data-engineer' },
      userErrors: [],
    });
    expect((await costOfLiving('US', 'data-engineer')).body).toBe('CATEGORY wording: median $145,000 in United States.');
    await remove({ kind: 'COST_OF_LIVING', scope: 'CATEGORY', scopeValue: 'Data Engineering' });
    expect((await costOfLiving('US', 'data-engineer')).body).toBe('COUNTRY wording: median $145,000 in United States.');
    await remove({ kind: 'COST_OF_LIVING', scope: 'COUNTRY', scopeValue: 'US' });
    expect(await costOfLiving('US', 'data-engineer')).toBeUndefined();
  });

  it('leaves out an overriding section when its wording needs data the market lacks', async () => {
    await save({ kind: 'NEGOTIATION', scope: 'ROLE', scopeValue: 'data-engineer', heading: 'Negotiating as a {{role.title}}', body: 'Lead with {{topSkill}}.' });
    const result = await report('US', 'data-engineer');
    expect(result.section('NEGOTIATION')).toBeUndefined();
    expect(result.omittedSections).toContainEqual({ kind: 'NEGOTIATION', missing: ['topSkill'] });
    await remove({ kind: 'NEGOTIATION', scope: 'ROLE', scopeValue: 'data-engineer' });
    expect((await report('US', 'data-engineer')).section('NEGOTIATION')).toBeDefined();
  });

  it('prints curated wording for a section the data cannot back only where an operator wrote it', async () => {
    const curated = { kind: 'AI_IMPACT', scope: 'CATEGORY', scopeValue: 'Data Science & AI', heading: 'AI and {{role.title}} work', body: 'Curated by the operator for {{role.category}}.' };
    expect((await save(curated)).data!.saveReportTemplate.userErrors).toEqual([]);
    expect((await report('CA', 'machine-learning-lead')).section('AI_IMPACT')).toEqual({ kind: 'AI_IMPACT', heading: 'AI and Machine Learning Lead work', body: 'Curated by the operator for Data Science & AI.' });
    expect((await report('US', 'data-engineer')).section('AI_IMPACT')).toBeUndefined();
    expect((await remove({ kind: curated.kind, scope: curated.scope, scopeValue: curated.scopeValue })).data!.deleteReportTemplate.userErrors).toEqual([]);
    expect((await report('CA', 'machine-learning-lead')).section('AI_IMPACT')).toBeUndefined();
  });

  it('changes the default wording for every market, and keeps defaults from being deleted', async () => {
    const original = await database.prisma.reportTemplate.findFirstOrThrow({ where: { kind: 'NEGOTIATION', scope: 'DEFAULT' } });
    const saved = await save({ kind: 'NEGOTIATION', heading: 'Negotiating as the {{role.title}}', body: '  New wording for {{country.name}}.  ' });
    expect(saved.data!.saveReportTemplate.template).toMatchObject({ scope: 'DEFAULT', scopeValue: '', body: 'New wording for {{country.name}}.', updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await report('US', 'data-engineer')).section('NEGOTIATION')).toMatchObject({ heading: 'Negotiating as the Data Engineer', body: 'New wording for United States.' });
    expect((await report('CA', 'machine-learning-lead')).section('NEGOTIATION').body).toBe('New wording for Canada.');

    const deletion = await remove({ kind: 'NEGOTIATION', scope: 'DEFAULT' });
    expect(deletion.data!.deleteReportTemplate).toEqual({ deletedTemplate: null, userErrors: [expect.objectContaining({ code: 'DEFAULT_REQUIRED' })] });
    const missing = await remove({ kind: 'NEGOTIATION', scope: 'COUNTRY', scopeValue: 'US' });
    expect(missing.data!.deleteReportTemplate).toEqual({ deletedTemplate: null, userErrors: [expect.objectContaining({ field: ['input'], code: 'NOT_FOUND' })] });

    await save({ kind: 'NEGOTIATION', heading: original.heading, body: original.body });
  });

  it('lists the stored templates and the placeholders they may use', async () => {
    const { data, errors } = await client.execute(`{
      reportTemplates(scope: DEFAULT) { kind scope scopeValue }
      reportPlaceholders { name kind description }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.reportTemplates.map((template: { kind: string }) => template.kind)).toEqual(DEFAULT_KINDS);
    const placeholders = new Map(data!.reportPlaceholders.map((placeholder: { name: string; kind: string }) => [placeholder.name, placeholder.kind]));
    for (const name of ['role.title', 'median', 'projectedMedian', 'growth.percent', 'topSkill', 'topCertification', 'specialistBracket']) expect(placeholders.get(name)).toBe('TEXT');
    expect(placeholders.get('indicativeOnly')).toBe('CONDITION');
  });

  it('keeps edited wording when the seed runs again', async () => {
    await save({ kind: 'GROWTH_CATALYST', scope: 'DEFAULT', heading: 'Edited', body: 'Edited body.' });
    await seedDatabase(database.prisma);
    expect(await database.prisma.reportTemplate.findFirstOrThrow({ where: { kind: 'GROWTH_CATALYST', scope: 'DEFAULT' } })).toMatchObject({ heading: 'Edited', body: 'Edited body.' });
    expect(await database.prisma.reportTemplate.count({ where: { scope: 'DEFAULT' } })).toBe(DEFAULT_KINDS.length);
  });
});
