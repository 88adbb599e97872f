import { Alert } from '../components/alert.tsx';
import { CsrfField } from '../components/field.tsx';
import { AuditTab } from '../audit/auditTab.tsx';
import { When } from '../audit/trail.tsx';
import { ArchiveButton, PersonStatus, RoleBadges } from './list.tsx';
import { PersonForm } from './personForm.tsx';
import { SessionsSection, type SessionModel } from './sessions.tsx';
import { TokensSection, type IssuedToken, type TokenFormState, type TokenModel } from './tokens.tsx';
import { scopeWords, type AdminViewContext, type PersonFormState, type PersonModel, type Places } from './model.ts';

export const STATUS_ID = 'person-status';
export const RESET_ID = 'password-reset';

/** Whether the person is active, and the button that archives or restores them; the htmx answer after either. */
export function PersonStatusSection({ ctx, person }: { ctx: AdminViewContext; person: PersonModel }) {
  const { t } = ctx;
  return (
    <section id={STATUS_ID} class="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('admin.person.statusTitle')}</h2>
      <p>
        <PersonStatus ctx={ctx} person={person} />{' '}
        {person.archivedAt
          ? t('admin.person.archivedSince', { at: person.archivedAt.toISOString().slice(0, 10) })
          : t('admin.person.activeHint')}
      </p>
      <p class="muted small">{t(person.archivedAt ? 'admin.person.restoreHint' : 'admin.person.archiveHint')}</p>
      <ArchiveButton ctx={ctx} person={person} from="detail" target={STATUS_ID} />
    </section>
  );
}

/** A one-time link to set a password, just issued: shown in this answer only. */
export interface ResetLink {
  url: string;
  expiresAt: Date;
}

/** Whether the person has a password, and a one-time link to set one; the htmx answer after issuing it. */
export function PasswordResetSection({ ctx, person, link }: { ctx: AdminViewContext; person: PersonModel; link?: ResetLink }) {
  const { t } = ctx;
  const url = `/admin/people/${person.id}/password-reset`;
  return (
    <section id={RESET_ID} class="card" aria-labelledby="reset-heading">
      <h2 id="reset-heading">{t('admin.reset.title')}</h2>
      <p>{t(person.hasPassword ? 'admin.reset.hasPassword' : 'admin.reset.noPassword')}</p>
      {link && (
        <div class="alert alert-notice issued-secret" role="status">
          <strong>{t('admin.reset.issued', { name: person.name })}</strong>
          <p>
            {t('admin.reset.handOver')} <When t={t} at={link.expiresAt} now={ctx.now} zone="UTC" />
          </p>
          <label for="reset-link">{t('admin.reset.link')}</label>
          <input id="reset-link" class="secret" type="text" readonly value={link.url} size={80} autocomplete="off" spellcheck={false} />
        </div>
      )}
      {person.archivedAt ? (
        <p class="muted">{t('admin.reset.archived')}</p>
      ) : (
        <form method="post" action={url} hx-post={url} hx-target={`#${RESET_ID}`} hx-swap="outerHTML" hx-disabled-elt="find button">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="secondary">
            {t('admin.reset.issue')}
          </button>
          <p class="muted small">{t('admin.reset.hint')}</p>
        </form>
      )}
    </section>
  );
}

export interface PersonPageProps {
  ctx: AdminViewContext;
  person: PersonModel;
  places: Places;
  /** The sites a token of this person may be narrowed to: those of their scope. */
  tokenPlaces: Places;
  form: PersonFormState;
  grantsInstallation: boolean;
  tokens: TokenModel[];
  sessions: SessionModel[];
  tokenForm?: TokenFormState;
  issued?: IssuedToken;
  resetLink?: ResetLink;
  notice?: string;
  refusal?: string;
}

/** One person for an admin: their record (editable), whether they are active, their password, tokens and sessions, and their history. */
export function PersonPage(props: PersonPageProps) {
  const { ctx, person, places } = props;
  const { t } = ctx;
  const base = `/admin/people/${person.id}`;
  return (
    <>
      <p>
        <a href="/admin/people">{t('admin.people.back')}</a>
      </p>
      {props.refusal && <Alert kind="error" title={t('admin.refused')} message={props.refusal} />}
      {props.notice && <Alert kind="notice" title={props.notice} />}
      <section class="card" aria-labelledby="record-heading">
        <h2 id="record-heading">{t('admin.person.recordTitle')}</h2>
        <p class="row">
          <RoleBadges ctx={ctx} roles={person.roles} />
          <span>
            {t('admin.person.scope')}: {scopeWords(t, person.scope, places)}
          </span>
        </p>
        {person.archivedAt ? (
          <p class="muted">{t('admin.person.archivedNoEdit')}</p>
        ) : (
          <PersonForm
            ctx={ctx}
            places={places}
            form={props.form}
            action={base}
            grantsInstallation={props.grantsInstallation}
            submitLabel={t('admin.person.save')}
          />
        )}
      </section>
      <PersonStatusSection ctx={ctx} person={person} />
      <PasswordResetSection ctx={ctx} person={person} link={props.resetLink} />
      <TokensSection
        ctx={ctx}
        person={person}
        tokens={props.tokens}
        places={props.tokenPlaces}
        csvHref={`${base}?format=csv&table=tokens`}
        form={props.tokenForm}
        issued={props.issued}
      />
      <SessionsSection ctx={ctx} sessions={props.sessions} from={base} csvHref={`${base}?format=csv&table=sessions`} />
      <AuditTab entityType="person" entityId={person.id} t={t} />
    </>
  );
}
