import { Field, Int, registerEnumType } from 'type-graphql';
import { SimpleObjectType } from './object-type.js';
import { Confidence } from './snapshot.type.js';
import { ReportSectionKind } from '../../generated/prisma/enums.js';

/** Prisma's enums, the one source of these vocabularies, published as GraphQL enums. */
export { ReportSectionKind };

registerEnumType(ReportSectionKind, {
  name: 'ReportSectionKind',
  description: 'A section of the market report, in page order.',
  valuesConfig: {
    MARKET_OVERVIEW: { description: 'Median, middle half, projection (horizon and range) and the move from the previous period, with the sample size and confidence.' },
    REGIONAL_DEMAND: { description: 'Pay above the median: the specialist tier against the observed P90, and the top quartile. (The name is kept for compatibility; the data holds no demand signals.)' },
    GROWTH_CATALYST: { description: 'The skill ranked first in the market.' },
    CAREER_MOAT: { description: 'The certification ranked first in the market.' },
    SKILL_PREMIUM: { description: 'The skills ranked highest, and what their premiums mean.' },
    REQUIRED_SKILLS: { description: 'Every skill of the market, most valuable first.' },
    AI_IMPACT: { description: 'How AI changes the role: no default wording (the data holds nothing on it); printed only where an operator wrote a template.' },
    NEGOTIATION: { description: 'Using the market figures as leverage in an offer.' },
    COST_OF_LIVING: { description: 'What the salary is worth where you live: no default wording (the data holds no living costs); printed only where an operator wrote a template.' },
    STRATEGIC_CHECKLIST: { description: 'Market positioning, negotiation leverage and career moat.' },
  },
});

@SimpleObjectType({ description: 'One section of a market report.' })
export class ReportSection {
  @Field(() => ReportSectionKind, { description: 'Which section this is.' })
  kind!: ReportSectionKind;

  @Field(() => String, { description: 'The heading, in inline Markdown, e.g. "Required Skills for Machine Learning Lead".' })
  heading!: string;

  @Field(() => String, { description: 'The text of the section, in Markdown.' })
  body!: string;
}

@SimpleObjectType({ description: 'A section the report leaves out because the market lacks the data it needs (or it has no template).' })
export class OmittedReportSection {
  @Field(() => ReportSectionKind, { description: 'Which section was left out.' })
  kind!: ReportSectionKind;

  @Field(() => [String], { description: 'The placeholders its template needs that have no value for this market, e.g. ["topSkill"].' })
  missing!: string[];

  @Field(() => String, { description: 'Why it was left out, in words.' })
  reason!: string;
}

@SimpleObjectType({ description: "The market-intelligence page of a role in a country: every figure computed from the market's snapshot when asked, the wording from the report templates." })
export class MarketReport {
  @Field(() => String, { description: 'Title of the page, e.g. "Market Report: Machine Learning Lead in Canada".' })
  title!: string;

  @Field(() => String, { description: 'Period of the snapshot the report describes, e.g. "2026-04".' })
  period!: string;

  @Field(() => String, { description: 'The period in words, e.g. "April 2026".' })
  lastUpdated!: string;

  @Field(() => Int, { description: 'Number of data points behind the figures.' })
  sampleSize!: number;

  @Field(() => Confidence, { description: 'How far the figures can be trusted; at INSUFFICIENT or LOW the report says they are indicative only.' })
  confidence!: Confidence;

  @Field(() => [ReportSection], { description: 'The sections that have data for this market, in page order.' })
  sections!: ReportSection[];

  @Field(() => [OmittedReportSection], { description: 'The sections left out for this market, and why.' })
  omittedSections!: OmittedReportSection[];

  @Field(() => String, { description: 'The whole page in Markdown: title, last-updated line, sections and source.' })
  markdown!: string;
}
