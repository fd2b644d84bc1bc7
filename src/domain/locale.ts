/**
 * The canonical form of a BCP 47 language tag that numbers can be formatted in ("en-gb" →
 * "en-GB"), or null for a malformed tag ("en_GB", "*") or one without locale data ("zz").
 */
export function formattingLocale(tag: string): string | null {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    return null;
  }
  return canonical !== undefined && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0 ? canonical : null;
}
