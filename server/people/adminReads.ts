import type { Db } from '../../db/client.ts';
import { systemViewer, type Scope, type Viewer } from '../access/index.ts';
import type { ArchivedFilter } from '../core/lifecycle.ts';
import { listEnterprises, listSites } from '../plant/plant.ts';
import { within } from './management.ts';
import { listPeople } from './people.ts';
import type { Places } from '../../views/people/model.ts';

/**
 * The reads of the administration pages, made of the domain's own: the people an admin manages
 * (those who see nothing the admin does not, the rule of `management.ts`), and the places a
 * scope can name.
 */

/** The enterprises and sites the viewer sees: what their forms offer and what names a scope. */
export async function placesFor(db: Db, viewer: Viewer): Promise<Places> {
  const [enterprises, sites] = await Promise.all([listEnterprises(db, viewer), listSites(db, viewer)]);
  return {
    enterprises: enterprises.map((e) => ({ id: e.id, name: e.name })),
    sites: sites.map((s) => ({ id: s.id, name: s.name, code: s.code, enterpriseId: s.enterpriseId })),
  };
}

/**
 * The sites a scope covers, as far as the places know them (an enterprise's from the site list,
 * so a list of people costs no query per person); null for the whole installation.
 */
export function scopeSiteIds(scope: Scope, places: Places): string[] | null {
  if (scope.kind === 'installation') return null;
  if (scope.kind === 'sites') return scope.siteIds;
  return places.sites.filter((s) => s.enterpriseId === scope.enterpriseId).map((s) => s.id);
}

/** The people the viewer manages, by name: everyone for an admin of the whole installation. */
export async function managedPeople(db: Db, viewer: Viewer, archived: ArchivedFilter) {
  const people = await listPeople(db, viewer, { archived });
  if (viewer.siteIds === null) return people;
  // Every site, not only the viewer's: someone of an enterprise with sites beyond the admin's sees more than they do.
  const sites = await listSites(db, systemViewer);
  const everywhere: Places = {
    enterprises: [],
    sites: sites.map((s) => ({ id: s.id, name: s.name, code: s.code, enterpriseId: s.enterpriseId })),
  };
  return people.filter((p) => within(scopeSiteIds(p.scope, everywhere), viewer.siteIds));
}

/** The sites a token of a person may be narrowed to: those of their scope that the admin sees. */
export function tokenPlaces(scope: Scope, places: Places): Places {
  const ids = scopeSiteIds(scope, places);
  return { enterprises: places.enterprises, sites: ids ? places.sites.filter((s) => ids.includes(s.id)) : places.sites };
}
