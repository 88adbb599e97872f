import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escalations, milestones, people, programs, reviewItems, reviews, useCases } from '../../db/schema/index.ts';
import { ruleViolation } from '../core/errors.ts';
import { quarterEnd } from '../core/calendar.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, visibilityFor, type Viewer } from '../access/index.ts';
import { deleteUnlessUsed, findActive, rowsOf } from '../core/lifecycle.ts';
import { consecutiveMisses, type MilestoneStatus } from './risk.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

type MilestoneRow = typeof milestones.$inferSelect;

export interface MilestoneInput {
  useCaseId?: string | null;
  title: string;
  criterion: string;
  due: { quarter: string } | { date: string };
  ownerId: string;
  status?: MilestoneStatus;
  evidence?: string;
}

async function checkUseCase(db: Db, programId: string, useCaseId: string): Promise<void> {
  const useCase = await findOrNotFound(db, useCases, 'use case', useCaseId, { field: 'body.useCaseId' });
  if (useCase.programId !== programId) {
    throw ruleViolation('the use case belongs to another program', {}, [
      { path: 'body.useCaseId', message: 'use case of another program' },
    ]);
  }
}

// Meeting an adoption criterion is a claim; it must say what shows it.
function checkEvidence(status: MilestoneStatus, evidence: string): void {
  if (status === 'met' && !evidence.trim()) {
    throw ruleViolation('a milestone can only be met with evidence of its criterion', { missing: ['evidence'] }, [
      { path: 'body.evidence', message: 'required when status is met' },
    ]);
  }
}

/**
 * Milestones are the program's plan: its sponsor and admins add and delete them; a milestone's
 * owner (or their stand-in) may also update it.
 */
const sponsors = { owners: false } as const;

function dueColumns(due: MilestoneInput['due']) {
  return 'quarter' in due ? { dueQuarter: due.quarter, dueDate: null } : { dueQuarter: null, dueDate: due.date };
}

/**
 * Adds an adoption milestone to a program (an admin or the program's sponsor), optionally tied to
 * one of its use cases that the caller sees.
 */
