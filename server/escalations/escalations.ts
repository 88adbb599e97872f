import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { sqlInstant, type Db } from '../../db/client.ts';
import { escalationEvents, escalations, people, programs, userGroups } from '../../db/schema/index.ts';
import { ruleViolation } from '../core/errors.ts';
import { addHours, slaHoursFor, type Severity } from './route.ts';
import { resolveSubject, visibleSubjects, type SubjectType } from './subjects.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, systemViewer, type Viewer } from '../access/index.ts';
import { findActive } from '../core/lifecycle.ts';
import { audit, type Write, type WriteContext } from '../core/write.ts';
import { notifyAssigned } from '../notifications/escalationNotices.ts';

type EscalationRow = typeof escalations.$inferSelect;
type EventKind = (typeof escalationEvents.$inferInsert)['kind'];

export interface RaiseInput {
  subjectType: SubjectType;
  subjectId: string;
  title: string;
  description?: string;
  severity: Severity;
  assigneeId?: string;
  routeGroupId?: string;
}

/** Appends a timeline event (actor null: the system). */
export async function addEvent(
  w: WriteContext,
  escalationId: string,
  kind: EventKind,
  fields: { note?: string; fromAssigneeId?: string | null; toAssigneeId?: string | null } = {},
) {
  await w.tx.insert(escalationEvents).values({
    escalationId,
    at: w.now,
    kind,
    actorId: w.actor?.personId ?? null,
    note: fields.note ?? '',
    fromAssigneeId: fields.fromAssigneeId ?? null,
    toAssigneeId: fields.toAssigneeId ?? null,
  });
}

/**
 * Raises an escalation against a use case, KPI, milestone or data source. The assignee defaults
 * to the subject's owner, the SLA to the program's hours for the severity.
 */
