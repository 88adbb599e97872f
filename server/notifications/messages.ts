import type { MailMessage } from './mailer.ts';
import type { WebhookBody } from './webhook.ts';

/** One queued notification with its event, ready to be written as a message. */
export interface Outgoing {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  fields: unknown;
  occurredAt: Date;
}

const SETTINGS_PATH = '/me/notifications';

function urlOf(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}

/** The domain of the sender address, for Message-IDs that are the sender's own. */
function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'twinward.invalid';
}

function item(n: Outgoing, publicUrl: string): string {
  return `${n.subject}\n${n.body}\n${urlOf(publicUrl, n.link)}`;
}

/** A header value on one line: a title with a line break must not start a header of its own. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * Chat text that cannot format or alert: Slack reads `<…>` as links and mentions (`<!channel>`)
 * and wants &, <, > escaped; Mattermost alerts everyone on `@channel`, `@here`, `@all`. A title
 * someone typed is shown as typed, and pings nobody.
 */
export function chatSafe(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|all|everyone)\b/gi, '@\u200b$1');
}

/**
 * The email for one notification, or the daily digest of several (oldest first). Plain text:
 * every mail client shows it, and the links are full URLs under PUBLIC_URL.
 */
export function emailOf(items: Outgoing[], to: string, context: { publicUrl: string; from: string; digest: boolean }): MailMessage {
  const footer = `\n\n--\nSent by twinward. Choose how and when you are told: ${urlOf(context.publicUrl, SETTINGS_PATH)}`;
  const messageId = `<${context.digest ? 'digest-' : ''}${items[0].id}@${domainOf(context.from)}>`;
  // RFC 3834: no out-of-office answers to a machine.
  const headers = { 'Auto-Submitted': 'auto-generated', 'X-Twinward-Kind': context.digest ? 'digest' : items[0].kind };
  if (!context.digest) {
    const [n] = items;
    return {
      to,
      subject: oneLine(`[twinward] ${n.subject}`),
      text: `${n.body}\n\nOpen: ${urlOf(context.publicUrl, n.link)}${footer}`,
      messageId,
      headers,
    };
  }
  const text = [`Your twinward digest: ${items.length} notification(s).`, ...items.map((n) => item(n, context.publicUrl))].join('\n\n');
  return { to, subject: `[twinward] Daily digest: ${items.length} notification(s)`, text: text + footer, messageId, headers };
}

/** The webhook body for one notification or a digest: chat text plus each event's facts. */
export function webhookBodyOf(items: Outgoing[], context: { publicUrl: string; digest: boolean }): WebhookBody {
  const text = context.digest
    ? [`twinward digest: ${items.length} notification(s)`, ...items.map((n) => item(n, context.publicUrl))].join('\n\n')
    : item(items[0], context.publicUrl);
  return {
    text: chatSafe(text),
    digest: context.digest,
    events: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      subject: n.subject,
      body: n.body,
      url: urlOf(context.publicUrl, n.link),
      occurredAt: n.occurredAt.toISOString(),
      fields: n.fields,
    })),
  };
}
