import { describe, expect, it } from 'vitest';
import { parseTemplate, placeholderUses, renderTemplate, TemplateSyntaxError, type PlaceholderValue } from '../../../src/services/reports/template-language.js';

const render = (source: string, values: Record<string, PlaceholderValue>) => renderTemplate(parseTemplate(source), (name) => values[name]);

describe('renderTemplate', () => {
  it.each([
    ['inserts values', 'Median {{median}} in {{country.name}}.', { median: '$1', 'country.name': 'Canada' }, 'Median $1 in Canada.'],
    ['tolerates spaces inside tags', '{{ median }}', { median: '$1' }, '$1'],
    ['keeps a block whose value is present', 'a{{#x}} and {{x}}{{/x}}.', { x: 'b' }, 'a and b.'],
    ['drops a block whose value is missing', 'a{{#x}} and {{x}}{{/x}}.', { x: null }, 'a.'],
    ['keeps an inverted block when the value is missing', '{{^x}}none{{/x}}', { x: null }, 'none'],
    ['drops an inverted block when the value is present', '{{^x}}none{{/x}}', { x: 'b' }, ''],
    ['switches blocks on a true condition', '{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}', { flag: true }, 'yes'],
    ['switches blocks on a false condition', '{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}', { flag: false }, 'no'],
    ['nests blocks', '{{#a}}A{{#b}}B{{/b}}{{/a}}', { a: '1', b: '1' }, 'AB'],
    ['removes the line of a block tag that stands alone on it', 'one\n{{#x}}\ntwo {{x}}\n{{/x}}\nthree', { x: '2' }, 'one\ntwo 2\nthree'],
    ['removes standalone lines of a dropped block too', 'one\n  {{#x}}\ntwo\n  {{/x}}\nthree', { x: null }, 'one\nthree'],
    ['keeps blank lines inside a block', 'one\n{{#x}}\n\ntwo\n{{/x}}', { x: 'y' }, 'one\n\ntwo\n'],
    ['leaves inline block tags where they are', '- a{{#x}} {{x}}{{/x}}\n- b', { x: 'c' }, '- a c\n- b'],
    ['copies text without tags unchanged', 'no {tags} here }}', {}, 'no {tags} here }}'],
  ])('%s', (_name, source, values, expected) => {
    expect(render(source, values)).toEqual({ ok: true, text: expected });
  });

  it('refuses to render a value the market lacks and names every missing one', () => {
    expect(render('{{a}} {{b}} {{a}} {{c}}', { a: null, b: 'x', c: '' })).toEqual({ ok: false, missing: ['a', 'c'] });
  });

  it('refuses a missing value inside a block whose condition holds', () => {
    expect(render('{{#flag}}{{median}}{{/flag}}', { flag: true, median: null })).toEqual({ ok: false, missing: ['median'] });
  });
});

describe('parseTemplate', () => {
  it.each([
    ['an unclosed tag', 'Median {{median', /never closed/],
    ['an unclosed block', '{{#x}}text', /\{\{#x\}\} is never closed/],
    ['a mismatched end', '{{#x}}text{{/y}}', /\{\{\/y\}\} cannot close the block \{\{#x\}\}/],
    ['an end without a start', 'text{{/y}}', /never opened/],
    ['a name with spaces', '{{top skill}}', /is not a placeholder/],
    ['an empty tag', '{{}}', /is not a placeholder/],
  ])('rejects %s', (_name, source, message) => {
    expect(() => parseTemplate(source)).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate(source)).toThrow(message);
  });
});

describe('placeholderUses', () => {
  it('lists every use, as a value or a block, and whether it sits inside a block', () => {
    expect(placeholderUses(parseTemplate('{{a}}{{#b}}{{c}}{{^d}}{{/d}}{{/b}}'))).toEqual([
      { name: 'a', asBlock: false, conditional: false },
      { name: 'b', asBlock: true, conditional: false },
      { name: 'c', asBlock: false, conditional: true },
      { name: 'd', asBlock: true, conditional: true },
    ]);
  });
});

describe('parsing time', () => {
  // A saved body of "x", 19,900 spaces, "y" and a block took 245 ms to parse; 200,000 spaces took 36 s.
  it.each([
    ['a long run of blanks before a standalone block tag', `x${' '.repeat(200_000)}y\n{{#median}}\n{{median}}\n{{/median}}`],
    ['a long run of blanks after one', `a\n{{#median}}${' '.repeat(200_000)}x{{/median}}`],
    ['blanks inside a tag', `{{${' '.repeat(200_000)}!}}`],
    ['"{{" over and over, never closed', '{{'.repeat(100_000)],
  ])('is linear in the length of the template: %s', (_name, source) => {
    const started = performance.now();
    try {
      parseTemplate(source);
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateSyntaxError);
    }
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('still drops the line of a standalone block tag after a long line of blanks', () => {
    expect(render(`x${' '.repeat(20_000)}y\n{{#median}}\n{{median}}\n{{/median}}`, { median: '$1' })).toEqual({ ok: true, text: `x${' '.repeat(20_000)}y\n$1\n` });
  });
});
