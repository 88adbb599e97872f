import type { Translate } from '../../server/web/i18n.ts';
import { en } from '../../server/web/messages/en.ts';
import { notificationTexts } from '../../server/web/messages/en.notifications.ts';

export type NotificationKey = keyof typeof notificationTexts;

/** A text of the notification pages, with `{name}` placeholders filled. */
export type NotificationText = (key: NotificationKey, values?: Record<string, string | number>) => string;

function fill(text: string, values?: Record<string, string | number>): string {
  return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : text;
}

/**
 * The notification texts through the page's translator, so a language that translates them is
 * used; the English of `en.notifications.ts` where the catalogue does not hold them (yet).
 */
export function notificationText(t: Translate): NotificationText {
  return (key, values) => (key in en ? t(key as Parameters<Translate>[0], values) : fill(notificationTexts[key], values));
}
