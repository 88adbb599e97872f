/** What the set-up views share: how a person is named in a select, the enum labels, and a program's set-up links. */
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import { allows, type Policy } from '../../server/auth/policies.ts';
import type { SetupKey } from '../../server/web/messages/en.setup.ts';
import type { Option } from './fields.tsx';
import { setupText } from './text.ts';
import { CsrfField } from '../components/field.tsx';

/** "Martin Novák (owner, viewer)": the roles help pick the right person. */
export function personLabel(t: Translate, p: { name: string; roles: readonly string[] }): string {
  if (!p.roles.length) return p.name;
  return `${p.name} (${p.roles.map((r) => t(`role.${r}` as Parameters<Translate>[0])).join(', ')})`;
}

/** Options of an enum, labelled by `setup.<group>.<value>`. */
export function enumOptions(t: Translate, group: string, values: readonly string[]): Option[] {
  const s = setupText(t);
  return values.map((value) => ({ value, label: s(`setup.${group}.${value}` as SetupKey) }));
}

/** The label of one enum value. */
export function enumLabel(t: Translate, group: string, value: string): string {
  return setupText(t)(`setup.${group}.${value}` as SetupKey);
}

export const frequencies = ['per_shift', 'daily', 'weekly', 'monthly'] as const;
export const groupKinds = ['operators', 'planners', 'reliability_engineers', 'plant_managers', 'finance', 'custom'] as const;
export const directions = ['higher_is_better', 'lower_is_better'] as const;
export const cadences = ['weekly', 'monthly', 'quarterly'] as const;
export const milestoneStatuses = ['planned', 'met', 'missed', 'deferred'] as const;
export const sourceKinds = ['plc_sensor', 'historian', 'mes', 'maintenance', 'quality', 'erp', 'other'] as const;

type SetupPage = 'edit' | 'groups' | 'data-sources' | 'milestone' | 'use-case';

/**
 * The set-up pages of a program, beside its own page; with a role, only those whose policy lets
 * it in (the domain may still refuse a program that is not theirs).
 */
export function SetupLinks({ t, programId, current, role }: { t: Translate; programId: string; current?: SetupPage; role?: AccessRole }) {
  const s = setupText(t);
  const links: [SetupPage | 'page', string, string, Policy][] = [
    ['page', `/programs/${programId}`, s('setup.links.program'), 'read'],
    ['edit', `/programs/${programId}/edit`, s('setup.links.edit'), 'program:write'],
    ['groups', `/programs/${programId}/groups`, s('setup.links.groups'), 'read'],
    ['data-sources', `/programs/${programId}/data-sources`, s('setup.links.dataSources'), 'read'],
    ['use-case', `/programs/${programId}/use-cases/new`, s('setup.links.newUseCase'), 'use-case:write'],
    ['milestone', `/programs/${programId}/milestones/new`, s('setup.links.newMilestone'), 'milestone:write'],
  ];
  const shown = links.filter(([, , , policy]) => role === undefined || allows(policy, role));
  return (
    <nav class="setup-links" aria-label={s('setup.links.label')}>
      <ul class="actions">
        {shown.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface LifecycleTexts {
  /** What archiving does to it, and what restoring gives back (absent when it cannot be archived). */
  archiveHint?: string;
  restoreHint?: string;
  /** When deleting is allowed (absent when it cannot be deleted from here). */
  deleteHint?: string;
}

/**
 * Archiving, restoring and deleting an entity, each a form of its own posted to
 * `{action}/archive|restore|delete`: deleting asks first (htmx) and is refused, naming what
 * depends on it, while anything does; archiving keeps its history.
 */
export function LifecycleActions({
  t,
  csrfToken,
  action,
  name,
  archivedAt,
  texts,
  card,
}: {
  t: Translate;
  csrfToken?: string;
  /** The entity's path, `/kpis/<id>`. */
  action: string;
  name: string;
  archivedAt?: string | null;
  texts: LifecycleTexts;
  /** Inside a card, folded under a summary: the card's id, which the answer replaces. */
  card?: string;
}) {
  const s = setupText(t);
  const archived = archivedAt !== null && archivedAt !== undefined;
  const headingId = `lifecycle-${action.replace(/[^a-z0-9]+/gi, '-')}`;
  const swap = card ? { 'hx-target': `#${card}`, 'hx-swap': 'outerHTML' } : {};
  // Inside a card the fold's summary names it; on a page it is a section of its own.
  return (
    <section
      class={card ? 'lifecycle' : 'card lifecycle'}
      aria-labelledby={card ? undefined : headingId}
      aria-label={card ? s('setup.lifecycle.heading') : undefined}
    >
      {!card && <h2 id={headingId}>{s('setup.lifecycle.heading')}</h2>}
      {archived && <p class="badge warn">{s('setup.archivedSince', { date: archivedAt.slice(0, 10) })}</p>}
      {texts.archiveHint && (
        <form
          method="post"
          action={`${action}/${archived ? 'restore' : 'archive'}`}
          hx-post={`${action}/${archived ? 'restore' : 'archive'}`}
          {...swap}
        >
          <CsrfField token={csrfToken} />
          <p class="muted">{archived ? texts.restoreHint : texts.archiveHint}</p>
          <button type="submit" class="secondary">
            {archived ? s('setup.restore') : s('setup.archive')}
          </button>
        </form>
      )}
      {texts.deleteHint && (
        <form
          method="post"
          action={`${action}/delete`}
          hx-post={`${action}/delete`}
          hx-confirm={s('setup.lifecycle.confirmDelete', { name })}
        >
          <CsrfField token={csrfToken} />
          <p class="muted">{texts.deleteHint}</p>
          <button type="submit" class="danger">
            {s('setup.lifecycle.delete')}
          </button>
        </form>
      )}
    </section>
  );
}
