import type { FieldErrors } from '../../server/web/forms.ts';
import { Alert } from '../components/alert.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import type { NotificationText } from './text.ts';

/** The form's values as text: the stored settings, or what was typed into a refused form. */
export interface SettingsValues {
  channels: string;
  delivery: string;
  digestHour: string;
  timezone: string;
  webhookUrl: string;
}

export interface SettingsFormProps {
  nt: NotificationText;
  values: SettingsValues;
  errors?: FieldErrors;
  csrfToken?: string;
  email: string;
  /** Whether this server can send email at all. */
  smtpReady: boolean;
  saved?: boolean;
}

const CHANNELS = ['email', 'webhook', 'both', 'none'] as const;
const DELIVERIES = ['immediate', 'digest'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The settings form: the page's section and the htmx answer to saving it (itself, with the
 * field errors or a "saved" notice). Works as a plain form post too.
 */
export function SettingsForm({ nt, values, errors, csrfToken, email, smtpReady, saved }: SettingsFormProps) {
  return (
    <section id="notification-settings" class="card" aria-labelledby="notification-settings-heading">
      <h2 id="notification-settings-heading">{nt('notifications.settings')}</h2>
      {saved && <Alert kind="notice" title={nt('notifications.saved')} />}
      <p class="muted">{nt('notifications.emailTo', { email })}</p>
      {!smtpReady && <Alert kind="notice" title={nt('notifications.noSmtp')} />}
      <form
        method="post"
        action="/me/notifications"
        hx-post="/me/notifications"
        hx-target="#notification-settings"
        hx-swap="outerHTML"
        class="stack"
      >
        <CsrfField token={csrfToken} />
        <FormError errors={errors} />
        <Field id="notification-channels" name="channels" label={nt('notifications.channels')} errors={errors}>
          {(attrs) => (
            <select {...attrs}>
              {CHANNELS.map((c) => (
                <option value={c} selected={values.channels === c}>
                  {nt(`notifications.channels.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="notification-delivery" name="delivery" label={nt('notifications.delivery')} errors={errors}>
          {(attrs) => (
            <select {...attrs}>
              {DELIVERIES.map((d) => (
                <option value={d} selected={values.delivery === d}>
                  {nt(`notifications.delivery.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="notification-digest-hour"
          name="digestHour"
          label={nt('notifications.digestHour')}
          hint={nt('notifications.digestHourHint')}
          errors={errors}
        >
          {(attrs) => (
            <select {...attrs}>
              {HOURS.map((h) => (
                <option value={String(h)} selected={values.digestHour === String(h)}>
                  {`${String(h).padStart(2, '0')}:00`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="notification-timezone"
          name="timezone"
          label={nt('notifications.timezone')}
          hint={nt('notifications.timezoneHint')}
          errors={errors}
        >
          {(attrs) => <input {...attrs} type="text" value={values.timezone} maxlength={64} autocomplete="off" required />}
        </Field>
        <Field
          id="notification-webhook"
          name="webhookUrl"
          label={nt('notifications.webhookUrl')}
          hint={nt('notifications.webhookHint')}
          errors={errors}
        >
          {(attrs) => <input {...attrs} type="url" value={values.webhookUrl} maxlength={2000} inputmode="url" placeholder="https://" />}
        </Field>
        <p>
          <button type="submit">{nt('notifications.save')}</button>
        </p>
      </form>
    </section>
  );
}
