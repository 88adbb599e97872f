import { z } from '@hono/zod-openapi';
import { timeZone } from '../http/schemas.ts';
import { isWebhookUrl } from './preferences.ts';

const WEBHOOK_MESSAGE = 'an http:// or https:// URL without user or password';
const NEEDS_URL = 'required for webhook notifications';
const NEEDS_HOUR = 'choose the hour of the daily digest';

/** The fields both the API and the settings form take, with the rules they share. */
const fields = {
  channels: z.enum(['email', 'webhook', 'both', 'none']).openapi({ description: 'Where notifications go; none: nowhere' }),
  delivery: z.enum(['immediate', 'digest']).openapi({ description: 'Each at once, or one message a day at the digest hour' }),
  timezone: timeZone.openapi({ description: 'The zone of the digest hour' }),
};

const webhookUrl = z.string().trim().max(2000).refine(isWebhookUrl, WEBHOOK_MESSAGE);

function needsUrl(v: { channels: string; webhookUrl?: string | null }, ctx: z.RefinementCtx) {
  if ((v.channels === 'webhook' || v.channels === 'both') && !v.webhookUrl) {
    ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: NEEDS_URL });
  }
}

/** The body of `PUT /me/notification-settings`. */
export const settingsBody = z
  .object({
    ...fields,
    digestHour: z.number().int().min(0).max(23).openapi({ description: 'Hour of the day (0–23) the digest goes out' }),
    webhookUrl: webhookUrl.nullish().openapi({
      description: 'Receives a JSON POST with `text` (Slack, Mattermost) and the facts in `events`',
      example: 'https://chat.example.com/hooks/abc',
    }),
  })
  .superRefine(needsUrl)
  .openapi('NotificationSettingsInput');

/** A form field left blank is not given (rather than, say, read as the number 0). */
const blankAsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function needsHour(v: { delivery: string; digestHour?: number }, ctx: z.RefinementCtx) {
  if (v.delivery === 'digest' && v.digestHour === undefined) ctx.addIssue({ code: 'custom', path: ['digestHour'], message: NEEDS_HOUR });
}

/**
 * The same fields as posted by the settings form: text, an empty URL meaning none. A blank
 * digest hour is not given: refused for a daily digest, and the hour in force kept otherwise.
 */
export const settingsForm = z
  .object({
    ...fields,
    digestHour: z.preprocess(blankAsAbsent, z.coerce.number().int().min(0).max(23).optional()),
    webhookUrl: z
      .string()
      .trim()
      .max(2000)
      .transform((v) => v || null)
      .refine((v) => v === null || isWebhookUrl(v), WEBHOOK_MESSAGE),
  })
  .superRefine(needsUrl)
  .superRefine(needsHour);

/** The answer: the settings in force (the defaults until saved) and the address email goes to. */
export const settingsAnswer = z
  .object({
    ...fields,
    digestHour: z.number().int(),
    webhookUrl: z.string().nullable(),
    email: z.string().openapi({ description: 'Where email notifications go (the person’s address)' }),
  })
  .openapi('NotificationSettings');
