import { describe, expect, it } from 'vitest';
import { parsedTemplate } from '../../../src/services/reports/parsed-templates.js';
import { TemplateSyntaxError } from '../../../src/services/reports/template-language.js';

describe('parsedTemplate', () => {
  it('parses a template once per version: the same text gives the very same nodes, a saved change new ones', () => {
    const first = parsedTemplate('Median {{median}} in {{country.name}}.');
    expect(parsedTemplate('Median {{median}} in {{country.name}}.')).toBe(first);
    const changed = parsedTemplate('Median: {{median}}.');
    expect(changed).not.toBe(first);
    expect(changed).toEqual([{ type: 'text', text: 'Median: ' }, { type: 'value', name: 'median' }, { type: 'text', text: '.' }]);
  });

  it('remembers that a template cannot be parsed, and says so every time', () => {
    const failure = (() => {
      try {
        parsedTemplate('{{#x}}never closed');
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(TemplateSyntaxError);
    expect(() => parsedTemplate('{{#x}}never closed')).toThrow(failure as Error);
  });
});
