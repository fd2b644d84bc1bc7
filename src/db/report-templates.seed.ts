import type { Prisma, ReportSectionKind } from '../generated/prisma/client.js';

/**
 * The wording every market's report starts from (scope DEFAULT). Figures are never written here:
 * they come in through {{placeholders}} (src/services/report/placeholders.ts), and a passage whose
 * figure a market lacks sits in a {{#…}} block or makes the report leave its section out.
 */
export const DEFAULT_REPORT_TEMPLATES: ReadonlyArray<{ kind: ReportSectionKind; heading: string; body: string }> = [
  {
    kind: 'MARKET_OVERVIEW',
    heading: 'Market Overview',
    body: `{{#indicativeOnly}}> **Limited data.** {{/indicativeOnly}}{{confidence.note}}

As of {{lastUpdated}}, the median {{role.title}} salary in {{country.nameInSentence}} is {{median}} a year.
{{#projectedMedian}}
It is projected to reach {{projectedMedian}}, a change of {{growth.absolute}} ({{growth.percent}}).
{{/projectedMedian}}
{{^projectedMedian}}
No projection is available for this market, so this report makes no forecast.
{{/projectedMedian}}
{{#previous.period}}
In {{previous.period}} the median stood at {{previous.median}}: pay has moved by {{previous.change}} ({{previous.percent}}) since then.
{{/previous.period}}
{{#medianInterval}}
With 95 % confidence, the true median lies within {{medianInterval}}.
{{/medianInterval}}`,
  },
  {
    kind: 'REGIONAL_DEMAND',
    heading: 'Regional Demand Signals',
    body: `Hiring for {{role.title}} roles in {{country.nameInSentence}} is uneven across career stages. Junior openings attract a crowded field as training programmes and bootcamps keep adding candidates, while experienced and principal-level people in {{role.category}} stay hard to find.
{{#specialistBracket}}

That scarcity has a price: specialists who pair depth with leadership can command {{specialist.minPercent}} to {{specialist.maxPercent}} above the median, which in this market means {{specialistBracket}} a year.
{{/specialistBracket}}
{{#topQuartile}}

Between the 75th and 90th percentile, salaries span {{topQuartile}}.
{{/topQuartile}}`,
  },
  {
    kind: 'GROWTH_CATALYST',
    heading: 'Growth Catalyst',
    body: `If one skill decides who earns a premium in this market, it is **{{topSkill}}**. It ranks first among the skills employers reward {{role.title}} professionals for, and real depth in it is what most clearly sets the highest earners apart.`,
  },
  {
    kind: 'CAREER_MOAT',
    heading: 'Career Moat',
    body: `A recognised credential is one of the quickest ways to stand out. In this market the **{{topCertification}}**{{#topCertification.issuer}} from {{topCertification.issuer}}{{/topCertification.issuer}} carries the most weight: it gives well-paying employers independent proof of what you can do.`,
  },
  {
    kind: 'SKILL_PREMIUM',
    heading: 'Skill Premium Analysis',
    body: `Pay for {{role.title}} professionals depends more and more on depth rather than breadth. People with production-grade command of {{topSkills}} are the ones who reach the top quartile of earners{{#topQuartile}} ({{topQuartile}}){{/topQuartile}}, while those with only a passing knowledge of them tend to compete in the crowded middle of the market.{{#topCertification}} A credential such as the **{{topCertification}}** is a credible signal that helps break out of that middle band.{{/topCertification}}`,
  },
  {
    kind: 'REQUIRED_SKILLS',
    heading: 'Required Skills for {{role.title}}',
    body: `The skills employers in {{country.nameInSentence}} look for in a {{role.title}}, most valuable first:

{{skills.list}}
{{#certifications.list}}

Certifications that carry weight:

{{certifications.list}}
{{/certifications.list}}`,
  },
  {
    kind: 'AI_IMPACT',
    heading: 'AI Impact on {{role.title}} Careers',
    body: `AI is reshaping {{role.title}} work from the bottom up. The routine tasks that once filled junior roles are the first to be automated, yet that shift has made seasoned professionals more valuable: organisations need people who can design AI-assisted processes, oversee them and vouch for their results. Human oversight of these systems is becoming a core requirement rather than a nice-to-have, and senior pay reflects it.`,
  },
  {
    kind: 'NEGOTIATION',
    heading: 'Negotiation Strategy',
    body: `When an offer is on the table, specialisation is your strongest lever: generalists are compared on cost, specialists on the value they bring.{{#topSkill}} If your strength is **{{topSkill}}**, put it at the centre of your case.{{/topSkill}}
{{#growth.up}}

Bring the numbers with you. The median stands at {{median}} today and is projected to reach {{projectedMedian}}; argue that you already work at the level the market is heading for, and ask for your share of that {{growth.absolute}} difference.
{{/growth.up}}
{{^growth.up}}

Bring the numbers with you: the median is {{median}}{{#p75}} and the top quartile starts at {{p75}}{{/p75}}. Set your ask against these figures rather than against the advertised range.
{{/growth.up}}`,
  },
  {
    kind: 'COST_OF_LIVING',
    heading: 'Cost of Living Context: {{country.name}}',
    body: `What a {{role.title}} salary is worth in {{country.nameInSentence}} depends heavily on where you live. The big tech hubs pay more on paper but charge more for housing and everyday costs; smaller cities often pay less yet leave more in your pocket. When comparing offers, weigh the whole package (retirement contributions, health cover, equity and its vesting schedule) rather than the base salary alone.
{{#interquartileRange}}

For reference, the middle half of salaries in this market falls within {{interquartileRange}}.
{{/interquartileRange}}`,
  },
  {
    kind: 'STRATEGIC_CHECKLIST',
    heading: 'Strategic Checklist for {{role.title}} Professionals',
    body: `- **Market positioning:** {{#growth.up}}set your sights on the projected {{projectedMedian}} level{{/growth.up}}{{^growth.up}}aim above the {{median}} median{{/growth.up}}{{#topSkill}} by proving your depth in {{topSkill}}{{/topSkill}}.
- **Negotiation leverage:** look beyond base pay and propose a bonus tied to outcomes you can deliver{{#topSkill}} with {{topSkill}}{{/topSkill}}.
- **Career moat:** {{#topCertification}}make the {{topCertification}} your next credential.{{/topCertification}}{{^topCertification}}no certification stands out in this market's data yet, so let a portfolio of shipped work speak for you.{{/topCertification}}
- **AI readiness:** build AI-assisted workflows into your daily work and be ready to show what they changed.`,
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
