/** How much of a value messages repeat: enough to recognise it, little enough for a terminal. */
export const ECHO_LIMIT = 200;

/**
 * `text` as a message may repeat it: unchanged up to `limit` characters; beyond that its start, an
 * ellipsis and its full length, so a 50 MB line read as one field makes a line of a message, not 50 MB.
 */
export function boundedText(text: string, limit = ECHO_LIMIT): string {
  if (text.length <= limit) return text;
  // Not half of a surrogate pair: the cut must stay valid UTF-16.
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1]!) ? limit - 1 : limit;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}
