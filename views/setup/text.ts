import type { Translate } from '../../server/web/i18n.ts';
import { en } from '../../server/web/messages/en.ts';
import { setupTexts, type SetupKey } from '../../server/web/messages/en.setup.ts';

/** A text of the set-up pages, with `{name}` placeholders filled. */
export type SetupText = (key: SetupKey, values?: Record<string, string | number>) => string;

function fill(text: string, values?: Record<string, string | number>): string {
  return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
}

/**
 * The set-up texts through the page's translator, so a language that translates them is used;
 * the English of `en.setup.ts` where the catalogue does not hold them (yet).
 */
export function setupText(t: Translate): SetupText {
  return (key, values) => (key in en ? t(key as Parameters<Translate>[0], values) : fill(setupTexts[key], values));
}
