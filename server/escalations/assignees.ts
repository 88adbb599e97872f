import { and, arrayOverlaps, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, personSites, programSites, sites } from '../../db/schema/index.ts';
import { policies } from '../auth/policies.ts';
import type { AccessRole } from '../deps.ts';

/** Someone an escalation may be handed to, with the roles in which they can settle it. */
export interface Assignee {
  id: string;
  name: string;
  roles: AccessRole[];
}

export interface AssignableQuestion {
  id: string;
  programId: string;
  assigneeId: string;
  /** Where its subject lies; null for a program-wide one (then any of the program's sites). */
  siteId: string | null;
}

const handlers: readonly AccessRole[] = policies['escalation:handle'];

/**
 * Who each escalation may be handed to: active people holding a role that settles escalations
 * (the roles of the policy 'escalation:handle'), whose scope reaches where it lies; its current
 * assignee left out (the domain refuses handing it to them). `reassignEscalation` accepts any
 * active person, but a viewer, or someone who cannot see the question, could never answer it.
 * Four queries for any number of escalations, each reading only what the answer needs: the
 * people who may handle one, their site links, and the sites where the escalations lie.
 */
export async function assignableFor(db: Db, questions: AssignableQuestion[]): Promise<Map<string, Assignee[]>> {
  if (!questions.length) return new Map();
  const programIds = [...new Set(questions.map((q) => q.programId))];
  const questionSiteIds = [...new Set(questions.flatMap((q) => (q.siteId ? [q.siteId] : [])))];
  // Only who could take one over: active people holding a role that settles escalations.
  const mayHandle = and(isNull(people.archivedAt), arrayOverlaps(people.roles, [...handlers]));
  const handlerIds = db.select({ id: people.id }).from(people).where(mayHandle);
  const programSitesShown = db
    .select({ siteId: programSites.siteId })
    .from(programSites)
    .where(inArray(programSites.programId, programIds));
  const [persons, links, siteRows, programLinks] = await Promise.all([
    db.select().from(people).where(mayHandle).orderBy(people.name),
    // All the site links of those people (their own sites are their whole reach, wherever they lie).
    db.select().from(personSites).where(inArray(personSites.personId, handlerIds)),
    // Only the sites where the escalations shown lie: an enterprise's reach is tested against no others.
    db
      .select({ id: sites.id, enterpriseId: sites.enterpriseId })
      .from(sites)
      .where(or(inArray(sites.id, questionSiteIds), inArray(sites.id, programSitesShown))),
    db.select().from(programSites).where(inArray(programSites.programId, programIds)),
  ]);
  // What each person sees, as the scope model says: their sites, else their enterprise's, else all (null).
  const reach = new Map<string, Set<string> | null>();
  for (const p of persons) {
    const own = links.filter((l) => l.personId === p.id).map((l) => l.siteId);
    if (own.length) reach.set(p.id, new Set(own));
    else if (p.scopeEnterpriseId) reach.set(p.id, new Set(siteRows.filter((s) => s.enterpriseId === p.scopeEnterpriseId).map((s) => s.id)));
    else reach.set(p.id, null);
  }
  const candidates = persons
    .map((p) => ({ id: p.id, name: p.name, roles: p.roles.filter((r) => handlers.includes(r)) }))
    .filter((p) => p.roles.length > 0);
  return new Map(
    questions.map((q) => {
      const where = q.siteId ? [q.siteId] : programLinks.filter((l) => l.programId === q.programId).map((l) => l.siteId);
      const able = candidates.filter((p) => {
        if (p.id === q.assigneeId) return false;
        const seen = reach.get(p.id);
        return seen === null || where.some((s) => seen?.has(s));
      });
      return [q.id, able];
    }),
  );
}
