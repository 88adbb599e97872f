import type { AccessRole } from '../../server/deps.ts';
import type { Scope } from '../../server/access/index.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import type { Translate } from '../../server/web/i18n.ts';

/** What every administration view needs: texts, the page's instant, and the session's CSRF token for plain forms. */
export interface AdminViewContext {
  t: Translate;
  now: Date;
  csrfToken: string;
}

/** The roles a person can hold, people's first and the machines' last, in the order the forms offer them. */
export const allRoles: readonly AccessRole[] = ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'ingest', 'integration'];

const peopleRoles = ['admin', 'sponsor', 'owner', 'planner', 'viewer'] as const;

/** A role in words; the machine roles (`ingest`, `integration`) say that they are. */
export function roleWords(t: Translate, role: string): string {
  if (role === 'ingest' || role === 'integration') return t(`admin.role.${role}`);
  const known = peopleRoles.find((r) => r === role);
  return known ? t(`role.${known}`) : role;
}

/** A person as the administration pages show them. */
export interface PersonModel {
  id: string;
  name: string;
  email: string | null;
  roles: AccessRole[];
  scope: Scope;
  hasPassword: boolean;
  archivedAt: Date | null;
  version: number;
}

/** The enterprises and sites an admin can grant, by id, to name a scope and to offer in the form. */
export interface Places {
  enterprises: { id: string; name: string }[];
  sites: { id: string; name: string; code: string; enterpriseId: string }[];
}

/** A person form as typed: the values to show again and the errors beside them. */
export interface PersonFormState {
  values: PersonFormValues;
  errors: FieldErrors;
}

export interface PersonFormValues {
  name: string;
  email: string;
  roles: string[];
  scopeKind: string;
  enterpriseId: string;
  siteIds: string[];
  version?: string;
}

/** A person's scope in words, with the names of its enterprise or sites. */
export function scopeWords(t: Translate, scope: Scope, places: Places): string {
  if (scope.kind === 'installation') return t('scope.installation');
  if (scope.kind === 'enterprise') {
    const name = places.enterprises.find((e) => e.id === scope.enterpriseId)?.name ?? scope.enterpriseId;
    return t('admin.scope.enterprise', { name });
  }
  const names = scope.siteIds.map((id) => places.sites.find((s) => s.id === id)?.name ?? id);
  return t('admin.scope.sites', { names: names.join(', ') });
}

/** The form's values for a stored person (editing), or empty ones (a new person). */
export function personFormValues(person?: PersonModel): PersonFormValues {
  if (!person) return { name: '', email: '', roles: [], scopeKind: 'installation', enterpriseId: '', siteIds: [] };
  const { scope } = person;
  return {
    name: person.name,
    email: person.email ?? '',
    roles: [...person.roles],
    scopeKind: scope.kind,
    enterpriseId: scope.kind === 'enterprise' ? scope.enterpriseId : '',
    siteIds: scope.kind === 'sites' ? [...scope.siteIds] : [],
    version: String(person.version),
  };
}

export const personRowId = (id: string) => `person-row-${id}`;
export const tokenRowId = (id: string) => `token-${id}`;
export const sessionRowId = (id: string) => `session-${id}`;
