import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_TEMPLATES } from '../../../src/db/report-templates.seed.js';
import { checkTemplate } from '../../../src/services/reports/template-check.js';

const overviewBody = '{{confidence.note}} The median is {{median}}.';

describe('checkTemplate', () => {
  it('accepts every default template', () => {
    for (const template of DEFAULT_REPORT_TEMPLATES) expect(checkTemplate(template), template.kind).toEqual([]);
  });

  it('names each unknown placeholder once and lists the known ones', () => {
    const problems = checkTemplate({ kind: 'AI_IMPACT', heading: 'AI and {{role.name}}', body: '{{salary}} and {{#bonus}}{{salary}}{{/bonus}}' });
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'heading', code: 'UNKNOWN_PLACEHOLDER' },
      { field: 'body', code: 'UNKNOWN_PLACEHOLDER' },
    ]);
    expect(problems[0]!.message).toMatch(/^Unknown placeholder in the heading: \{\{role\.name\}\}\. Known placeholders: \{\{role\.title\}\}, /);
    expect(problems[1]!.message).toMatch(/^Unknown placeholders in the body: \{\{salary\}\}, \{\{bonus\}\}\. Known placeholders: /);
    for (const known of ['{{median}}', '{{projectedMedian}}', '{{growth.percent}}', '{{topSkill}}', '{{topCertification}}', '{{specialistBracket}}']) {
      expect(problems[1]!.message).toContain(known);
    }
  });

  it('reports syntax errors per field', () => {
    expect(checkTemplate({ kind: 'AI_IMPACT', heading: 'AI', body: '{{#topSkill}}open' })).toEqual([
      { field: 'body', code: 'INVALID_SYNTAX', message: 'The body cannot be read: The block {{#topSkill}} is never closed with {{/topSkill}}.' },
    ]);
  });

  it('rejects blank parts and a heading on several lines', () => {
    expect(checkTemplate({ kind: 'AI_IMPACT', heading: '  ', body: '' }).map(({ field, code }) => [field, code])).toEqual([
      ['heading', 'BLANK'],
      ['body', 'BLANK'],
    ]);
    expect(checkTemplate({ kind: 'AI_IMPACT', heading: 'AI\nImpact', body: 'x' })[0]).toMatchObject({ field: 'heading', code: 'INVALID_SYNTAX' });
  });

  it('rejects a condition printed as text', () => {
    expect(checkTemplate({ kind: 'AI_IMPACT', heading: 'AI', body: 'Indicative: {{indicativeOnly}}' })).toEqual([
      {
        field: 'body',
        code: 'CONDITION_AS_TEXT',
        message: '{{indicativeOnly}} is a condition, not text: use it as {{#indicativeOnly}}…{{/indicativeOnly}} or {{^indicativeOnly}}…{{/indicativeOnly}}.',
      },
    ]);
  });

  it('requires the Market Overview to print the confidence note unconditionally', () => {
    expect(checkTemplate({ kind: 'MARKET_OVERVIEW', heading: 'Overview', body: overviewBody })).toEqual([]);
    for (const body of ['The median is {{median}}.', '{{#indicativeOnly}}{{confidence.note}}{{/indicativeOnly}} {{median}}', '{{#confidence.note}}x{{/confidence.note}}']) {
      expect(checkTemplate({ kind: 'MARKET_OVERVIEW', heading: 'Overview', body }), body).toEqual([expect.objectContaining({ field: 'body', code: 'MISSING_CONFIDENCE_NOTE' })]);
    }
    expect(checkTemplate({ kind: 'AI_IMPACT', heading: 'AI', body: 'The median is {{median}}.' })).toEqual([]);
  });
});
