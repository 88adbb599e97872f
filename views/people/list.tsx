import { CsrfField } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { roleWords, personRowId, scopeWords, type AdminViewContext, type PersonModel, type Places } from './model.ts';

export type ArchivedFilter = 'exclude' | 'include' | 'only';
export const archivedFilters: readonly ArchivedFilter[] = ['exclude', 'include', 'only'];

/** A person's roles as badges, in words. */
export function RoleBadges({ ctx, roles }: { ctx: AdminViewContext; roles: readonly string[] }) {
  return (
    <span class="actions">
      {roles.map((r) => (
        <span class="badge info">{roleWords(ctx.t, r)}</span>
      ))}
    </span>
  );
}

/** Active or archived, in words (not only the colour). */
export function PersonStatus({ ctx, person }: { ctx: AdminViewContext; person: PersonModel }) {
  return person.archivedAt ? (
    <span class="badge warn">{ctx.t('admin.people.archived')}</span>
  ) : (
    <span class="badge ok">{ctx.t('admin.people.active')}</span>
  );
}

/**
 * The archive (or restore) button of a person: a plain form that comes back to `from`, and with
 * htmx the same post swapping the element it names.
 */
export function ArchiveButton({ ctx, person, from, target }: { ctx: AdminViewContext; person: PersonModel; from: string; target: string }) {
  const action = person.archivedAt ? 'restore' : 'archive';
  const url = `/admin/people/${person.id}/${action}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target={`#${target}`} hx-swap="outerHTML" hx-disabled-elt="find button">
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" class="secondary">
        {ctx.t(action === 'archive' ? 'admin.people.archive' : 'admin.people.restore')}
        <span class="visually-hidden"> {person.name}</span>
      </button>
    </form>
  );
}

/** One person of the list; also the htmx answer after archiving or restoring them from it. */
export function PersonRow({ ctx, person, places }: { ctx: AdminViewContext; person: PersonModel; places: Places }) {
  const { t } = ctx;
  return (
    <tr id={personRowId(person.id)}>
      <th scope="row">
        <a href={`/admin/people/${person.id}`}>{person.name}</a>
      </th>
      <td>{person.email ?? '–'}</td>
      <td>
        <RoleBadges ctx={ctx} roles={person.roles} />
      </td>
      <td>{scopeWords(t, person.scope, places)}</td>
      <td>{t(person.hasPassword ? 'admin.people.password' : 'admin.people.noPassword')}</td>
      <td>
        <PersonStatus ctx={ctx} person={person} />
      </td>
      <td>
        <span class="actions">
          <a href={`/admin/people/${person.id}`}>
            {t('admin.people.edit')}
            <span class="visually-hidden"> {person.name}</span>
          </a>
          <ArchiveButton ctx={ctx} person={person} from="list" target={personRowId(person.id)} />
        </span>
      </td>
    </tr>
  );
}

function Filter({ ctx, archived }: { ctx: AdminViewContext; archived: ArchivedFilter }) {
  const { t } = ctx;
  return (
    <form method="get" action="/admin/people" class="row">
      <div class="field">
        <label for="people-archived">{t('admin.people.filter')}</label>
        <select id="people-archived" name="archived">
          {archivedFilters.map((f) => (
            <option value={f} selected={f === archived}>
              {t(`admin.people.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {t('admin.people.filterApply')}
      </button>
    </form>
  );
}

export interface PeopleListProps {
  ctx: AdminViewContext;
  people: PersonModel[];
  places: Places;
  archived: ArchivedFilter;
  csvHref: string;
  /** What the last change did, to say so. */
  notice?: string;
}

/** Everyone the admin manages: their roles, scope, sign-in and whether they left; add, edit, archive. */
export function PeopleList({ ctx, people, places, archived, csvHref, notice }: PeopleListProps) {
  const { t } = ctx;
  return (
    <>
      <p class="lead">{t('admin.people.lead')}</p>
      {notice && (
        <p class="alert alert-notice" role="status">
          {notice}
        </p>
      )}
      <p class="actions">
        <a class="button" href="/admin/people/new">
          {t('admin.people.add')}
        </a>
        <a href="/me">{t('admin.me.link')}</a>
      </p>
      <section class="card" aria-labelledby="people-heading">
        <h2 id="people-heading">{t('admin.people.heading', { count: people.length })}</h2>
        <Filter ctx={ctx} archived={archived} />
        {people.length === 0 ? (
          <EmptyState message={t(archived === 'only' ? 'admin.people.noneArchived' : 'admin.people.none')}>
            <a href="/admin/people/new">{t('admin.people.add')}</a>
          </EmptyState>
        ) : (
          <>
            <TableTools t={t} csvHref={csvHref} />
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.person.name')}</th>
                    <th scope="col">{t('admin.person.email')}</th>
                    <th scope="col">{t('admin.person.roles')}</th>
                    <th scope="col">{t('admin.person.scope')}</th>
                    <th scope="col">{t('admin.people.signIn')}</th>
                    <th scope="col">{t('admin.people.status')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <PersonRow ctx={ctx} person={p} places={places} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
