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

/** A text in a language, with its placeholders filled (fillText). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

function makeTranslator(language: Language): Translate {
  const catalogue = catalogues[language];
  const rules = new Intl.PluralRules(language);
  return (key, values) => {
    const text = catalogue[key] ?? en[key];
    return values ? fillText(text, values, rules) : text;
  };
}

// Made once per language: a request takes its language's, without building plural rules anew.
const translators = Object.fromEntries(languages.map((l) => [l, makeTranslator(l)])) as Record<Language, Translate>;

export function translator(language: Language): Translate {
  return translators[language];
}

/** `{name, plural, one {# part} few {# díly} other {# parts}}`: forms without braces inside. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=\d+|\w+)\s*\{([^{}]*)\}/g;

/**
 * A text's placeholders filled: `{name}` by its value, and a plural (the subset of ICU MessageFormat
 * the catalogues use, PLURAL) by the form for the number: an exact `=n` first, else the language's
 * plural category (Intl.PluralRules: Czech has one, few, many and other), else `other`, with `#` as
 * the number. A placeholder without a value stays as written.
 */
export function fillText(text: string, values: Record<string, string | number>, rules: Intl.PluralRules): string {
  const plural = text.replace(PLURAL, (whole, name: string, body: string) => {
    if (!(name in values)) return whole;
    const n = Number(values[name]);
    const forms = new Map([...body.matchAll(FORM)].map((m) => [m[1], m[2]] as const));
    const form = forms.get(`=${n}`) ?? (Number.isFinite(n) ? forms.get(rules.select(n)) : undefined) ?? forms.get('other') ?? whole;
    return form.replaceAll('#', String(values[name]));
  });
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
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
