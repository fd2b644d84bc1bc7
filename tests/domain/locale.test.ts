import { describe, expect, it } from 'vitest';
import { formattingLocale } from '../../src/domain/locale.js';

describe('formattingLocale', () => {
  it.each([
    ['en-GB', 'en-GB'],
    ['en-gb', 'en-GB'],
    ['DE', 'de'],
    ['de-DE-u-nu-latn', 'de-DE-u-nu-latn'],
  ])('canonicalises %j to %j', (tag, expected) => {
    expect(formattingLocale(tag)).toBe(expected);
  });

  it.each(['en_GB', '*', '', 'x-private', 'zz', 'tlh', 'not a locale'])('refuses %j: malformed, or without locale data', (tag) => {
    expect(formattingLocale(tag)).toBeNull();
  });
});
