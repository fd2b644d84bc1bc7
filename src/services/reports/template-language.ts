/**
 * The wording language of report templates: a small subset of Mustache.
 *
 * - `{{name}}` inserts a value; a template that uses a value the market lacks cannot be rendered
 *   (the report leaves that section out rather than print a blank).
 * - `{{#name}}…{{/name}}` keeps its content only when `name` has a value (or is a true condition);
 *   `{{^name}}…{{/name}}` only when it has none. Inside `{{#name}}` the value can be used safely.
 * - A block tag alone on its line takes its line with it, so blocks can wrap whole lines or list
 *   items without leaving blank lines behind.
 *
 * There are no loops, partials, lambdas or escaping switches: values arrive ready for Markdown.
 */

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'value'; name: string }
  | { type: 'block'; name: string; inverted: boolean; children: TemplateNode[] };

/** A template that cannot be parsed (unclosed tag or block, malformed name, mismatched end). */
export class TemplateSyntaxError extends Error {}

/** How a template refers to a name: as an inserted value or as a block condition. */
export interface PlaceholderUse {
  name: string;
  asBlock: boolean;
  /** Whether the use sits inside a block (so it is not always rendered). */
  conditional: boolean;
}

/** What a placeholder holds for one market: text, a condition, or null when the market lacks it. */
export type PlaceholderValue = string | boolean | null;

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

type Token = { kind: 'text'; text: string } | { kind: 'tag'; sigil: '' | '#' | '^' | '/'; name: string };

// Every pattern here is matched against text whose length the template's author chooses: each
// runs in linear time (anchored, or applied to trimmed text, so nothing backtracks over blanks).
const TAG_CONTENT = /^([#^/]?)\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)$/;
const BLANKS = /^[ \t]*$/;
const LINE_END_AFTER = /^[ \t]*(\r?\n|$)/;

/** Splits a template into text and `{{…}}` tags (each tag ends at the first "}}" after its "{{"). */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', cursor)) {
    const close = source.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateSyntaxError(`"{{" at "${source.slice(open, open + 20)}" is never closed with "}}"`);
    const tag = source.slice(open, close + 2);
    const content = TAG_CONTENT.exec(tag.slice(2, -2).trim());
    if (!content) throw new TemplateSyntaxError(`"${tag}" is not a placeholder: write {{name}}, {{#name}}, {{^name}} or {{/name}}`);
    if (open > cursor) tokens.push({ kind: 'text', text: source.slice(cursor, open) });
    tokens.push({ kind: 'tag', sigil: content[1] as '' | '#' | '^' | '/', name: content[2]! });
    cursor = close + 2;
  }
  if (cursor < source.length) tokens.push({ kind: 'text', text: source.slice(cursor) });
  return tokens;
}

/** Where the last line of `text` starts. */
const lastLineStart = (text: string) => text.lastIndexOf('\n') + 1;

/** Removes the line of every block tag that stands alone on it. */
function dropStandaloneLines(tokens: Token[]): void {
  tokens.forEach((token, index) => {
    if (token.kind !== 'tag' || token.sigil === '') return;
    const before = index === 0 ? { kind: 'text' as const, text: '' } : tokens[index - 1]!;
    const after = tokens[index + 1] ?? { kind: 'text' as const, text: '' };
    if (before.kind !== 'text' || after.kind !== 'text') return;
    const lineStart = lastLineStart(before.text);
    if (!BLANKS.test(before.text.slice(lineStart)) || !LINE_END_AFTER.test(after.text)) return;
    before.text = before.text.slice(0, lineStart);
    after.text = after.text.replace(LINE_END_AFTER, '');
  });
}

/**
 * Parses a template.
 * @returns its nodes.
 * @throws TemplateSyntaxError for a malformed tag, an unclosed `{{`, or blocks that do not nest.
 */
export function parseTemplate(source: string): TemplateNode[] {
  const tokens = tokenize(source);
  dropStandaloneLines(tokens);
  const root: TemplateNode[] = [];
  const open: Array<{ name: string; children: TemplateNode[] }> = [{ name: '', children: root }];
  for (const token of tokens) {
    const current = open[open.length - 1]!;
    if (token.kind === 'text') {
      if (token.text) current.children.push({ type: 'text', text: token.text });
    } else if (token.sigil === '') {
      current.children.push({ type: 'value', name: token.name });
    } else if (token.sigil === '/') {
      if (open.length === 1) throw new TemplateSyntaxError(`{{/${token.name}}} closes a block that was never opened`);
      if (current.name !== token.name) throw new TemplateSyntaxError(`{{/${token.name}}} cannot close the block {{#${current.name}}}`);
      open.pop();
    } else {
      const block = { type: 'block' as const, name: token.name, inverted: token.sigil === '^', children: [] };
      current.children.push(block);
      open.push(block);
    }
  }
  if (open.length > 1) throw new TemplateSyntaxError(`The block {{#${open[open.length - 1]!.name}}} is never closed with {{/${open[open.length - 1]!.name}}}`);
  return root;
}

/** Every use of a name in a parsed template, in order of appearance. */
export function placeholderUses(nodes: readonly TemplateNode[], conditional = false): PlaceholderUse[] {
  return nodes.flatMap((node): PlaceholderUse[] => {
    if (node.type === 'text') return [];
    if (node.type === 'value') return [{ name: node.name, asBlock: false, conditional }];
    return [{ name: node.name, asBlock: true, conditional }, ...placeholderUses(node.children, true)];
  });
}

const hasValue = (value: PlaceholderValue | undefined) => value !== null && value !== undefined && value !== false && value !== '';

/**
 * Renders parsed nodes with the given values.
 * @returns the text, or the names of the values it needed and the market lacks (then nothing is
 * rendered: a section is never printed with a hole in it).
 */
export function renderTemplate(nodes: readonly TemplateNode[], valueOf: (name: string) => PlaceholderValue | undefined): RenderResult {
  const missing = new Set<string>();
  const render = (children: readonly TemplateNode[]): string =>
    children
      .map((node) => {
        if (node.type === 'text') return node.text;
        const value = valueOf(node.name);
        if (node.type === 'block') return hasValue(value) !== node.inverted ? render(node.children) : '';
        if (typeof value === 'string' && value !== '') return value;
        missing.add(node.name);
        return '';
      })
      .join('');
  const text = render(nodes);
  return missing.size ? { ok: false, missing: [...missing] } : { ok: true, text };
}
