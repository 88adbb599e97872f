/**
 * The user groups of a program: a card per group with its details, its members and its
 * escalation route in order, each changed in place (htmx swaps the card; without script the
 * forms post and come back to the page), and the form that adds a group.
 */
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import type { PersonOption } from '../../server/programs/setupSupport.ts';
import { CsrfField } from '../components/field.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { FormButtons, FormProblems, NumberInput, Select, TextArea, TextInput, type Values } from './fields.tsx';
import { enumLabel, enumOptions, frequencies, groupKinds, LifecycleActions, personLabel, SetupLinks } from './common.tsx';
import { setupText } from './text.ts';

export interface GroupView {
  id: string;
  name: string;
  kind: string;
  valuePath: string;
  expectedFrequency: string;
  version: number;
  memberIds: string[];
  escalationRoute: string[];
  archivedAt: string | null;
}

/** Which of a card's forms was refused, with what was typed into it. */
export interface GroupProblem {
  form: 'edit' | 'members' | 'route';
  errors: FieldErrors;
  values: Values;
}

interface CardProps {
  t: Translate;
  csrfToken?: string;
  group: GroupView;
  people: PersonOption[];
  /** May change its details, members and route (an arranger, and the group is not archived). */
  canEdit: boolean;
  /** May archive, restore or delete it (an arranger of the program's groups). */
  canArrange?: boolean;
  problem?: GroupProblem;
}

const cardId = (id: string) => `group-${id}`;

/** The htmx attributes of a form inside a card: the answer replaces the card. */
const inCard = (id: string, action: string) => ({
  method: 'post' as const,
  action,
  'hx-post': action,
  'hx-target': `#${cardId(id)}`,
  'hx-swap': 'outerHTML',
});

function nameOf(people: PersonOption[], id: string): string {
  return people.find((p) => p.id === id)?.name ?? id;
}

function DetailsForm({ t, csrfToken, group, problem }: CardProps) {
  const s = setupText(t);
  const own = problem?.form === 'edit' ? problem : undefined;
  const values = own?.values ?? {
    version: String(group.version),
    kind: group.kind,
    name: group.name,
    valuePath: group.valuePath,
    expectedFrequency: group.expectedFrequency,
  };
  const c = { form: `${cardId(group.id)}-edit`, values, errors: own?.errors };
  return (
    <details open={own !== undefined}>
      <summary>{s('setup.group.editDetails')}</summary>
      <form {...inCard(group.id, `/user-groups/${group.id}/edit`)} class="stack">
        <CsrfField token={csrfToken} />
        <FormProblems errors={own?.errors} staleHint={s('setup.stale')} />
        <input type="hidden" name="version" value={values.version ?? String(group.version)} />
        <GroupFields t={t} c={c} />
        <div class="actions">
          <button type="submit">{s('setup.save')}</button>
        </div>
      </form>
    </details>
  );
}

/** Kind, name, expected frequency and what the group gets from the twin. */
function GroupFields({ t, c }: { t: Translate; c: { form: string; values: Values; errors?: FieldErrors } }) {
  const s = setupText(t);
  return (
    <>
      <TextInput {...c} name="name" label={s('setup.name')} required />
      <Select
        {...c}
        name="kind"
        label={s('setup.group.kind')}
        options={enumOptions(t, 'groupKind', groupKinds)}
        blank={s('setup.choose')}
        required
      />
      <Select
        {...c}
        name="expectedFrequency"
        label={s('setup.group.frequency')}
        hint={s('setup.group.frequencyHint')}
        options={enumOptions(t, 'frequency', frequencies)}
        blank={s('setup.choose')}
        required
      />
      <TextArea {...c} name="valuePath" label={s('setup.group.valuePath')} hint={s('setup.group.valuePathHint')} required />
    </>
  );
}

