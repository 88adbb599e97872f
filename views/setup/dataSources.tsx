/**
 * The data sources of a program: the list with their freshness (its age beside it) and the
 * use cases relying on each; the form that registers or changes one with its freshness
 * thresholds; and, on a source's page, the use cases that depend on it, linked in place.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { duration } from '../../server/web/format.ts';
import { CsrfField } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import {
  FieldGroup,
  FormButtons,
  FormProblems,
  NumberInput,
  Select,
  TextInput,
  type Option,
  type OptionGroup,
  type Values,
} from './fields.tsx';
import { enumLabel, enumOptions, personLabel, SetupLinks, sourceKinds, LifecycleActions } from './common.tsx';
import { setupText } from './text.ts';

export interface SourceRow {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  scope: string;
  owner: string;
  expectedRefreshSeconds: number;
  maxLatencySeconds: number;
  freshness: { status: string; ageSeconds: number | null; reason: string };
  dependents: number;
  archived: boolean;
}

const freshnessClass: Record<string, string> = { fresh: 'fresh', late: 'late', stale: 'stale', never_received: 'stale' };

/** The freshness in words, with the age of the newest value beside it. */
export function Freshness({ t, freshness }: { t: Translate; freshness: SourceRow['freshness'] }) {
  const s = setupText(t);
  return (
    <>
      <span class={`badge ${freshnessClass[freshness.status] ?? 'info'}`}>{enumLabel(t, 'freshness', freshness.status)}</span>{' '}
      <span class="muted small">
        {freshness.ageSeconds === null ? t('live.noData') : t('live.age', { age: duration(freshness.ageSeconds) })}
      </span>
      <span class="visually-hidden">{s('setup.source.because', { reason: freshness.reason })}</span>
    </>
  );
}

