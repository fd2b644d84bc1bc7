import type { ReportSectionKind } from '../../generated/prisma/client.js';
import { parseTemplate, placeholderUses, TemplateSyntaxError, type TemplateNode } from './template-language.js';
import { isPlaceholderName, PLACEHOLDER_NAMES, PLACEHOLDERS } from './placeholders.js';

export type TemplateProblemCode = 'BLANK' | 'INVALID_SYNTAX' | 'UNKNOWN_PLACEHOLDER' | 'CONDITION_AS_TEXT' | 'MISSING_CONFIDENCE_NOTE';

export interface TemplateProblem {
  field: 'heading' | 'body';
  code: TemplateProblemCode;
  message: string;
}

const KNOWN = `Known placeholders: ${PLACEHOLDER_NAMES.map((name) => `{{${name}}}`).join(', ')}.`;
const CONFIDENCE_NOTE = 'confidence.note';

function problemsOf(field: 'heading' | 'body', source: string): { problems: TemplateProblem[]; nodes: TemplateNode[] } {
  if (!source.trim()) return { problems: [{ field, code: 'BLANK', message: `The ${field} is empty.` }], nodes: [] };
  if (field === 'heading' && /[\r\n]/.test(source)) {
    return { problems: [{ field, code: 'INVALID_SYNTAX', message: 'A heading is a single line.' }], nodes: [] };
  }
  let nodes: TemplateNode[];
  try {
    nodes = parseTemplate(source);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    return { problems: [{ field, code: 'INVALID_SYNTAX', message: `The ${field} cannot be read: ${error.message}.` }], nodes: [] };
  }
  const uses = placeholderUses(nodes);
  const problems: TemplateProblem[] = [];
  const unknown = [...new Set(uses.map((use) => use.name).filter((name) => !isPlaceholderName(name)))];
  if (unknown.length) {
    const names = unknown.map((name) => `{{${name}}}`).join(', ');
    problems.push({ field, code: 'UNKNOWN_PLACEHOLDER', message: `Unknown placeholder${unknown.length > 1 ? 's' : ''} in the ${field}: ${names}. ${KNOWN}` });
  }
  const conditionsAsText = [...new Set(uses.filter((use) => !use.asBlock && isPlaceholderName(use.name) && PLACEHOLDERS[use.name].kind === 'CONDITION').map((use) => use.name))];
  for (const name of conditionsAsText) {
    problems.push({ field, code: 'CONDITION_AS_TEXT', message: `{{${name}}} is a condition, not text: use it as {{#${name}}}…{{/${name}}} or {{^${name}}}…{{/${name}}}.` });
  }
  return { problems, nodes };
}

/**
 * Checks a template before it is saved: both parts present and readable, only known placeholders,
 * conditions used only as blocks, and — so that no wording can hide how thin the data is — a
 * Market Overview body that always prints {{confidence.note}} (outside any block).
 * @returns the problems found; empty when the template can be saved.
 */
export function checkTemplate(template: { kind: ReportSectionKind; heading: string; body: string }): TemplateProblem[] {
  const heading = problemsOf('heading', template.heading);
  const body = problemsOf('body', template.body);
  const problems = [...heading.problems, ...body.problems];
  if (template.kind === 'MARKET_OVERVIEW' && body.nodes.length) {
    const alwaysPrinted = placeholderUses(body.nodes).some((use) => use.name === CONFIDENCE_NOTE && !use.asBlock && !use.conditional);
    if (!alwaysPrinted) {
      problems.push({
        field: 'body',
        code: 'MISSING_CONFIDENCE_NOTE',
        message: `The Market Overview must state the sample size and confidence: include {{${CONFIDENCE_NOTE}}} outside any {{#…}} or {{^…}} block.`,
      });
    }
  }
  return problems;
}
