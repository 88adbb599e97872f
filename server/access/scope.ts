import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { personSites, sites } from '../../db/schema/index.ts';
import type { AccessRole } from '../deps.ts';

/**
 * What a person may see: a set of sites, one enterprise, or (for the installation's first
 * administrator and people made before scopes existed) every enterprise of the installation.
 */
export type Scope = { kind: 'sites'; siteIds: string[] } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'installation' };

/**
 * Who reads: enough to decide what they may see. `siteIds` is null when the scope has no site
 * limit (the installation), else the sites it covers, resolved at the start of the request.
 */
export interface Viewer {
  personId: string;
  role: AccessRole;
  siteIds: readonly string[] | null;
}

/** The system itself (sweeps, the demo seed, reads made inside a checked write): sees everything. */
export const systemViewer: Viewer = Object.freeze({ personId: '', role: 'admin', siteIds: null });

/** The scope a person's stored sites and enterprise make: their sites if any, else the enterprise, else the installation. */
export function scopeFrom(siteIds: string[], scopeEnterpriseId: string | null): Scope {
  if (siteIds.length) return { kind: 'sites', siteIds: [...siteIds].sort() };
  if (scopeEnterpriseId) return { kind: 'enterprise', enterpriseId: scopeEnterpriseId };
  return { kind: 'installation' };
}

/** A person's stored scope. */
export async function scopeOf(db: Db, person: { id: string; scopeEnterpriseId: string | null }): Promise<Scope> {
  const rows = await db.select({ siteId: personSites.siteId }).from(personSites).where(eq(personSites.personId, person.id));
  return scopeFrom(
    rows.map((r) => r.siteId),
    person.scopeEnterpriseId,
  );
}

/**
 * The sites a scope covers now (an enterprise's sites are read each time, so a new site is in
 * scope at once), narrowed to `narrowTo` when a token is limited to some sites.
 */
export async function siteIdsOf(db: Db, scope: Scope, narrowTo: readonly string[] | null = null): Promise<string[] | null> {
  let ids: string[] | null;
  if (scope.kind === 'sites') ids = scope.siteIds;
  else if (scope.kind === 'enterprise')
    ids = (await db.select({ id: sites.id }).from(sites).where(eq(sites.enterpriseId, scope.enterpriseId))).map((s) => s.id);
  else ids = null;
  if (!narrowTo) return ids;
  return ids ? ids.filter((id) => narrowTo.includes(id)) : [...narrowTo];
}

/**
 * Whether a viewer sees something tied to these sites: one of them is in scope. `null` means
 * the thing is tied to no site (an ad-hoc computation without a line): everyone sees it.
 */
export function seesSites(viewer: Viewer, siteIds: readonly string[] | null): boolean {
  if (viewer.siteIds === null || siteIds === null) return true;
  return siteIds.some((id) => viewer.siteIds!.includes(id));
}

/** The scope fields of an actor who sees the whole installation (the demo seed, the first admin). */
export const wholeInstallation = { scope: { kind: 'installation' } as Scope, siteIds: null };