function Members({ t, csrfToken, group, people, canEdit, problem }: CardProps) {
  const s = setupText(t);
  const own = problem?.form === 'members' ? problem : undefined;
  const candidates = people.filter((p) => !group.memberIds.includes(p.id));
  const headingId = `${cardId(group.id)}-members`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{s('setup.group.members', { count: group.memberIds.length })}</h3>
      {group.memberIds.length === 0 ? (
        <EmptyState message={s('setup.group.noMembers')} />
      ) : (
        <ul class="setup-people">
          {group.memberIds.map((id) => (
            <li>
              <span>{nameOf(people, id)}</span>
              {canEdit && (
                <form {...inCard(group.id, `/user-groups/${group.id}/members/${id}/remove`)}>
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="secondary">
                    {s('setup.remove')} <span class="visually-hidden">{nameOf(people, id)}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form {...inCard(group.id, `/user-groups/${group.id}/members`)} class="setup-inline">
          <CsrfField token={csrfToken} />
          <FormProblems errors={own?.errors} />
          <Select
            form={`${cardId(group.id)}-member`}
            name="personId"
            label={s('setup.group.addMember')}
            values={own?.values ?? {}}
            errors={own?.errors}
            options={candidates.map((p) => ({ value: p.id, label: personLabel(t, p) }))}
            blank={s('setup.choose')}
          />
          <button type="submit">{s('setup.add')}</button>
        </form>
      )}
    </section>
  );
}

function Route({ t, csrfToken, group, people, canEdit, problem }: CardProps) {
  const s = setupText(t);
  const own = problem?.form === 'route' ? problem : undefined;
  const route = group.escalationRoute;
  const candidates = people.filter((p) => !route.includes(p.id));
  const headingId = `${cardId(group.id)}-route`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{s('setup.group.route')}</h3>
      <p class="muted small">{s('setup.group.routeHint')}</p>
      {route.length === 0 ? (
        <EmptyState message={s('setup.group.noRoute')} />
      ) : (
        <ol class="setup-people">
          {route.map((id, i) => (
            <li>
              <span>
                {s('setup.group.step', { step: i + 1 })} {nameOf(people, id)}
              </span>
              {canEdit && (
                <span class="actions">
                  {(['up', 'down'] as const).map(
                    (direction) =>
                      (direction === 'up' ? i > 0 : i < route.length - 1) && (
                        <form {...inCard(group.id, `/user-groups/${group.id}/route/${id}/move`)}>
                          <CsrfField token={csrfToken} />
                          <input type="hidden" name="version" value={String(group.version)} />
                          <input type="hidden" name="direction" value={direction} />
                          <button type="submit" class="secondary">
                            {s(direction === 'up' ? 'setup.group.moveUp' : 'setup.group.moveDown')}{' '}
                            <span class="visually-hidden">{nameOf(people, id)}</span>
                          </button>
                        </form>
                      ),
                  )}
                  <form {...inCard(group.id, `/user-groups/${group.id}/route/${id}/remove`)}>
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="secondary">
                      {s('setup.remove')} <span class="visually-hidden">{nameOf(people, id)}</span>
                    </button>
                  </form>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <form {...inCard(group.id, `/user-groups/${group.id}/route`)} class="setup-inline">
          <CsrfField token={csrfToken} />
          <FormProblems errors={own?.errors} staleHint={s('setup.stale')} />
          <Select
            form={`${cardId(group.id)}-route`}
            name="personId"
            label={s('setup.group.addStep')}
            values={own?.values ?? {}}
            errors={own?.errors}
            options={candidates.map((p) => ({ value: p.id, label: personLabel(t, p) }))}
            blank={s('setup.choose')}
          />
          <NumberInput
            form={`${cardId(group.id)}-route`}
            whole
            name="step"
            label={s('setup.group.atStep')}
            hint={s('setup.group.atStepHint')}
            values={own?.values ?? {}}
            errors={own?.errors}
          />
          <button type="submit">{s('setup.add')}</button>
        </form>
      )}
    </section>
  );
}

/** One group: its details, members and escalation route; the fragment every change of it answers. */
export function GroupCard(p: CardProps) {
  const s = setupText(p.t);
  const { group } = p;
  return (
    <section class="card setup-group-card" id={cardId(group.id)} aria-labelledby={`${cardId(group.id)}-heading`}>
      <h2 id={`${cardId(group.id)}-heading`}>{group.name}</h2>
      <p>
        <span class="badge info">{enumLabel(p.t, 'groupKind', group.kind)}</span>{' '}
        {s('setup.group.expects', { frequency: enumLabel(p.t, 'frequency', group.expectedFrequency).toLowerCase() })}
        {group.archivedAt && <span class="badge warn">{s('setup.archivedBadge')}</span>}
      </p>
      <p class="muted">{group.valuePath}</p>
      {p.canEdit && <DetailsForm {...p} />}
      <div class="grid">
        <Members {...p} />
        <Route {...p} />
      </div>
      {p.canArrange && (
        <details>
          <summary>{s('setup.lifecycle.heading')}</summary>
          <LifecycleActions
            t={p.t}
            csrfToken={p.csrfToken}
            action={`/user-groups/${group.id}`}
            name={group.name}
            archivedAt={group.archivedAt}
            card={cardId(group.id)}
            texts={{
              archiveHint: s('setup.group.archiveHint'),
              restoreHint: s('setup.group.restoreHint'),
              deleteHint: s('setup.group.deleteHint'),
            }}
          />
        </details>
      )}
    </section>
  );
}

/** The form that adds a group to the program. */
export function NewGroupForm({
  t,
  csrfToken,
  programId,
  values,
  errors,
}: {
  t: Translate;
  csrfToken?: string;
  programId: string;
  values: Values;
  errors?: FieldErrors;
}) {
  const s = setupText(t);
  return (
    <section class="card" aria-labelledby="new-group-heading" id="new-group">
      <h2 id="new-group-heading">{s('setup.group.new')}</h2>
      <form method="post" action={`/programs/${programId}/groups`} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <FormProblems errors={errors} />
        <GroupFields t={t} c={{ form: 'new-group', values, errors }} />
        <FormButtons save={s('setup.group.create')} cancel={s('setup.cancel')} cancelHref={`/programs/${programId}`} />
      </form>
    </section>
  );
}

export interface GroupsPageProps {
  t: Translate;
  /** The caller's role: the set-up links show only the pages it may use. */
  role?: AccessRole;
  csrfToken?: string;
  programId: string;
  groups: GroupView[];
  people: PersonOption[];
  canEdit: boolean;
  newGroup?: { values: Values; errors?: FieldErrors };
  problem?: { groupId: string } & GroupProblem;
}

export function GroupsPage(p: GroupsPageProps) {
  const s = setupText(p.t);
  return (
    <>
      <SetupLinks t={p.t} role={p.role} programId={p.programId} current="groups" />
      <p class="lead">{s('setup.group.lead')}</p>
      {p.groups.length === 0 && <EmptyState message={p.canEdit ? s('setup.group.noneEdit') : s('setup.group.none')} />}
      {p.groups.map((g) => (
        <GroupCard
          t={p.t}
          csrfToken={p.csrfToken}
          group={g}
          people={p.people}
          canEdit={p.canEdit && g.archivedAt === null}
          canArrange={p.canEdit}
          problem={p.problem?.groupId === g.id ? p.problem : undefined}
        />
      ))}
      {p.canEdit && (
        <NewGroupForm
          t={p.t}
          csrfToken={p.csrfToken}
          programId={p.programId}
          values={p.newGroup?.values ?? {}}
          errors={p.newGroup?.errors}
        />
      )}
    </>
  );
}
