import { Hono, type Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { inTransaction } from '../core/write.ts';
import {
  csvHref,
  csvResponse,
  domainFieldErrors,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { NotificationHistory } from '../../views/notifications/history.tsx';
import { SettingsForm, type SettingsValues } from '../../views/notifications/settings.tsx';
import { notificationText } from '../../views/notifications/text.ts';
import { myNotifications } from './history.ts';
import { myPreferences, savePreferences, type Preferences } from './preferences.ts';
import { DUE_SOON_HOURS } from './schedule.ts';
import { settingsForm } from './settingsSchema.ts';

/** The signed-in person's notification settings and their latest notifications. */
export const notificationPages = new Hono<AppEnv>();

const PATH = '/me/notifications';

/** The form's values of settings (a digest hour not given: blank). */
function valuesOf(p: Omit<Preferences, 'digestHour'> & { digestHour?: number }): SettingsValues {
  return {
    channels: p.channels,
    delivery: p.delivery,
    digestHour: p.digestHour === undefined ? '' : String(p.digestHour),
    timezone: p.timezone,
    webhookUrl: p.webhookUrl ?? '',
  };
}

interface FormState {
  values: SettingsValues;
  errors?: FieldErrors;
  saved?: boolean;
}

/** The whole page (or, for htmx, only the form) with the form in the given state. */
async function answer(c: Context<AppEnv>, ctx: PageContext, form: FormState | null, status: 200 | 422 = 200) {
  const { db, notifications } = c.var.deps;
  const nt = notificationText(ctx.t);
  const prefs = await myPreferences(db, ctx.actor);
  const settings = (
    <SettingsForm
      nt={nt}
      values={{ ...valuesOf(prefs), ...form?.values }}
      errors={form?.errors}
      saved={form?.saved}
      csrfToken={ctx.actor.csrfToken}
      email={prefs.email}
      smtpReady={!!notifications?.mailer}
    />
  );
  if (form && isFragment(c)) return c.html(settings, status);
  const rows = await myNotifications(db, ctx.actor);
  return renderPage(
    c,
    ctx,
    { title: nt('notifications.title'), status },
    <>
      <p class="muted">{nt('notifications.lead', { hours: DUE_SOON_HOURS })}</p>
      {settings}
      <NotificationHistory t={ctx.t} nt={nt} rows={rows} zone={prefs.timezone} csvHref={csvHref(c)} />
    </>,
  );
}

notificationPages.get(PATH, async (c) => {
  const actor = signedInFor(c, 'self');
  const ctx = pageContext(c, actor);
  if (wantsCsv(c)) {
    const rows = await myNotifications(c.var.deps.db, actor);
    return csvResponse(c, {
      name: `notifications-${ctx.now.toISOString().slice(0, 10)}`,
      columns: [
        'created_at',
        'kind',
        'subject',
        'link',
        'channel',
        'delivery',
        'status',
        'attempts',
        'sent_at',
        'next_attempt_at',
        'last_error',
      ],
      rows: rows.map((r) => [
        r.createdAt,
        r.kind,
        r.subject,
        r.link,
        r.channel,
        r.delivery,
        r.status,
        r.attempts,
        r.sentAt,
        r.nextAttemptAt,
        r.lastError,
      ]),
    });
  }
  return answer(c, ctx, null);
});

notificationPages.post(PATH, async (c) => {
  const actor = signedInFor(c, 'self');
  const ctx = pageContext(c, actor);
  const form = await parseForm(c, settingsForm);
  if (!form.ok) return answer(c, ctx, { values: form.values as unknown as SettingsValues, errors: form.errors }, 422);
  const allowedHosts = c.var.deps.notifications?.webhookAllowedHosts;
  const d = form.data;
  try {
    await inTransaction(c.var.deps, actor, async (w) => {
      // A digest hour not given keeps the one in force (stored, or the default).
      const digestHour = d.digestHour ?? (await myPreferences(w.tx, actor)).digestHour;
      return savePreferences(w, { ...d, digestHour }, { allowedHosts });
    });
  } catch (err) {
    const errors = domainFieldErrors(err);
    if (!errors) throw err;
    return answer(c, ctx, { values: valuesOf(d), errors }, 422);
  }
  if (!isFragment(c)) return c.redirect(PATH, 303);
  return answer(c, ctx, { values: valuesOf(await myPreferences(c.var.deps.db, actor)), saved: true });
});
