import { eq } from 'drizzle-orm';
import { escalations, programs } from '../../db/schema/index.ts';
import type { WriteContext } from '../core/write.ts';
import { dateTime } from '../web/format.ts';
import { notify, type NotificationEvent } from './outbox.ts';
import { DUE_SOON_HOURS } from './schedule.ts';

type EscalationRow = typeof escalations.$inferSelect;

/** The program's name and zone: due times are written in the program's calendar. */
async function programOf(w: Pick<WriteContext, 'tx'>, programId: string) {
  const [program] = await w.tx.select({ name: programs.name, zone: programs.timezone }).from(programs).where(eq(programs.id, programId));
  return program ?? { name: '', zone: 'UTC' };
}

function facts(row: EscalationRow, programName: string) {
  return {
    escalationId: row.id,
    programId: row.programId,
    program: programName,
    title: row.title,
    severity: row.severity,
    status: row.status,
    assigneeId: row.assigneeId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    dueAt: row.dueAt.toISOString(),
  };
}

/** "due 2026-11-26 09:00 (Europe/Prague)" */
function due(row: EscalationRow, zone: string): string {
  return `${dateTime(row.dueAt, zone)} (${zone})`;
}

const how = {
  raised: 'was raised and assigned to you',
  reassigned: 'was handed over to you',
  escalated: 'was escalated to you along its route: the SLA of the previous assignee passed unresolved',
  reopened: 'was reopened and is yours again, with a fresh SLA',
} as const;

/**
 * Tells an escalation's (new) assignee it is theirs: raised, handed over, escalated along its
 * route, or reopened. A stale-source escalation says so through the freshness notice instead, so
 * its owner hears of it once.
 */
export async function notifyAssigned(w: WriteContext, row: EscalationRow, reason: keyof typeof how): Promise<void> {
  if (reason === 'raised' && row.origin === 'freshness') return;
  const program = await programOf(w, row.programId);
  const event: NotificationEvent = {
    key: `escalation_assigned:${row.id}:${row.assigneeId}:${w.now.toISOString()}`,
    kind: 'escalation_assigned',
    subject: reason === 'reopened' ? `Escalation reopened: ${row.title}` : `Escalation assigned to you: ${row.title}`,
    body: `The ${row.severity} escalation '${row.title}' in ${program.name} ${how[reason]}. It is due ${due(row, program.zone)}.`,
    link: `/escalations/${row.id}`,
    fields: { ...facts(row, program.name), reason },
  };
  await notify(w, event, [row.assigneeId]);
}

/** Tells the assignee an escalation will breach its SLA within DUE_SOON_HOURS: once per due time. */
export async function notifyDueSoon(w: WriteContext, row: EscalationRow): Promise<void> {
  const program = await programOf(w, row.programId);
  await notify(
    w,
    {
      key: dueSoonKey(row),
      kind: 'escalation_due_soon',
      subject: `Escalation about to breach its SLA: ${row.title}`,
      body: `The ${row.severity} escalation '${row.title}' in ${program.name} is due ${due(row, program.zone)}, in less than ${DUE_SOON_HOURS} h, and is still ${row.status}.`,
      link: `/escalations/${row.id}`,
      fields: { ...facts(row, program.name), leadHours: DUE_SOON_HOURS },
    },
    [row.assigneeId],
  );
}

/**
 * Tells the assignee at the breach that an escalation passed its SLA unresolved: once per due
 * time, whether the overdue sweep moved it along its route (`before` is the row as it was) or
 * the notification sweep found it breached where there is no route.
 */
export async function notifyBreached(w: WriteContext, before: EscalationRow): Promise<void> {
  const program = await programOf(w, before.programId);
  await notify(
    w,
    {
      key: breachKey(before),
      kind: 'escalation_breached',
      subject: `Escalation breached its SLA: ${before.title}`,
      body: `The ${before.severity} escalation '${before.title}' in ${program.name} was due ${due(before, program.zone)} and is not resolved.`,
      link: `/escalations/${before.id}`,
      fields: facts(before, program.name),
    },
    // The sweep acts without an actor: nobody is left out as "the one who did it".
    [before.assigneeId],
  );
}

/**
 * What the overdue sweep did to one escalation, told: the breach to the assignee it was with,
 * and the hand-over to the next person on the route when there is one.
 */
export async function notifyEscalated(w: WriteContext, before: EscalationRow, after: EscalationRow): Promise<void> {
  await notifyBreached(w, before);
  if (after.assigneeId !== before.assigneeId) await notifyAssigned(w, after, 'escalated');
}

export const dueSoonKey = (row: Pick<EscalationRow, 'id' | 'dueAt'>) => `escalation_due_soon:${row.id}:${row.dueAt.toISOString()}`;
export const breachKey = (row: Pick<EscalationRow, 'id' | 'dueAt'>) => `escalation_breached:${row.id}:${row.dueAt.toISOString()}`;
