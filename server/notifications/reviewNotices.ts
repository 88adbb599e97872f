import { and, eq, isNull, max, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { kpiMeasurements, kpis, milestones, programs, reviews, useCases } from '../../db/schema/index.ts';
import { addDays, addMonths, dateIn, quarterEnd } from '../core/calendar.ts';
import { nextMeasurementDue } from '../kpis/progress.ts';
import type { NotificationEvent } from './outbox.ts';

/** An event a sweep found due, with whom to tell. */
export interface DueNotice {
  event: NotificationEvent;
  recipientIds: string[];
}

/**
 * Program reviews that are due: a milestone fell due (its date, or its quarter's last day, has
 * come on the program's calendar) while open, and no review has been held since to record
 * whether it was met. The sponsor holds reviews, so the sponsor is told, once per program and
 * due date, for the latest such date only (a program that has not reviewed for a year is told
 * once, not once per quarter).
 */
export async function reviewsDue(db: Db, now: Date): Promise<DueNotice[]> {
  const [open, latest] = await Promise.all([
    db
      .select({
        programId: programs.id,
        program: programs.name,
        zone: programs.timezone,
        sponsorId: programs.sponsorId,
        title: milestones.title,
        dueDate: milestones.dueDate,
        dueQuarter: milestones.dueQuarter,
      })
      .from(milestones)
      .innerJoin(programs, eq(programs.id, milestones.programId))
      .where(and(ne(milestones.status, 'met'), ne(milestones.status, 'deferred'), isNull(programs.archivedAt))),
    db
      .select({ programId: reviews.programId, heldOn: max(reviews.heldOn) })
      .from(reviews)
      .groupBy(reviews.programId),
  ]);
  const lastHeld = new Map(latest.map((r) => [r.programId, r.heldOn]));
  const byProgram = new Map<string, { row: (typeof open)[number]; dueBy: string; titles: string[] }>();
  for (const m of open) {
    const dueBy = m.dueDate ?? quarterEnd(m.dueQuarter as string);
    const held = lastHeld.get(m.programId);
    if (dueBy > dateIn(now, m.zone) || (held && held >= dueBy)) continue;
    const seen = byProgram.get(m.programId);
    if (!seen || dueBy > seen.dueBy) byProgram.set(m.programId, { row: m, dueBy, titles: [m.title] });
    else if (dueBy === seen.dueBy) seen.titles.push(m.title);
  }
  return [...byProgram.values()].map(({ row, dueBy, titles }) => ({
    event: {
      key: `review_due:${row.programId}:${dueBy}`,
      kind: 'review_due',
      subject: `Review due: ${row.program}`,
      body: `A review of ${row.program} is due: ${titles.length} milestone(s) fell due on ${dueBy} and no review has recorded them since (${titles.join('; ')}). Record each open milestone's status in a review.`,
      link: `/programs/${row.programId}`,
      fields: {
        programId: row.programId,
        program: row.program,
        dueBy,
        milestones: titles,
        lastReview: lastHeld.get(row.programId) ?? null,
      },
    },
    recipientIds: [row.sponsorId],
  }));
}

const cadenceStep = {
  weekly: (d: string) => addDays(d, 7),
  monthly: (d: string) => addMonths(d, 1),
  quarterly: (d: string) => addMonths(d, 3),
};

/**
 * KPI reviews that are due: the period after a KPI's last measurement (by its review cadence) has
 * ended on the program's calendar, so its next value can and must be recorded, by the date after
 * which it counts as overdue. Its owner is told once per due date.
 */
export async function kpiReviewsDue(db: Db, now: Date): Promise<DueNotice[]> {
  const rows = await db
    .select({
      id: kpis.id,
      name: kpis.name,
      cadence: kpis.reviewCadence,
      ownerId: kpis.ownerId,
      baselineEnd: kpis.baselinePeriodEnd,
      createdAt: kpis.createdAt,
      useCaseId: useCases.id,
      useCase: useCases.title,
      zone: programs.timezone,
      lastEnd: max(kpiMeasurements.periodEnd),
    })
    .from(kpis)
    .innerJoin(useCases, eq(useCases.id, kpis.useCaseId))
    .innerJoin(programs, eq(programs.id, useCases.programId))
    .leftJoin(kpiMeasurements, eq(kpiMeasurements.kpiId, kpis.id))
    .where(and(isNull(kpis.archivedAt), ne(useCases.status, 'retired'), isNull(programs.archivedAt)))
    .groupBy(kpis.id, useCases.id, programs.id);
  return rows.flatMap((k) => {
    const lastEnd = k.lastEnd ?? k.baselineEnd ?? dateIn(k.createdAt, k.zone);
    if (cadenceStep[k.cadence](lastEnd) >= dateIn(now, k.zone)) return [];
    const due = nextMeasurementDue(k.cadence, lastEnd);
    return [
      {
        event: {
          key: `kpi_review_due:${k.id}:${due}`,
          kind: 'kpi_review_due' as const,
          subject: `KPI value due: ${k.name}`,
          body: `The ${k.cadence} value of KPI '${k.name}' (${k.useCase}) for the period after ${lastEnd} is due by ${due}. Record the measurement on the use case's page.`,
          link: `/use-cases/${k.useCaseId}`,
          fields: {
            kpiId: k.id,
            kpi: k.name,
            useCaseId: k.useCaseId,
            useCase: k.useCase,
            cadence: k.cadence,
            lastPeriodEnd: lastEnd,
            dueBy: due,
          },
        },
        recipientIds: [k.ownerId],
      },
    ];
  });
}
