import type { FieldErrors } from '../../server/web/forms.ts';
import { Alert } from '../components/alert.tsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { AuditTab } from '../audit/auditTab.tsx';
import { RoleBadges } from './list.tsx';
import { SessionsSection, type SessionModel } from './sessions.tsx';
import { roleWords, type AdminViewContext } from './model.ts';

export interface MeModel {
  personId: string;
  name: string;
  email: string | null;
  /** The role this session acts in. */
  role: string;
  roles: string[];
  scope: string;
  hasPassword: boolean;
}

/** The own-password form: the current one (counted like a sign-in when wrong) and the new one twice. */
export function PasswordForm({ ctx, errors }: { ctx: AdminViewContext; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <form class="stack" method="post" action="/me/password" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <FormError errors={errors} />
      <Field id="current-password" name="currentPassword" label={t('admin.me.currentPassword')} errors={errors}>
        {(attrs) => <input {...attrs} type="password" autocomplete="current-password" required maxlength={256} />}
      </Field>
      <Field id="new-password" name="newPassword" label={t('admin.me.newPassword')} errors={errors} hint={t('admin.me.passwordRules')}>
        {(attrs) => <input {...attrs} type="password" autocomplete="new-password" required minlength={12} maxlength={256} />}
      </Field>
      <Field id="new-password-again" name="newPasswordAgain" label={t('admin.me.newPasswordAgain')} errors={errors}>
        {(attrs) => <input {...attrs} type="password" autocomplete="new-password" required maxlength={256} />}
      </Field>
      <p class="muted small">{t('admin.me.signInAgain')}</p>
      <div class="actions">
        <button type="submit">{t('admin.me.changePassword')}</button>
      </div>
    </form>
  );
}

export interface MePageProps {
  ctx: AdminViewContext;
  me: MeModel;
  sessions: SessionModel[];
  currentSessionId?: string;
  passwordErrors?: FieldErrors;
  notice?: string;
}

/** Every signed-in person's own page: who they are to twinward, their sessions, their password, their history. */
export function MePage({ ctx, me, sessions, currentSessionId, passwordErrors, notice }: MePageProps) {
  const { t } = ctx;
  return (
    <>
      {notice && <Alert kind="notice" title={notice} />}
      <section class="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{t('admin.me.whoTitle')}</h2>
        <dl class="facts">
          <dt>{t('admin.person.name')}</dt>
          <dd>{me.name}</dd>
          <dt>{t('admin.person.email')}</dt>
          <dd>{me.email ?? '–'}</dd>
          <dt>{t('admin.me.actingAs')}</dt>
          <dd>{roleWords(t, me.role)}</dd>
          <dt>{t('admin.person.roles')}</dt>
          <dd>
            <RoleBadges ctx={ctx} roles={me.roles} />
          </dd>
          <dt>{t('admin.person.scope')}</dt>
          <dd>{me.scope}</dd>
        </dl>
        {me.roles.length > 1 && <p class="muted small">{t('admin.me.otherRole')}</p>}
        <p>
          <a href="/me/notifications">{t('admin.me.notifications')}</a>
        </p>
      </section>
      <section id="password" class="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('admin.me.passwordTitle')}</h2>
        {me.hasPassword ? <PasswordForm ctx={ctx} errors={passwordErrors} /> : <p>{t('admin.me.noPassword')}</p>}
      </section>
      <SessionsSection
        ctx={ctx}
        sessions={sessions}
        currentSessionId={currentSessionId}
        from="/me"
        csvHref="/me?format=csv&table=sessions"
        own
      />
      <AuditTab entityType="person" entityId={me.personId} t={t} />
    </>
  );
}
