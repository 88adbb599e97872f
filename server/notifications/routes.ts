import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import { inTransaction } from '../core/write.ts';
import { actorOf } from '../http/authorize.ts';
import { body, json, route } from '../http/route.ts';
import { validationHook } from '../http/validation.ts';
import { myPreferences, savePreferences } from './preferences.ts';
import { settingsAnswer, settingsBody } from './settingsSchema.ts';

const tags = ['Notifications'];

/** The caller's own notification settings. */
export const notificationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

notificationRoutes.openapi(
  route('self', {
    method: 'get',
    path: '/me/notification-settings',
    tags,
    summary: 'How and when you are notified (email, webhook; at once or as a daily digest)',
    responses: { 200: json(settingsAnswer, 'Your settings; the defaults until you save some') },
  }),
  async (c) => c.json(await myPreferences(c.var.deps.db, actorOf(c)), 200),
);

notificationRoutes.openapi(
  route('self', {
    method: 'put',
    path: '/me/notification-settings',
    tags,
    summary: 'Choose how and when you are notified',
    description:
      'Notifications: an escalation assigned or reassigned to you, about to breach its SLA (4 h before) or breached, a data source of yours gone stale, a review or KPI value due. Pending ones follow the new timing. A machine token may read these settings but not change them.',
    request: { body: body(settingsBody) },
    responses: { 200: json(settingsAnswer, 'Your settings as saved') },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const allowedHosts = c.var.deps.notifications?.webhookAllowedHosts;
    const saved = await inTransaction(c.var.deps, actorOf(c), (w) =>
      savePreferences(w, { ...input, webhookUrl: input.webhookUrl ?? null }, { allowedHosts }),
    );
    return c.json(saved, 200);
  },
);
