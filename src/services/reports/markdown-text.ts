/**
 * Backslash-escapes the characters that would turn plain text (a skill name, a role title, a
 * provenance note) into Markdown emphasis, code, links, strikethrough or raw HTML.
 * @returns text that Markdown renders exactly as given.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~]/g, '\\$&');
}

/** "A", "A and B", "A, B and C". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
