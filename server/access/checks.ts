import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programs, standIns } from '../../db/schema/index.ts';
import { dateIn } from '../core/calendar.ts';
import { ForbiddenError, notFound } from '../core/errors.ts';
import type { AccessRole } from '../deps.ts';
import type { Write } from '../core/write.ts';
import { anchorOf, kindName, type Anchor, type AnchoredKind } from './anchors.ts';
import { readOnce } from './requestReads.ts';
import { seesSites, type Viewer } from './scope.ts';

/**
 * The row checks every domain function makes at its top, after the route's policy let the role
 * in: out of the caller's scope reads as not found (existence is not disclosed); in scope but
 * not theirs is forbidden.
 */

/** The entity's anchor when the viewer may see it; a 404 otherwise. */
export async function checkSees(db: Db, viewer: Viewer, kind: AnchoredKind, id: string, field?: string): Promise<Anchor> {
  const anchor = await readOnce(viewer, `anchor:${kind}:${id}`, () => anchorOf(db, kind, id, field));
  if (!seesSites(viewer, anchor.siteIds)) throw notFound(kindName(kind), id, field);
  return anchor;
}

/** True when `personId` stands in today (in `zone`) for one of `ownerIds`. */
export async function standsInFor(db: Db, personId: string, ownerIds: string[], now: Date, zone: string): Promise<boolean> {
  if (!ownerIds.length) return false;
  const today = dateIn(now, zone);
  const [row] = await db
    .select({ id: standIns.id })
    .from(standIns)
    .where(
      and(
        eq(standIns.standInId, personId),
        inArray(standIns.personId, ownerIds),
        lte(standIns.fromDate, today),
        gte(standIns.toDate, today),
      ),
    )
    .limit(1);
  return !!row;
}

async function programOf(db: Db, programId: string | null) {
  if (!programId) return undefined;
  const [row] = await db
    .select({ sponsorId: programs.sponsorId, timezone: programs.timezone })
    .from(programs)
    .where(eq(programs.id, programId));
  return row;
}

export interface StewardOptions {
  /** Roles that may change it wherever they see it (planners for line models and measured values). */
  roles?: readonly AccessRole[];
  /** Whether its owners (and their stand-ins) may change it; true unless told otherwise. */
  owners?: boolean;
}

/**
 * Whether the acting person may change what an anchor names: an admin; the sponsor of its program
 * (acting as sponsor); one of its owners or a stand-in of one today; or a role given in `options`.
 */
export async function mayChange(db: Db, actor: Write['actor'], anchor: Anchor, now: Date, options: StewardOptions = {}): Promise<boolean> {
  if (actor.role === 'admin') return true;
  if (options.roles?.includes(actor.role)) return true;
  const program = await programOf(db, anchor.programId);
  if (actor.role === 'sponsor' && program?.sponsorId === actor.personId) return true;
  if (options.owners === false || !anchor.ownerIds.length) return false;
  if (anchor.ownerIds.includes(actor.personId)) return true;
  return standsInFor(db, actor.personId, anchor.ownerIds, now, program?.timezone ?? 'UTC');
}

/**
 * The check at the top of a change: 404 when the caller cannot see it, 403 naming who may change
 * it when they can see it but it is not theirs. Returns its anchor.
 */
export async function checkMayChange(
  w: Write,
  kind: AnchoredKind,
  id: string,
  options: StewardOptions & { field?: string } = {},
): Promise<Anchor> {
  const anchor = await checkSees(w.tx, w.actor, kind, id, options.field);
  if (!(await mayChange(w.tx, w.actor, anchor, w.now, options))) throw forbidden(kind, options);
  return anchor;
}

/** The 403 of a change the caller may not make, saying who may. */
export function forbidden(kind: AnchoredKind, options: StewardOptions = {}): ForbiddenError {
  const who = [
    'an admin',
    "the program's sponsor",
    ...(options.owners === false ? [] : ['its owner or their stand-in']),
    ...(options.roles ?? []).map((r) => `a ${r}`),
  ];
  return new ForbiddenError(`only ${who.join(', ')} may change this ${kindName(kind)}`, undefined, { allowed: who });
}
