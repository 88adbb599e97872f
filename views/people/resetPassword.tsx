import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { Layout } from '../layout.tsx';
import { Alert } from '../components/alert.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';

export interface ResetPasswordProps {
  lang: string;
  t: Translate;
  /** The link's secret, carried to the form's post. */
  token: string;
  errors?: FieldErrors;
  /** Set once the password is set: the page says so and offers sign-in. */
  done?: boolean;
  /** For a browser that is signed in meanwhile: its session's token, which every post with the cookie needs. */
  csrfToken?: string;
}

/**
 * The page a one-time link opens (`/reset-password?token=…`), for someone not signed in: set a
 * password, then sign in with it. The link's secret is the proof; a CSRF field only when a
 * session cookie comes along.
 */
export function ResetPasswordPage({ lang, t, token, errors, done, csrfToken }: ResetPasswordProps) {
  return (
    <Layout title={t('admin.resetPage.title')} lang={lang} t={t}>
      {done ? (
        <>
          <Alert kind="notice" title={t('admin.resetPage.done')} />
          <p>
            <a class="button" href="/login">
              {t('login.submit')}
            </a>
          </p>
        </>
      ) : (
        <section class="card" aria-labelledby="reset-form-heading">
          <h2 id="reset-form-heading">{t('admin.resetPage.heading')}</h2>
          <p class="muted">{t('admin.resetPage.hint')}</p>
          <form class="stack" method="post" action="/reset-password" novalidate>
            <input type="hidden" name="token" value={token} />
            {csrfToken && <CsrfField token={csrfToken} />}
            <FormError errors={errors} />
            <Field id="reset-password" name="password" label={t('admin.me.newPassword')} errors={errors} hint={t('admin.me.passwordRules')}>
              {(attrs) => <input {...attrs} type="password" autocomplete="new-password" required minlength={12} maxlength={256} />}
            </Field>
            <Field id="reset-password-again" name="passwordAgain" label={t('admin.me.newPasswordAgain')} errors={errors}>
              {(attrs) => <input {...attrs} type="password" autocomplete="new-password" required maxlength={256} />}
            </Field>
            <div class="actions">
              <button type="submit">{t('admin.resetPage.submit')}</button>
            </div>
          </form>
        </section>
      )}
    </Layout>
  );
}
