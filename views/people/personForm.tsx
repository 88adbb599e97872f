import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../server/web/forms.ts';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import { roleWords, allRoles, type AdminViewContext, type PersonFormState, type Places } from './model.ts';

/** A group of checkboxes or radios under one legend, with the group's error beside it. */
export function Choices({
  id,
  legend,
  name,
  errors,
  hint,
  children,
}: {
  id: string;
  legend: string;
  name: string;
  errors?: FieldErrors;
  hint?: string;
  children: Child;
}) {
  const error = errors?.[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} class={error ? 'field choices invalid' : 'field choices'} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {children}
      {error && (
        <small id={`${id}-error`} class="error">
          Error: {error}
        </small>
      )}
    </fieldset>
  );
}

const scopeKindsOffered = ['installation', 'enterprise', 'sites'] as const;

export interface PersonFormProps {
  ctx: AdminViewContext;
  places: Places;
  form: PersonFormState;
  /** Where the form posts: `/admin/people` (a new person) or the person's page (a change). */
  action: string;
  /** An admin of some sites cannot grant the whole installation: the choice is not offered. */
  grantsInstallation: boolean;
  submitLabel: string;
}

/** Name, email, roles and scope of a person: the API's person body, as a form. */
export function PersonForm({ ctx, places, form, action, grantsInstallation, submitLabel }: PersonFormProps) {
  const { t } = ctx;
  const { values, errors } = form;
  const scopeKinds = scopeKindsOffered.filter((k) => k !== 'installation' || grantsInstallation || values.scopeKind === k);
  return (
    <form class="stack person-form" method="post" action={action} novalidate>
      <CsrfField token={ctx.csrfToken} />
      {values.version && <input type="hidden" name="version" value={values.version} />}
      <FormError errors={errors} />
      <Field id="person-name" name="name" label={t('admin.person.name')} errors={errors}>
        {(attrs) => <input {...attrs} type="text" value={values.name} required maxlength={200} autocomplete="off" />}
      </Field>
      <Field id="person-email" name="email" label={t('admin.person.email')} errors={errors}>
        {(attrs) => <input {...attrs} type="email" value={values.email} required maxlength={320} autocomplete="off" />}
      </Field>
      <Choices id="person-roles" legend={t('admin.person.roles')} name="roles" errors={errors} hint={t('admin.person.rolesHint')}>
        {allRoles.map((role) => (
          <label class="choice">
            <input type="checkbox" name="roles" value={role} checked={values.roles.includes(role)} /> {roleWords(t, role)}
          </label>
        ))}
      </Choices>
      <Choices id="person-scope" legend={t('admin.person.scope')} name="scope" errors={errors} hint={t('admin.person.scopeHint')}>
        {scopeKinds.map((kind) => (
          <label class="choice">
            <input type="radio" name="scopeKind" value={kind} checked={values.scopeKind === kind} /> {t(`admin.scope.kind.${kind}`)}
          </label>
        ))}
        <Field id="person-enterprise" name="enterpriseId" label={t('admin.person.enterprise')} errors={errors}>
          {(attrs) => (
            <select {...attrs}>
              <option value="">{t('admin.person.choose')}</option>
              {places.enterprises.map((e) => (
                <option value={e.id} selected={values.enterpriseId === e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Choices id="person-sites" legend={t('admin.person.sites')} name="siteIds" errors={errors}>
          {places.sites.length === 0 ? (
            <p class="muted small">{t('admin.person.noSites')}</p>
          ) : (
            places.sites.map((s) => (
              <label class="choice">
                <input type="checkbox" name="siteIds" value={s.id} checked={values.siteIds.includes(s.id)} /> {s.name}{' '}
                <span class="muted">({s.code})</span>
              </label>
            ))
          )}
        </Choices>
      </Choices>
      <div class="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