export function SourceList({
  t,
  programId,
  rows,
  csvHref,
  canAdd,
  role,
}: {
  t: Translate;
  role?: AccessRole;
  programId: string;
  rows: SourceRow[];
  csvHref: string;
  canAdd: boolean;
}) {
  const s = setupText(t);
  return (
    <>
      <SetupLinks t={t} role={role} programId={programId} current="data-sources" />
      <section class="card" aria-labelledby="sources-heading">
        <h2 id="sources-heading">{s('setup.source.listHeading', { count: rows.length })}</h2>
        {canAdd && (
          <p>
            <a class="button" href={`/programs/${programId}/data-sources/new`}>
              {s('setup.source.new')}
            </a>
          </p>
        )}
        {rows.length === 0 ? (
          <EmptyState message={canAdd ? s('setup.source.noneAdd') : s('setup.source.none')} />
        ) : (
          <>
            <TableTools t={t} csvHref={csvHref} />
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s('setup.source.name')}</th>
                    <th scope="col">{s('setup.source.kind')}</th>
                    <th scope="col">{s('setup.source.scope')}</th>
                    <th scope="col">{s('setup.source.owner')}</th>
                    <th scope="col" class="num">
                      {s('setup.source.refreshShort')}
                    </th>
                    <th scope="col">{s('setup.source.freshness')}</th>
                    <th scope="col" class="num">
                      {s('setup.source.dependents')}
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">{s('setup.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row">
                        {r.name}
                        {r.code && <span class="muted small"> ({r.code})</span>}
                        {r.archived && <span class="badge warn">{s('setup.archivedBadge')}</span>}
                      </th>
                      <td>{enumLabel(t, 'sourceKind', r.kind)}</td>
                      <td>{r.scope}</td>
                      <td>{r.owner}</td>
                      <td class="num">
                        {duration(r.expectedRefreshSeconds)} + {duration(r.maxLatencySeconds)}
                      </td>
                      <td>
                        <Freshness t={t} freshness={r.freshness} />
                      </td>
                      <td class="num">{r.dependents}</td>
                      <td>
                        <a href={`/data-sources/${r.id}/edit`}>
                          {s('setup.edit')} <span class="visually-hidden">{r.name}</span>
                        </a>
                      </td>
                    </tr>
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

export interface SourceFormProps {
  t: Translate;
  /** The caller's role: the set-up links show only the pages it may use. */
  role?: AccessRole;
  csrfToken?: string;
  programId: string;
  values: Values;
  errors?: FieldErrors;
  scopes: OptionGroup[];
  people: PersonOption[];
  groups: Option[];
  source?: { id: string; version: number; name: string; archivedAt: string | null };
}

export function SourceForm(p: SourceFormProps) {
  const s = setupText(p.t);
  const c = { form: 'source', values: p.values, errors: p.errors };
  const action = p.source ? `/data-sources/${p.source.id}/edit` : `/programs/${p.programId}/data-sources`;
  return (
    <form method="post" action={action} class="stack setup-form" id="source-form" novalidate>
      <CsrfField token={p.csrfToken} />
      <FormProblems errors={p.errors} staleHint={s('setup.stale')} />
      {p.source && <input type="hidden" name="version" value={p.values.version ?? String(p.source.version)} />}
      <TextInput {...c} name="name" label={s('setup.source.name')} required />
      <TextInput {...c} name="code" label={s('setup.source.code')} hint={s('setup.source.codeHint')} />
      <Select
        {...c}
        name="kind"
        label={s('setup.source.kind')}
        options={enumOptions(p.t, 'sourceKind', sourceKinds)}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="scope"
        label={s('setup.source.scope')}
        hint={s('setup.source.scopeHint')}
        groups={p.scopes}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="ownerId"
        label={s('setup.source.owner')}
        hint={s('setup.source.ownerHint')}
        options={p.people.map((o) => ({ value: o.id, label: personLabel(p.t, o) }))}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="escalationGroupId"
        label={s('setup.source.group')}
        hint={s('setup.source.groupHint')}
        options={p.groups}
        blank={s('setup.none')}
      />
      <FieldGroup legend={s('setup.source.thresholds')}>
        <NumberInput
          {...c}
          whole
          name="expectedRefreshSeconds"
          label={s('setup.source.refresh')}
          hint={s('setup.source.refreshHint')}
          required
        />
        <NumberInput
          {...c}
          whole
          name="maxLatencySeconds"
          label={s('setup.source.latency')}
          hint={s('setup.source.latencyHint')}
          required
        />
      </FieldGroup>
      <FormButtons
        save={p.source ? s('setup.save') : s('setup.source.create')}
        cancel={s('setup.cancel')}
        cancelHref={`/programs/${p.programId}/data-sources`}
      />
    </form>
  );
}

export interface LinksProps {
  t: Translate;
  csrfToken?: string;
  sourceId: string;
  dependents: { useCaseId: string; title: string; required: boolean }[];
  useCases: Option[];
  canLink: boolean;
  values?: Values;
  errors?: FieldErrors;
}

/** The use cases that rely on the source; the fragment a link or unlink answers. */
export function SourceLinks(p: LinksProps) {
  const s = setupText(p.t);
  const action = `/data-sources/${p.sourceId}/links`;
  const htmx = (to: string) => ({
    method: 'post' as const,
    action: to,
    'hx-post': to,
    'hx-target': '#source-links',
    'hx-swap': 'outerHTML',
  });
  const linked = new Set(p.dependents.map((d) => d.useCaseId));
  return (
    <section class="card" id="source-links" aria-labelledby="source-links-heading">
      <h2 id="source-links-heading">{s('setup.source.linksHeading')}</h2>
      {p.dependents.length === 0 ? (
        <EmptyState message={s('setup.source.noLinks')} />
      ) : (
        <ul class="setup-people">
          {p.dependents.map((d) => (
            <li>
              <a href={`/use-cases/${d.useCaseId}`}>{d.title}</a>{' '}
              <span class={`badge ${d.required ? 'warn' : 'info'}`}>
                {d.required ? s('setup.source.required') : s('setup.source.optional')}
              </span>
              {p.canLink && (
                <form {...htmx(`${action}/${d.useCaseId}/remove`)}>
                  <CsrfField token={p.csrfToken} />
                  <button type="submit" class="secondary">
                    {s('setup.source.unlink')} <span class="visually-hidden">{d.title}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.canLink && (
        <form {...htmx(action)} class="setup-inline">
          <CsrfField token={p.csrfToken} />
          <FormProblems errors={p.errors} />
          <Select
            form="link"
            name="useCaseId"
            label={s('setup.source.linkUseCase')}
            values={p.values ?? {}}
            errors={p.errors}
            options={p.useCases.filter((u) => !linked.has(u.value))}
            blank={s('setup.choose')}
          />
          {/* Unchecked sends nothing: the hidden field says "no", the checkbox after it overrides it. */}
          <input type="hidden" name="required" value="false" />
          <label class="setup-check">
            <input type="checkbox" name="required" value="true" checked={(p.values?.required ?? 'true') === 'true'} />{' '}
            {s('setup.source.requiredLabel')}
          </label>
          <button type="submit">{s('setup.source.link')}</button>
        </form>
      )}
    </section>
  );
}

export function SourcePage(p: SourceFormProps & { links?: LinksProps }) {
  return (
    <>
      <SetupLinks t={p.t} role={p.role} programId={p.programId} current="data-sources" />
      <section class="card">
        <SourceForm {...p} />
      </section>
      {p.links && <SourceLinks {...p.links} />}
      {p.source && (
        <LifecycleActions
          t={p.t}
          csrfToken={p.csrfToken}
          action={`/data-sources/${p.source.id}`}
          name={p.source.name}
          archivedAt={p.source.archivedAt}
          texts={{
            archiveHint: setupText(p.t)('setup.dataSource.archiveHint'),
            restoreHint: setupText(p.t)('setup.dataSource.restoreHint'),
            deleteHint: setupText(p.t)('setup.dataSource.deleteHint'),
          }}
        />
      )}
    </>
  );
}
