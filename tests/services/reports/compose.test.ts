import { describe, expect, it } from 'vitest';
import { composeReport, type SectionTemplate } from '../../../src/services/reports/compose.js';
import type { DataSourceRow } from '../../../src/services/read-rows.js';
import type { MarketFigures } from '../../../src/services/reports/report-facts.js';
import { mlLeadCanada } from './figures.js';

// The seeded market with only its median: no projection, brackets, skills or certifications.
const figures: MarketFigures & { provenance: string; sources: DataSourceRow[] } = {
  ...mlLeadCanada,
  snapshot: { ...mlLeadCanada.snapshot, projectedMedian: null },
  projection: null,
  brackets: [],
  skills: [],
  certifications: [],
  provenance: 'a *test* source',
  sources: [],
};

const NO_TEMPLATE = 'No template for this section: the data has nothing to say here unless an operator writes wording for it.';
const templates = (...list: SectionTemplate[]) => new Map(list.map((template) => [template.kind, template]));

describe('composeReport', () => {
  it('writes the title, the last-updated line, the sections in page order and the source', () => {
    const report = composeReport(
      figures,
      templates(
        { kind: 'AI_IMPACT', heading: 'AI and {{role.title}}', body: 'AI text.' },
        { kind: 'MARKET_OVERVIEW', heading: 'Overview', body: '{{confidence.note}}\n\n\n\nMedian {{median}}.' },
      ),
    );
    expect(report).toMatchObject({ title: 'Market Report: Machine Learning Lead in Canada', lastUpdated: 'April 2026', period: '2026-04', sampleSize: 2, confidence: { level: 'INSUFFICIENT' } });
    expect(report.markdown).toBe(
      [
        '# Market Report: Machine Learning Lead in Canada',
        '',
        '_Last updated April 2026 · 2 data points · Confidence: insufficient_',
        '',
        '## Overview',
        '',
        'Based on 2 data points: too few to be reliable; treat these figures as indicative only.',
        '',
        'Median $123,557.',
        '',
        '## AI and Machine Learning Lead',
        '',
        'AI text.',
        '',
        '---',
        '',
        '_Source: a \\*test\\* source_',
        '',
      ].join('\n'),
    );
  });

  it('leaves out, and explains, sections without data, without a template, with nothing to say or with a broken template', () => {
    const report = composeReport(
      figures,
      templates(
        { kind: 'GROWTH_CATALYST', heading: 'Growth', body: 'Learn {{topSkill}} to pass {{projectedMedian}}.' },
        { kind: 'CAREER_MOAT', heading: 'Moat for {{topCertification}}', body: 'Text.' },
        { kind: 'REQUIRED_SKILLS', heading: 'Skills', body: '{{#topSkill}}{{skills.list}}{{/topSkill}}' },
        { kind: 'NEGOTIATION', heading: 'Negotiation', body: '{{#median}}open' },
        { kind: 'AI_IMPACT', heading: '{{#topSkill}}AI{{/topSkill}}', body: 'Text with an empty heading.' },
        { kind: 'COST_OF_LIVING', heading: 'Costs', body: '{{#constructor}}inherited{{/constructor}}{{toString}}' },
      ),
    );
    expect(report.sections).toEqual([]);
    expect(report.omittedSections).toEqual([
      { kind: 'MARKET_OVERVIEW', missing: [], reason: NO_TEMPLATE },
      { kind: 'REGIONAL_DEMAND', missing: [], reason: NO_TEMPLATE },
      { kind: 'GROWTH_CATALYST', missing: ['topSkill', 'projectedMedian'], reason: 'No data for this market: topSkill, projectedMedian.' },
      { kind: 'CAREER_MOAT', missing: ['topCertification'], reason: 'No data for this market: topCertification.' },
      { kind: 'SKILL_PREMIUM', missing: [], reason: NO_TEMPLATE },
      { kind: 'REQUIRED_SKILLS', missing: [], reason: 'Nothing to say for this market.' },
      { kind: 'AI_IMPACT', missing: [], reason: 'Nothing to say for this market.' },
      { kind: 'NEGOTIATION', missing: [], reason: 'The template cannot be read: The block {{#median}} is never closed with {{/median}}.' },
      { kind: 'COST_OF_LIVING', missing: ['toString'], reason: 'No data for this market: toString.' },
      { kind: 'STRATEGIC_CHECKLIST', missing: [], reason: NO_TEMPLATE },
    ]);
    expect(report.markdown).not.toContain('##');
  });
});