export async function raiseEscalation(w: WriteContext, input: RaiseInput, origin: 'manual' | 'freshness' = 'manual') {
  // Anyone in scope of the subject may raise one; the sweeps (no actor) see everything.
  if (w.actor) {
    await checkSees(w.tx, w.actor, input.subjectType, input.subjectId, 'body.subjectId');
    if (input.routeGroupId) await checkSees(w.tx, w.actor, 'user_group', input.routeGroupId, 'body.routeGroupId');
  }
  const subject = await resolveSubject(w.tx, input.subjectType, input.subjectId);
  const program = await findActive(w.tx, programs, 'program', subject.programId);
  if (input.assigneeId) await findActive(w.tx, people, 'person', input.assigneeId, { field: 'body.assigneeId' });
  if (input.routeGroupId) {
    const group = await findActive(w.tx, userGroups, 'user group', input.routeGroupId, { field: 'body.routeGroupId' });
    if (group.programId !== subject.programId) {
      throw ruleViolation('the route group belongs to another program', {}, [
        { path: 'body.routeGroupId', message: 'group of another program' },
      ]);
    }
  }
  const assigneeId = input.assigneeId ?? subject.ownerId;
  if (!assigneeId) {
    throw ruleViolation(`${subject.label} has no owner to take the escalation; name an assignee`, { missing: ['assignee'] }, [
      { path: 'body.assigneeId', message: 'required: the subject has no owner' },
    ]);
  }
  const slaHours = slaHoursFor(input.severity, program);
  const dueAt = addHours(w.now, slaHours);
  const routeGroupId = input.routeGroupId ?? subject.routeGroupId;
  const inserted = await w.tx
    .insert(escalations)
    .values({
      programId: subject.programId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      origin,
      title: input.title,
      description: input.description ?? '',
      severity: input.severity,
      status: 'open',
      raisedById: w.actor?.personId ?? null,
      assigneeId,
      routeGroupId,
      autoEscalate: routeGroupId !== null,
      slaHours,
      dueAt,
      firstDueAt: dueAt,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0];
  if (!row) return null; // a freshness escalation for this subject is already open
  await addEvent(w, row.id, 'raised', { toAssigneeId: assigneeId, note: input.description ?? '' });
  await notifyAssigned(w, row, 'raised');
  await audit(w, { entityType: 'escalation', entityId: row.id, action: 'raise', after: row });
  return row;
}

// Which status may follow which. Reopened behaves as open, and says the question came back.
const transitions = {
  acknowledge: { from: ['open', 'reopened'], to: 'acknowledged' },
  resolve: { from: ['open', 'acknowledged', 'reopened'], to: 'resolved' },
  reopen: { from: ['resolved'], to: 'reopened' },
} as const;

export type EscalationAction = keyof typeof transitions;

/**
 * Acknowledges, resolves (a note is required) or reopens an escalation: by its assignee, the owner
 * of its subject or their stand-in, the program's sponsor or an admin.
 */
export async function changeEscalationStatus(w: Write, id: string, action: EscalationAction, note: string) {
  await checkMayChange(w, 'escalation', id);
  const before = await findOrNotFound(w.tx, escalations, 'escalation', id, { forUpdate: true });
  const rule = transitions[action];
  if (!(rule.from as readonly string[]).includes(before.status)) {
    throw ruleViolation(`an escalation that is ${before.status} cannot be ${rule.to}`, {
      currentStatus: before.status,
      allowedFrom: rule.from,
    });
  }
  const fields: Partial<typeof escalations.$inferInsert> = { status: rule.to, updatedAt: w.now };
  if (action === 'acknowledge') fields.acknowledgedAt = w.now;
  if (action === 'resolve') Object.assign(fields, { resolvedAt: w.now, resolutionNote: note });
  if (action === 'reopen') {
    // A reopened question gets a fresh SLA and may be escalated again along its route.
    Object.assign(fields, {
      resolvedAt: null,
      resolutionNote: null,
      acknowledgedAt: null,
      dueAt: addHours(w.now, before.slaHours),
      autoEscalate: before.routeGroupId !== null,
    });
  }
  const [after] = await w.tx.update(escalations).set(fields).where(eq(escalations.id, id)).returning();
  await addEvent(w, id, rule.to === 'acknowledged' ? 'acknowledged' : rule.to === 'resolved' ? 'resolved' : 'reopened', { note });
  if (action === 'reopen') await notifyAssigned(w, after, 'reopened');
  await audit(w, { entityType: 'escalation', entityId: id, action, before, after });
  return getEscalation(w.tx, systemViewer, id, w.now);
}

/** Adds a comment to the escalation's thread: anyone who sees it. */
export async function commentOnEscalation(w: Write, id: string, text: string) {
  await checkSees(w.tx, w.actor, 'escalation', id);
  await findOrNotFound(w.tx, escalations, 'escalation', id);
  await addEvent(w, id, 'comment', { note: text });
  await audit(w, { entityType: 'escalation', entityId: id, action: 'comment', after: { text } });
  return getEscalation(w.tx, systemViewer, id, w.now);
}

/** An escalation with its timeline and whether it has breached its SLA. */
export async function getEscalation(db: Db, viewer: Viewer, id: string, now: Date) {
  await checkSees(db, viewer, 'escalation', id);
  const row = await findOrNotFound(db, escalations, 'escalation', id);
  const events = await db.select().from(escalationEvents).where(eq(escalationEvents.escalationId, id)).orderBy(asc(escalationEvents.id));
  return { ...view(row, now), events };
}

/** True while unresolved past its due time. */
export function isBreached(row: Pick<EscalationRow, 'status' | 'dueAt'>, now: Date): boolean {
  return row.status !== 'resolved' && row.dueAt.getTime() < now.getTime();
}

export function view(row: EscalationRow, now: Date) {
  return { ...row, breached: isBreached(row, now), hoursToDue: Math.round(((row.dueAt.getTime() - now.getTime()) / 3_600_000) * 10) / 10 };
}

export interface EscalationFilter {
  status?: EscalationRow['status'];
  severity?: EscalationRow['severity'];
  assigneeId?: string;
  open?: boolean;
  /** Only the breached (true) or only the others (false). */
  breached?: boolean;
}

/**
 * Escalations of a program (or of every program) that the viewer sees, breached first, then by
 * due time.
 */
export async function listEscalations(db: Db, viewer: Viewer, programId: string | null, filter: EscalationFilter, now: Date) {
  if (programId) await checkSees(db, viewer, 'program', programId);
  const conditions = [
    programId ? eq(escalations.programId, programId) : undefined,
    filter.status ? eq(escalations.status, filter.status) : undefined,
    filter.assigneeId ? eq(escalations.assigneeId, filter.assigneeId) : undefined,
    filter.open ? ne(escalations.status, 'resolved') : undefined,
    filter.severity ? eq(escalations.severity, filter.severity) : undefined,
  ].filter((c) => c !== undefined);
  const rows = await db
    .select()
    .from(escalations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(
      sql`case when ${escalations.status} <> 'resolved' and ${escalations.dueAt} < ${sqlInstant(now)} then 0 else 1 end`,
      asc(escalations.dueAt),
    );
  const views = (await visibleSubjects(db, viewer, rows)).map((r) => view(r, now));
  return filter.breached === undefined ? views : views.filter((v) => v.breached === filter.breached);
}

/** An owner's inbox: their unresolved escalations (those they see), breached first, then by due time. */
export function inbox(db: Db, viewer: Viewer, now: Date) {
  return listEscalations(db, viewer, null, { assigneeId: viewer.personId, open: true }, now);
}

/**
 * Hands an escalation to someone else, keeping its due time: by whoever may handle it (the
 * assignee, the owner of its subject or their stand-in, the program's sponsor, an admin).
 */
export async function reassignEscalation(w: Write, id: string, input: { assigneeId: string; note?: string }) {
  await checkMayChange(w, 'escalation', id);
  const before = await findOrNotFound(w.tx, escalations, 'escalation', id, { forUpdate: true });
  if (before.status === 'resolved') {
    throw ruleViolation('a resolved escalation is not reassigned; reopen it first', { currentStatus: before.status });
  }
  const assignee = await findActive(w.tx, people, 'person', input.assigneeId, { field: 'body.assigneeId' });
  if (assignee.id === before.assigneeId) {
    throw ruleViolation(`${assignee.name} is already the assignee`, {}, [{ path: 'body.assigneeId', message: 'already assigned' }]);
  }
  const [after] = await w.tx
    .update(escalations)
    .set({ assigneeId: assignee.id, updatedAt: w.now })
    .where(eq(escalations.id, id))
    .returning();
  await addEvent(w, id, 'reassigned', { fromAssigneeId: before.assigneeId, toAssigneeId: assignee.id, note: input.note ?? '' });
  await notifyAssigned(w, after, 'reassigned');
  await audit(w, { entityType: 'escalation', entityId: id, action: 'reassign', before, after });
  return getEscalation(w.tx, systemViewer, id, w.now);
}
