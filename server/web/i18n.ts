import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { de } from './messages/de.ts';
import { cs } from './messages/cs.ts';
import { en, type MessageKey } from './messages/en.ts';

/**
 * The languages of the pages. English holds every text; German and Czech hold those of the
 * pages the shop floor uses (sign-in, line, board) and fall back to English for the rest.
 */
export const languages = ['en', 'de', 'cs'] as const;
export type Language = (typeof languages)[number];
export const LANGUAGE_COOKIE = 'tw_lang';

const catalogues: Record<Language, Partial<Record<MessageKey, string>>> = { en, de, cs };

/** A text in a language, with `{name}` placeholders filled. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, values) => {
    const text = catalogue[key] ?? en[key];
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
  };
}

/** The person's choice (the language cookie) first, else the best match of the browser's Accept-Language, else English. */
export function languageOf(c: Context): Language {
  const chosen = getCookie(c, LANGUAGE_COOKIE);
  if (chosen && (languages as readonly string[]).includes(chosen)) return chosen as Language;
  return fromAcceptLanguage(c.req.header('accept-language'));
}

/** The first supported language in an Accept-Language header, by its q-weights. */
export function fromAcceptLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if ((languages as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}