export async function createMilestone(w: Write, programId: string, input: MilestoneInput) {
  await checkMayChange(w, 'program', programId, sponsors);
  if (input.useCaseId) await checkSees(w.tx, w.actor, 'use_case', input.useCaseId, 'body.useCaseId');
  await findActive(w.tx, programs, 'program', programId);
  if (input.useCaseId) await checkUseCase(w.tx, programId, input.useCaseId);
  await findActive(w.tx, people, 'person', input.ownerId, { field: 'body.ownerId' });
  const status = input.status ?? 'planned';
  checkEvidence(status, input.evidence ?? '');
  const [row] = await w.tx
    .insert(milestones)
    .values({
      programId,
      useCaseId: input.useCaseId ?? null,
      title: input.title,
      criterion: input.criterion,
      ...dueColumns(input.due),
      ownerId: input.ownerId,
      status,
      evidence: input.evidence ?? '',
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await audit(w, { entityType: 'milestone', entityId: row.id, action: 'create', after: row });
  return (await milestoneViews(w.tx, programId, [row]))[0];
}

/** Updates a milestone: an admin, the program's sponsor, or the milestone's owner or their stand-in. */
export async function updateMilestone(w: Write, id: string, patch: Partial<MilestoneInput>) {
  await checkMayChange(w, 'milestone', id);
  if (patch.useCaseId) await checkSees(w.tx, w.actor, 'use_case', patch.useCaseId, 'body.useCaseId');
  const before = await findOrNotFound(w.tx, milestones, 'milestone', id, { forUpdate: true });
  if (patch.useCaseId) await checkUseCase(w.tx, before.programId, patch.useCaseId);
  if (patch.ownerId) await findActive(w.tx, people, 'person', patch.ownerId, { field: 'body.ownerId' });
  const fields: Partial<typeof milestones.$inferInsert> = {
    ...(patch.useCaseId !== undefined && { useCaseId: patch.useCaseId }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.criterion !== undefined && { criterion: patch.criterion }),
    ...(patch.due !== undefined && dueColumns(patch.due)),
    ...(patch.ownerId !== undefined && { ownerId: patch.ownerId }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.evidence !== undefined && { evidence: patch.evidence }),
  };
  checkEvidence(fields.status ?? before.status, fields.evidence ?? before.evidence);
  const [after] = await w.tx
    .update(milestones)
    .set({ ...fields, version: nextVersion(milestones), updatedAt: w.now })
    .where(eq(milestones.id, id))
    .returning();
  await audit(w, { entityType: 'milestone', entityId: id, action: 'update', before, after });
  return (await milestoneViews(w.tx, before.programId, [after]))[0];
}

/**
 * The milestones of a program a viewer does not see: those of use cases out of their scope (a
 * program-wide milestone is seen wherever the program is). Empty for a viewer without a site limit.
 */
export async function hiddenMilestoneIds(db: Db, viewer: Viewer, programId: string): Promise<Set<string>> {
  const sees = await visibilityFor(db, viewer);
  if (!sees.limited) return new Set();
  const rows = await db
    .select({ id: milestones.id, useCase: useCases })
    .from(milestones)
    .innerJoin(useCases, eq(useCases.id, milestones.useCaseId))
    .where(eq(milestones.programId, programId));
  return new Set(rows.filter((r) => !sees.scoped(r.useCase)).map((r) => r.id));
}

/** The milestones of a program the viewer sees (a use case's only where that use case is in scope), by due date. */
export async function listMilestones(db: Db, viewer: Viewer, programId: string) {
  await checkSees(db, viewer, 'program', programId);
  const hidden = await hiddenMilestoneIds(db, viewer, programId);
  const rows = (await db.select().from(milestones).where(eq(milestones.programId, programId)).orderBy(asc(milestones.createdAt))).filter(
    (m) => !hidden.has(m.id),
  );
  const views = await milestoneViews(db, programId, rows);
  return views.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.title.localeCompare(b.title));
}

/** A milestone the viewer sees, with its review history. */
export async function getMilestone(db: Db, viewer: Viewer, id: string) {
  await checkSees(db, viewer, 'milestone', id);
  const row = await findOrNotFound(db, milestones, 'milestone', id);
  return (await milestoneViews(db, row.programId, [row]))[0];
}

/**
 * Milestones with their review history (status in each review that recorded them, oldest
 * first), the count of consecutive misses up to the latest review, and the at-risk flag.
 */
export async function milestoneViews(db: Db, programId: string, rows: MilestoneRow[]) {
  const reviewRows = await db
    .select({ id: reviews.id, heldOn: reviews.heldOn })
    .from(reviews)
    .where(eq(reviews.programId, programId))
    .orderBy(asc(reviews.heldOn));
  const items = rows.length
    ? await db
        .select()
        .from(reviewItems)
        .where(
          inArray(
            reviewItems.milestoneId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((m) => {
    // A review records every milestone open when it is held, so the reviews without an item for
    // this one were held before it existed or after it was met: they are not its history.
    const history = reviewRows.flatMap((r) => {
      const item = items.find((i) => i.reviewId === r.id && i.milestoneId === m.id);
      return item ? [{ reviewId: r.id, heldOn: r.heldOn, status: item.status, note: item.note }] : [];
    });
    const misses = consecutiveMisses(history.map((h) => h.status));
    return {
      ...m,
      dueBy: m.dueDate ?? quarterEnd(m.dueQuarter as string),
      history,
      consecutiveMisses: misses,
      atRisk: misses >= 2,
    };
  });
}

/** Milestones still to be achieved: everything not met. Each review must record them all. */
export function openMilestones(db: Db, programId: string) {
  return db
    .select()
    .from(milestones)
    .where(and(eq(milestones.programId, programId), ne(milestones.status, 'met')));
}

/**
 * Deletes a milestone entered by mistake (an admin or the program's sponsor); one a review has
 * judged is history, and is deferred instead.
 */
export async function deleteMilestone(w: Write, id: string) {
  await checkMayChange(w, 'milestone', id, sponsors);
  await deleteUnlessUsed(
    w,
    { table: milestones, entityType: 'milestone', entity: 'milestone' },
    id,
    [
      rowsOf('review records', reviewItems, eq(reviewItems.milestoneId, id)),
      rowsOf('escalations about it', escalations, and(eq(escalations.subjectType, 'milestone'), eq(escalations.subjectId, id))),
    ],
    'defer it instead (PATCH status deferred)',
  );
}
