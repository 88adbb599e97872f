import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  dataSources,
  enterprises,
  escalations,
  milestones,
  people,
  programSites,
  programs,
  reviews,
  sites,
  useCases,
  userGroups,
} from '../../db/schema/index.ts';
import { ForbiddenError, invalidInput, ruleViolation } from '../core/errors.ts';
import { addMonths } from '../core/calendar.ts';
import { stripUndefined } from '../core/objects.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, seesSites, systemViewer, visibilityFor, type Viewer } from '../access/index.ts';
import {
  archivedWhere,
  deleteUnlessUsed,
  findActive,
  refuseArchived,
  rowsOf,
  setArchived,
  type ArchivedFilter,
  type LifecycleTarget,
} from '../core/lifecycle.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

export interface ProgramInput {
  enterpriseId: string;
  name: string;
  description?: string;
  sponsorId: string;
  siteIds: string[];
  goLiveDate: string;
  valueWindowMonths: number;
  shiftsPerDay?: number;
  workingDaysPerWeek?: number;
  slaCriticalHours?: number;
  slaHighHours?: number;
  slaNormalHours?: number;
  slaLowHours?: number;
  timezone?: string;
}

/** The program's sponsor must be a person who holds the sponsor role. */
async function checkSponsor(db: Db, sponsorId: string): Promise<void> {
  const person = await findActive(db, people, 'person', sponsorId, { field: 'body.sponsorId' });
  if (!person.roles.includes('sponsor')) {
    throw ruleViolation(`${person.name} does not hold the sponsor role`, {}, [{ path: 'body.sponsorId', message: 'not a sponsor' }]);
  }
}

const slaOrder = ['slaCriticalHours', 'slaHighHours', 'slaNormalHours', 'slaLowHours'] as const;
const slaDefaults = { slaCriticalHours: 24, slaHighHours: 48, slaNormalHours: 72, slaLowHours: 120 };

/** A more severe escalation never gets a longer SLA than a less severe one. */
function checkSlaOrder(sla: Record<(typeof slaOrder)[number], number>): void {
  for (let i = 1; i < slaOrder.length; i++) {
    const [more, less] = [slaOrder[i - 1], slaOrder[i]];
    if (sla[less] < sla[more]) {
      throw invalidInput(
        `body.${less}`,
        `must not be shorter than ${more} (${sla[more]} h): a more severe escalation is never given longer`,
      );
    }
  }
}

/** Checks the sites and answers the zone most of them use (ties: the first site given), the program's default. */
async function checkSites(db: Db, enterpriseId: string, siteIds: string[]): Promise<string> {
  const zones = new Map<string, number>();
  for (const [i, siteId] of siteIds.entries()) {
    const site = await findOrNotFound(db, sites, 'site', siteId, { field: `body.siteIds.${i}` });
    if (site.enterpriseId !== enterpriseId) {
      throw ruleViolation(`site '${site.code}' belongs to another enterprise`, {}, [
        { path: `body.siteIds.${i}`, message: 'site of another enterprise' },
      ]);
    }
    zones.set(site.timezone, (zones.get(site.timezone) ?? 0) + 1);
  }
  return [...zones].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
}

/**
 * Creates a program over one or more sites of an enterprise, all in the caller's scope. An admin
 * creates any; a sponsor only one they sponsor themselves.
 */
export async function createProgram(w: Write, input: ProgramInput) {
  for (const [i, siteId] of input.siteIds.entries()) await checkSees(w.tx, w.actor, 'site', siteId, `body.siteIds.${i}`);
  const ownProgram = w.actor.role === 'sponsor' && input.sponsorId === w.actor.personId;
  if (w.actor.role !== 'admin' && !ownProgram) {
    throw new ForbiddenError('a sponsor creates programs they sponsor themselves', [{ path: 'body.sponsorId', message: 'not you' }]);
  }
  await findOrNotFound(w.tx, enterprises, 'enterprise', input.enterpriseId, { field: 'body.enterpriseId' });
  await checkSponsor(w.tx, input.sponsorId);
  checkSlaOrder({ ...slaDefaults, ...stripUndefined(input) });
  const sitesZone = await checkSites(w.tx, input.enterpriseId, input.siteIds);
  const { siteIds, ...fields } = input;
  const [row] = await w.tx
    .insert(programs)
    .values({ ...fields, timezone: input.timezone ?? sitesZone, createdAt: w.now, updatedAt: w.now })
    .returning();
  await w.tx.insert(programSites).values(siteIds.map((siteId) => ({ programId: row.id, siteId })));
  const after = { ...row, siteIds };
  await audit(w, { entityType: 'program', entityId: row.id, action: 'create', after });
  return withValueWindow(after);
}

