import { countryNameInSentence } from '../../domain/country-name.js';
import { confidenceFor, type Confidence } from '../../domain/confidence.js';
import { formatPeriodHuman } from '../../domain/period.js';
import type { ReportSectionKind } from '../../generated/prisma/client.js';
import type { DataSourceRow } from '../read-rows.js';
import { escapeMarkdown } from './markdown-text.js';
import type { ReportFacts } from './placeholders.js';
import { reportFacts, type MarketFigures } from './report-facts.js';
import { parsedTemplate } from './parsed-templates.js';
import { renderTemplate, TemplateSyntaxError, type PlaceholderValue } from './template-language.js';

/** The sections of a report, in the order the page shows them. */
export const SECTION_ORDER: readonly ReportSectionKind[] = [
  'MARKET_OVERVIEW',
  'REGIONAL_DEMAND',
  'GROWTH_CATALYST',
  'CAREER_MOAT',
  'SKILL_PREMIUM',
  'REQUIRED_SKILLS',
  'AI_IMPACT',
  'NEGOTIATION',
  'COST_OF_LIVING',
  'STRATEGIC_CHECKLIST',
];

export interface SectionTemplate {
  kind: ReportSectionKind;
  heading: string;
  body: string;
}

export interface ReportSection {
  kind: ReportSectionKind;
  /** Markdown (inline). */
  heading: string;
  /** Markdown. */
  body: string;
}

/** A section the report leaves out, and why. */
export interface OmittedSection {
  kind: ReportSectionKind;
  /** Placeholders the section's template needs and this market has no value for. */
  missing: string[];
  reason: string;
}

export interface MarketReport {
  title: string;
  period: string;
  /** The period in words, e.g. "April 2026". */
  lastUpdated: string;
  sampleSize: number;
  confidence: Confidence;
  sections: ReportSection[];
  omittedSections: OmittedSection[];
  /** The whole page. */
  markdown: string;
}

/** "ai-jobs:file.csv (licence: CC0 1.0, https://…)", or "(licence not known)". */
function sourceInWords(source: DataSourceRow): string {
  const licence = source.licence ? `licence: ${escapeMarkdown(source.licence)}${source.url ? `, ${escapeMarkdown(source.url)}` : ''}` : 'licence not known';
  return `${escapeMarkdown(source.name)} (${licence})`;
}

type SectionOutcome = { section: ReportSection } | { omitted: OmittedSection };

function renderSection(template: SectionTemplate | undefined, kind: ReportSectionKind, facts: ReportFacts): SectionOutcome {
  if (!template) return { omitted: { kind, missing: [], reason: 'No template for this section: the data has nothing to say here unless an operator writes wording for it.' } };
  const valueOf = (name: string): PlaceholderValue | undefined => (Object.hasOwn(facts, name) ? facts[name as keyof ReportFacts] : undefined);
  let heading, body;
  try {
    heading = renderTemplate(parsedTemplate(template.heading), valueOf);
    body = renderTemplate(parsedTemplate(template.body), valueOf);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    return { omitted: { kind, missing: [], reason: `The template cannot be read: ${error.message}.` } };
  }
  if (!heading.ok || !body.ok) {
    const missing = [...new Set([...(heading.ok ? [] : heading.missing), ...(body.ok ? [] : body.missing)])];
    return { omitted: { kind, missing, reason: `No data for this market: ${missing.join(', ')}.` } };
  }
  const text = body.text.replace(/\n{3,}/g, '\n\n').trim();
  if (!text || !heading.text.trim()) return { omitted: { kind, missing: [], reason: 'Nothing to say for this market.' } };
  return { section: { kind, heading: heading.text.trim(), body: text } };
}

/**
 * Writes the report of one market: each section's template filled with the market's facts, in
 * page order. A section whose template needs a value the market lacks is left out (and listed in
 * `omittedSections`), never printed with a blank.
 * @param templates the template chosen for each section kind (a kind without one is omitted).
 * @returns the report, with its whole page as Markdown.
 */
export function composeReport(
  figures: MarketFigures & { provenance: string; sources: readonly DataSourceRow[] },
  templates: ReadonlyMap<ReportSectionKind, SectionTemplate>,
): MarketReport {
  const facts = reportFacts(figures);
  const title = `Market Report: ${figures.role.title} in ${countryNameInSentence(figures.country.name)}`;
  const lastUpdated = formatPeriodHuman(figures.snapshot.period);
  const confidence = confidenceFor(figures.snapshot.sampleSize);
  const sections: ReportSection[] = [];
  const omittedSections: OmittedSection[] = [];
  for (const kind of SECTION_ORDER) {
    const outcome = renderSection(templates.get(kind), kind, facts);
    if ('section' in outcome) sections.push(outcome.section);
    else omittedSections.push(outcome.omitted);
  }
  const markdown = [
    `# ${escapeMarkdown(title)}`,
    `_Last updated ${lastUpdated} · ${facts.dataPoints} · Confidence: ${facts['confidence.level']}_`,
    ...sections.map((section) => `## ${section.heading}\n\n${section.body}`),
    '---',
    `_Source: ${escapeMarkdown(figures.provenance)}_`,
    ...(figures.sources.length ? [`_Data sources: ${figures.sources.map(sourceInWords).join('; ')}._`] : []),
  ].join('\n\n');
  return { title, period: figures.snapshot.period, lastUpdated, sampleSize: figures.snapshot.sampleSize, confidence, sections, omittedSections, markdown: `${markdown}\n` };
}
