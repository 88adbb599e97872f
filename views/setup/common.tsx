/** What the set-up views share: how a person is named in a select, the enum labels, and a program's set-up links. */
import type { Translate } from '../../server/web/i18n.ts';
import type { AccessRole } from '../../server/deps.ts';
import { allows, type Policy } from '../../server/auth/policies.ts';
import type { SetupKey } from '../../server/web/messages/en.setup.ts';
import type { Option } from './fields.tsx';
import { setupText } from './text.ts';

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