/**
 * Updates a program (its sponsor or an admin); `siteIds`, when given, replaces the covered sites
 * the caller sees: sites out of their scope stay covered, for nobody removes what they cannot see.
 */
export async function updateProgram(w: Write, id: string, patch: Partial<Omit<ProgramInput, 'enterpriseId'>>) {
  await checkMayChange(w, 'program', id, { owners: false });
  for (const [i, siteId] of (patch.siteIds ?? []).entries()) await checkSees(w.tx, w.actor, 'site', siteId, `body.siteIds.${i}`);
  const before = await getProgram(w.tx, systemViewer, id, true);
  refuseArchived(before, `program '${before.name}'`);
  if (patch.sponsorId) await checkSponsor(w.tx, patch.sponsorId);
  checkSlaOrder({ ...before, ...stripUndefined(patch) });
  const { siteIds: given, ...fields } = patch;
  if (given) {
    const unseen = before.siteIds.filter((s) => !seesSites(w.actor, [s]) && !given.includes(s));
    const siteIds = [...given, ...unseen];
    await checkSites(w.tx, before.enterpriseId, given);
    await w.tx.delete(programSites).where(eq(programSites.programId, id));
    await w.tx.insert(programSites).values(siteIds.map((siteId) => ({ programId: id, siteId })));
  }
  await w.tx
    .update(programs)
    .set({ ...fields, version: nextVersion(programs), updatedAt: w.now })
    .where(eq(programs.id, id));
  const after = await getProgram(w.tx, systemViewer, id);
  await audit(w, { entityType: 'program', entityId: id, action: 'update', before, after });
  return after;
}

/** A program with its covered sites and the end of its value window. */
export async function getProgram(db: Db, viewer: Viewer, id: string, forUpdate = false) {
  await checkSees(db, viewer, 'program', id);
  const row = await findOrNotFound(db, programs, 'program', id, { forUpdate });
  const siteRows = await db.select({ siteId: programSites.siteId }).from(programSites).where(eq(programSites.programId, id));
  return withValueWindow({ ...row, siteIds: siteRows.map((s) => s.siteId).sort() });
}

/** The programs the viewer sees (one of their sites is in scope), by name. */
export async function listPrograms(db: Db, viewer: Viewer, filter: { archived?: ArchivedFilter } = {}) {
  const sees = await visibilityFor(db, viewer);
  const rows = (
    await db.select().from(programs).where(archivedWhere(programs.archivedAt, filter.archived)).orderBy(asc(programs.name))
  ).filter((r) => sees.program(r.id));
  const links = rows.length
    ? await db
        .select()
        .from(programSites)
        .where(
          inArray(
            programSites.programId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) =>
    withValueWindow({
      ...r,
      siteIds: links
        .filter((l) => l.programId === r.id)
        .map((l) => l.siteId)
        .sort(),
    }),
  );
}

/** The date by which the program must have shown measured value. */
function withValueWindow<T extends { goLiveDate: string; valueWindowMonths: number }>(program: T) {
  return { ...program, valueWindowEnds: addMonths(program.goLiveDate, program.valueWindowMonths) };
}

const programTarget: LifecycleTarget<typeof programs> = { table: programs, entityType: 'program', entity: 'program' };

/**
 * Archives a program that has ended: it keeps its history and figures, takes no changes and no
 * new use cases, milestones, reviews, data sources or groups, and its sources are no longer swept.
 */
export async function archiveProgram(w: Write, id: string, archived: boolean) {
  await checkMayChange(w, 'program', id, { owners: false });
  await setArchived(w, programTarget, id, archived);
  return getProgram(w.tx, systemViewer, id);
}

/** Deletes a program created by mistake, while it holds nothing. */
export async function deleteProgram(w: Write, id: string) {
  await checkMayChange(w, 'program', id, { owners: false });
  await deleteUnlessUsed(
    w,
    programTarget,
    id,
    [
      rowsOf('use cases', useCases, eq(useCases.programId, id)),
      rowsOf('milestones', milestones, eq(milestones.programId, id)),
      rowsOf('reviews', reviews, eq(reviews.programId, id)),
      rowsOf('data sources', dataSources, eq(dataSources.programId, id)),
      rowsOf('user groups', userGroups, eq(userGroups.programId, id)),
      rowsOf('escalations', escalations, eq(escalations.programId, id)),
    ],
    'archive it instead',
  );
}
