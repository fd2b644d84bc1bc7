import { LRUCache } from 'lru-cache';
import { parseTemplate, TemplateSyntaxError, type TemplateNode } from './template-language.js';

/** Characters of template source whose parses are kept: every stored template many times over. */
const CACHED_SOURCE_CHARACTERS = 4_000_000;

// Keyed by the source itself, so a saved change to a template is a new entry and no entry goes stale.
const parses = new LRUCache<string, TemplateNode[] | TemplateSyntaxError>({
  maxSize: CACHED_SOURCE_CHARACTERS,
  sizeCalculation: (_parse, source) => source.length + 1,
});

/**
 * A template's nodes, parsed once per distinct source (so once per saved version of a template)
 * rather than for every report. The nodes are shared: never change them.
 * @throws TemplateSyntaxError as {@link parseTemplate} does.
 */
export function parsedTemplate(source: string): readonly TemplateNode[] {
  let parse = parses.get(source);
  if (!parse) {
    try {
      parse = parseTemplate(source);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      parse = error;
    }
    parses.set(source, parse);
  }
  if (parse instanceof TemplateSyntaxError) throw parse;
  return parse;
}
