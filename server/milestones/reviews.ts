import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { milestones, programs, reviewItems, reviews } from '../../db/schema/index.ts';
import { ForbiddenError, invalidInput, ruleViolation } from '../core/errors.ts';
import { dateIn, quarterEnd } from '../core/calendar.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, systemViewer, type Viewer } from '../access/index.ts';
import { findActive } from '../core/lifecycle.ts';
import { hiddenMilestoneIds, openMilestones } from './milestones.ts';
import type { MilestoneStatus } from './risk.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';

export interface ReviewInput {
  heldOn: string;
  summary?: string;
  items: { milestoneId: string; status: MilestoneStatus; note?: string }[];
}

/**
 * Records a review cycle of a program: the status of every open milestone on that date.
 * Each recorded status becomes the milestone's current status. Reviews are appended in date
 * order, so "consecutive reviews" has one meaning. Held by the program's sponsor or an admin, who
 * must see every open milestone: one out of their scope is neither named nor judged by them.
 */
export async function createReview(w: Write, programId: string, input: ReviewInput) {
  await checkMayChange(w, 'program', programId, { owners: false });
  for (const [i, item] of input.items.entries()) {
    await checkSees(w.tx, w.actor, 'milestone', item.milestoneId, `body.items.${i}.milestoneId`);
  }
  const program = await findActive(w.tx, programs, 'program', programId, { forUpdate: true });
  if (input.heldOn > dateIn(w.now, program.timezone)) throw invalidInput('body.heldOn', 'a review is recorded once it has been held');
  const [latest] = await w.tx.select().from(reviews).where(eq(reviews.programId, programId)).orderBy(desc(reviews.heldOn)).limit(1);
  if (latest && input.heldOn <= latest.heldOn) {
    throw ruleViolation(`reviews are recorded in order; the latest was held on ${latest.heldOn}`, { latestReview: latest.heldOn }, [
      { path: 'body.heldOn', message: `must be after ${latest.heldOn}` },
    ]);
  }
  const open = await openMilestones(w.tx, programId);
  const openIds = new Set(open.map((m) => m.id));
  for (const [i, item] of input.items.entries()) {
    const milestone = await findOrNotFound(w.tx, milestones, 'milestone', item.milestoneId, { field: `body.items.${i}.milestoneId` });
    if (milestone.programId !== programId) {
      throw ruleViolation('the milestone belongs to another program', {}, [
        { path: `body.items.${i}.milestoneId`, message: 'milestone of another program' },
      ]);
    }
    if (!openIds.has(milestone.id)) {
      throw ruleViolation(`milestone '${milestone.title}' is already met`, {}, [
        { path: `body.items.${i}.milestoneId`, message: 'not open' },
      ]);
    }
    const dueBy = milestone.dueDate ?? quarterEnd(milestone.dueQuarter as string);
    if (item.status === 'missed' && input.heldOn < dueBy) {
      throw ruleViolation(
        `milestone '${milestone.title}' is due on ${dueBy}: a review held on ${input.heldOn} cannot record it as missed`,
        { dueBy },
        [{ path: `body.items.${i}.status`, message: 'not due yet' }],
      );
    }
    if (item.status === 'met' && !(item.note ?? '').trim() && !milestone.evidence.trim()) {
      throw ruleViolation('a milestone can only be met with evidence of its criterion', { missing: ['evidence'] }, [
        { path: `body.items.${i}.note`, message: 'give the evidence when recording met' },
      ]);
    }
  }
  const recorded = new Set(input.items.map((i) => i.milestoneId));
  const hidden = await hiddenMilestoneIds(w.tx, w.actor, programId);
  const missing = open.filter((m) => !recorded.has(m.id) && !hidden.has(m.id));
  const unseen = open.filter((m) => hidden.has(m.id)).length;
  if (unseen && !missing.length) {
    throw new ForbiddenError(
      `a review records every open milestone, and ${unseen} of them lie outside your scope: it is recorded by someone who sees the whole program`,
      undefined,
      { milestonesOutOfScope: unseen },
    );
  }
  if (missing.length) {
    throw ruleViolation(
      `the review must record every open milestone; missing: ${missing.map((m) => m.title).join('; ')}`,
      {
        missingMilestoneIds: missing.map((m) => m.id),
      },
      [{ path: 'body.items', message: `missing ${missing.length} open milestone(s)` }],
    );
  }
  const [review] = await w.tx
    .insert(reviews)
    .values({ programId, heldOn: input.heldOn, summary: input.summary ?? '', createdById: w.actor.personId, createdAt: w.now })
    .returning();
  if (input.items.length) {
    await w.tx
      .insert(reviewItems)
      .values(input.items.map((i) => ({ reviewId: review.id, milestoneId: i.milestoneId, status: i.status, note: i.note ?? '' })));
  }
  for (const item of input.items) {
    const before = open.find((m) => m.id === item.milestoneId);
    if (!before || before.status === item.status) continue;
    const evidence = item.status === 'met' && item.note ? item.note : before.evidence;
    const [after] = await w.tx
      .update(milestones)
      .set({ status: item.status, evidence, version: nextVersion(milestones), updatedAt: w.now })
      .where(eq(milestones.id, item.milestoneId))
      .returning();
    await audit(w, { entityType: 'milestone', entityId: item.milestoneId, action: 'review-status', before, after });
  }
  const result = await getReview(w.tx, systemViewer, review.id);
  await audit(w, { entityType: 'review', entityId: review.id, action: 'create', after: result });
  return result;
}

/** A review held over a program the viewer sees, without its records of milestones out of their scope. */
export async function getReview(db: Db, viewer: Viewer, id: string) {
  await checkSees(db, viewer, 'review', id);
  const review = await findOrNotFound(db, reviews, 'review', id);
  const hidden = await hiddenMilestoneIds(db, viewer, review.programId);
  const items = await db.select().from(reviewItems).where(eq(reviewItems.reviewId, id));
  return { ...review, items: itemsOf(items, hidden) };
}

/** The reviews of a program the viewer sees, oldest first, each without its records of milestones out of their scope. */
export async function listReviews(db: Db, viewer: Viewer, programId: string) {
  await checkSees(db, viewer, 'program', programId);
  const hidden = await hiddenMilestoneIds(db, viewer, programId);
  const rows = await db.select().from(reviews).where(eq(reviews.programId, programId)).orderBy(asc(reviews.heldOn));
  const items = rows.length
    ? await db
        .select()
        .from(reviewItems)
        .where(
          inArray(
            reviewItems.reviewId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    ...r,
    items: itemsOf(
      items.filter((i) => i.reviewId === r.id),
      hidden,
    ),
  }));
}

function itemsOf(items: (typeof reviewItems.$inferSelect)[], hidden: Set<string>) {
  return items.filter((i) => !hidden.has(i.milestoneId)).map(({ milestoneId, status, note }) => ({ milestoneId, status, note }));
}
