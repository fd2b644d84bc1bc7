import type { Request } from 'express';
import { formattingLocale } from '../../domain/locale.js';

/**
 * The locale a request asks amounts to be formatted in: the first language of its
 * Accept-Language, by preference, that numbers can be formatted in (canonical); undefined when
 * it names none (or there is no header).
 */
export function requestLocale(req: Request): string | undefined {
  for (const language of req.acceptsLanguages()) {
    // "*" (also what a request without the header yields) names no locale; checking it would throw and catch.
    if (language === '*') continue;
    const locale = formattingLocale(language);
    if (locale) return locale;
  }
  return undefined;
}
