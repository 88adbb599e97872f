import type { FieldErrors } from '../../server/web/forms.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { When } from '../audit/trail.tsx';
import { Choices } from './personForm.tsx';
import { roleWords, tokenRowId, type AdminViewContext, type PersonModel, type Places } from './model.ts';

/** A token as its list shows it: never its secret. */
export interface TokenModel {
  id: string;
  personId: string;
  role: string;
  label: string;
  siteIds: string[] | null;
  expiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A token just issued, with its secret: shown in this one answer, never again. */
export interface IssuedToken {
  label: string;
  token: string;
}

export interface TokenFormState {
  values: Record<string, string | string[]>;
  errors: FieldErrors;
}

export const TOKENS_ID = 'tokens';
const ZONE = 'UTC';

function TokenStatus({ ctx, token }: { ctx: AdminViewContext; token: TokenModel }) {
  const { t } = ctx;
  if (token.revokedAt) return <span class="badge bad">{t('admin.tokens.revoked')}</span>;
  if (token.expiresAt && token.expiresAt <= ctx.now) return <span class="badge warn">{t('admin.tokens.expired')}</span>;
  return <span class="badge ok">{t('admin.tokens.active')}</span>;
}

const Maybe = ({ ctx, at }: { ctx: AdminViewContext; at: Date | null }) =>
  at ? <When t={ctx.t} at={at} now={ctx.now} zone={ZONE} /> : <span class="muted">{ctx.t('time.never')}</span>;

/** One token; also the htmx answer after revoking it. */
export function TokenRow({ ctx, token, places }: { ctx: AdminViewContext; token: TokenModel; places: Places }) {
  const { t } = ctx;
  const url = `/admin/tokens/${token.id}/revoke`;
  const siteNames = token.siteIds?.map((id) => places.sites.find((s) => s.id === id)?.name ?? id).join(', ');
  return (
    <tr id={tokenRowId(token.id)}>
      <th scope="row">{token.label}</th>
      <td>{roleWords(t, token.role)}</td>
      <td>{siteNames ?? t('admin.tokens.allSites')}</td>
      <td>
        <When t={t} at={token.createdAt} now={ctx.now} zone={ZONE} />
      </td>
      <td>
        <Maybe ctx={ctx} at={token.lastUsedAt} />
      </td>
      <td>{token.expiresAt ? <When t={t} at={token.expiresAt} now={ctx.now} zone={ZONE} /> : t('admin.tokens.noExpiry')}</td>
      <td>
        <TokenStatus ctx={ctx} token={token} />
      </td>
      <td>
        {!token.revokedAt && (
          <form
            method="post"
            action={url}
            hx-post={url}
            hx-target={`#${tokenRowId(token.id)}`}
            hx-swap="outerHTML"
            hx-disabled-elt="find button"
          >
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="secondary">
              {t('admin.tokens.revoke')}
              <span class="visually-hidden"> {token.label}</span>
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** The secret of a token just issued, to copy now: a read-only field selects with a click, and it is shown only once. */
export function IssuedSecret({ ctx, issued }: { ctx: AdminViewContext; issued: IssuedToken }) {
  const { t } = ctx;
  return (
    <div class="alert alert-notice issued-secret" role="status">
      <strong>{t('admin.tokens.issued', { label: issued.label })}</strong>
      <p>{t('admin.tokens.copyNow')}</p>
      <label for="issued-token">{t('admin.tokens.secret')}</label>
      <input id="issued-token" class="secret" type="text" readonly value={issued.token} size={60} autocomplete="off" spellcheck={false} />
    </div>
  );
}

function IssueForm({ ctx, person, places, form }: { ctx: AdminViewContext; person: PersonModel; places: Places; form?: TokenFormState }) {
  const { t } = ctx;
  const url = `/admin/people/${person.id}/tokens`;
  const values = form?.values ?? {};
  const errors = form?.errors;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const chosenSites = Array.isArray(values.siteIds) ? values.siteIds : [];
  return (
    <details class="action" open={!!form}>
      <summary>{t('admin.tokens.issue')}</summary>
      <form
        class="stack"
        method="post"
        action={url}
        hx-post={url}
        hx-target={`#${TOKENS_ID}`}
        hx-swap="outerHTML"
        hx-disabled-elt="find button"
      >
        <CsrfField token={ctx.csrfToken} />
        <FormError errors={errors} />
        <Field id="token-label" name="label" label={t('admin.tokens.label')} errors={errors} hint={t('admin.tokens.labelHint')}>
          {(attrs) => <input {...attrs} type="text" value={text('label')} required maxlength={200} />}
        </Field>
        <Field id="token-role" name="role" label={t('admin.tokens.role')} errors={errors}>
          {(attrs) => (
            <select {...attrs}>
              {person.roles.map((r) => (
                <option value={r} selected={text('role') === r}>
                  {roleWords(t, r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="token-expires" name="expiresOn" label={t('admin.tokens.expiresOn')} errors={errors} hint={t('admin.tokens.expiresHint')}>
          {(attrs) => <input {...attrs} type="date" value={text('expiresOn')} />}
        </Field>
        {(places.sites.length > 1 || errors?.siteIds) && (
          <Choices id="token-sites" legend={t('admin.tokens.sites')} name="siteIds" errors={errors} hint={t('admin.tokens.sitesHint')}>
            {places.sites.map((s) => (
              <label class="choice">
                <input type="checkbox" name="siteIds" value={s.id} checked={chosenSites.includes(s.id)} /> {s.name}
              </label>
            ))}
          </Choices>
        )}
        <div class="actions">
          <button type="submit">{t('admin.tokens.issueButton')}</button>
        </div>
      </form>
    </details>
  );
}

export interface TokensSectionProps {
  ctx: AdminViewContext;
  person: PersonModel;
  tokens: TokenModel[];
  places: Places;
  csvHref: string;
  form?: TokenFormState;
  issued?: IssuedToken;
}

/** A person's API tokens: which exist, when each was last used, revoke one, issue a new one. The htmx answer after issuing. */
export function TokensSection({ ctx, person, tokens, places, csvHref, form, issued }: TokensSectionProps) {
  const { t } = ctx;
  return (
    <section id={TOKENS_ID} class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('admin.tokens.title')}</h2>
      {issued && <IssuedSecret ctx={ctx} issued={issued} />}
      {tokens.length === 0 ? (
        <EmptyState message={t('admin.tokens.none')} />
      ) : (
        <>
          <TableTools t={t} csvHref={csvHref} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokens.label')}</th>
                  <th scope="col">{t('admin.tokens.role')}</th>
                  <th scope="col">{t('admin.tokens.sites')}</th>
                  <th scope="col">{t('admin.tokens.created')}</th>
                  <th scope="col">{t('admin.tokens.lastUsed')}</th>
                  <th scope="col">{t('admin.tokens.expires')}</th>
                  <th scope="col">{t('admin.people.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <TokenRow ctx={ctx} token={token} places={places} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {person.archivedAt ? (
        <p class="muted">{t('admin.tokens.archivedPerson')}</p>
      ) : (
        <IssueForm ctx={ctx} person={person} places={places} form={form} />
      )}
    </section>
  );
}
