import type { Prisma, ReportSectionKind } from '../generated/prisma/client.js';

/**
 * The wording every market's report starts from (scope DEFAULT). Figures are never written here:
 * they come in through {{placeholders}} (src/services/report/placeholders.ts), and a passage whose
 * figure a market lacks sits in a {{#…}} block or makes the report leave its section out. Every
 * sentence states a figure or what the data lists; none claims what the data cannot show.
 */
// AI_IMPACT and COST_OF_LIVING have no DEFAULT: paygraph's data holds nothing they could say (the
// effect of AI on a role, living costs), so a report leaves them out unless an operator writes
// curated wording for a ROLE, CATEGORY or COUNTRY (or a DEFAULT of their own).
export const DEFAULT_REPORT_TEMPLATES: ReadonlyArray<{ kind: ReportSectionKind; heading: string; body: string }> = [
  {
    kind: 'MARKET_OVERVIEW',
    heading: 'Market Overview',
    body: `{{#indicativeOnly}}> **Limited data.** {{/indicativeOnly}}{{confidence.note}}

As of {{lastUpdated}}, the median {{role.title}} salary in {{country.nameInSentence}} is {{median}} a year.
{{#interquartileRange}}
The middle half of salaries lies within {{interquartileRange}}.
{{/interquartileRange}}
{{#projectedMedian}}
It is projected to reach {{projectedMedian}}{{#projection.horizon}} in {{projection.horizon}}{{/projection.horizon}}, a change of {{growth.absolute}} ({{growth.percent}}){{#projection.range}}, with a 95 % range of {{projection.range}}{{/projection.range}}.
{{/projectedMedian}}
{{^projectedMedian}}
No projection is available for this market, so this report makes no forecast.
{{/projectedMedian}}
{{#projection.note}}

_{{projection.note}}_
{{/projection.note}}
{{#previous.period}}

In {{previous.period}} the median stood at {{previous.median}}{{#previous.conversion}} ({{previous.conversion}}){{/previous.conversion}}: pay has moved by {{previous.change}} ({{previous.percent}}) since then.
{{/previous.period}}
{{#medianInterval}}
With 95 % confidence, the true median lies within {{medianInterval}}.
{{/medianInterval}}`,
  },
  {
    kind: 'REGIONAL_DEMAND',
    heading: 'Pay Above the Median',
    body: `{{#specialistBracket}}
The specialist tier is set at {{specialist.minPercent}} to {{specialist.maxPercent}} above the median, which in this market means {{specialistBracket}} a year. That band is a convention, not an observation:
{{#specialist.exceedsObserved}}
its top is above the highest pay this market's data shows (the 90th percentile, {{p90}}).
{{/specialist.exceedsObserved}}
{{^specialist.exceedsObserved}}
{{#p90}}
it lies at or below this market's 90th percentile ({{p90}}).
{{/p90}}
{{^p90}}
the sample is too small to show a 90th percentile, so the data can neither confirm nor rule out pay at this level.
{{/p90}}
{{/specialist.exceedsObserved}}
{{/specialistBracket}}
{{#topQuartile}}

Between the 75th and 90th percentile, salaries span {{topQuartile}}.
{{/topQuartile}}`,
  },
  {
    kind: 'GROWTH_CATALYST',
    heading: 'Growth Catalyst',
    body: `**{{topSkill}}** ranks first among the skills this market's data lists for {{role.title}} professionals.`,
  },
  {
    kind: 'CAREER_MOAT',
    heading: 'Career Moat',
    body: `Of the certifications this market's data lists, the **{{topCertification}}**{{#topCertification.issuer}} from {{topCertification.issuer}}{{/topCertification.issuer}} ranks first.`,
  },
  {
    kind: 'SKILL_PREMIUM',
    heading: 'Skill Premium Analysis',
    body: `The skills ranked highest for {{role.title}} professionals in this market are {{topSkills}}; the list below gives each one's premium where the data has one. A premium is a difference in pay observed between people who list a skill and the market as a whole, not proof that the skill causes it.`,
  },
  {
    kind: 'REQUIRED_SKILLS',
    heading: 'Required Skills for {{role.title}}',
    body: `The skills this market's data lists for a {{role.title}} in {{country.nameInSentence}}, ranked:

{{skills.list}}
{{#certifications.list}}

Certifications:

{{certifications.list}}
{{/certifications.list}}`,
  },
  {
    kind: 'NEGOTIATION',
    heading: 'Negotiation Strategy',
    body: `Bring the numbers with you: the median is {{median}}{{#p75}} and the top quartile starts at {{p75}}{{/p75}}. Set your ask against these figures rather than against the advertised range.
{{#growth.up}}

The median is projected to reach {{projectedMedian}}{{#projection.horizon}} in {{projection.horizon}}{{/projection.horizon}}{{#projection.range}} (95 % range {{projection.range}}){{/projection.range}}: a difference of {{growth.absolute}} you can point to.
{{/growth.up}}
{{#topSkill}}

If your strength is **{{topSkill}}**, the skill this market's data ranks first, put it at the centre of your case.
{{/topSkill}}`,
  },
  {
    kind: 'STRATEGIC_CHECKLIST',
    heading: 'Strategic Checklist for {{role.title}} Professionals',
    body: `- **Market positioning:** {{#growth.up}}set your sights on the projected {{projectedMedian}} level{{/growth.up}}{{^growth.up}}aim above the {{median}} median{{/growth.up}}{{#topSkill}} by proving your depth in {{topSkill}}{{/topSkill}}.
- **Negotiation leverage:** look beyond base pay and propose a bonus tied to outcomes you can deliver{{#topSkill}} with {{topSkill}}{{/topSkill}}.
- **Career moat:** {{#topCertification}}the certification this market's data ranks first is the {{topCertification}}.{{/topCertification}}{{^topCertification}}this market's data has no certifications, so it cannot point to one.{{/topCertification}}`,
  },
];

/**
 * Adds the DEFAULT template of every section that has none. Wording already in the database is
 * kept: once installed, the templates belong to whoever edits them through the API.
 */
export async function seedReportTemplates(tx: Prisma.TransactionClient): Promise<void> {
  for (const template of DEFAULT_REPORT_TEMPLATES) {
    const key = { kind: template.kind, scope: 'DEFAULT' as const, scopeValue: '' };
    await tx.reportTemplate.upsert({ where: { kind_scope_scopeValue: key }, create: { ...key, ...template }, update: {} });
  }
}
