import type { Db } from '../../db/client.ts';
import type { EscalationCard } from '../../views/escalations/model.tsx';
import { assignableFor } from './assignees.ts';
import { escalationDetails } from './details.ts';
import type { view } from './escalations.ts';

/** An escalation as the domain reads it (`inbox`, `listEscalations`, `getEscalation`): its row, breached, hours to due. */
export type EscalationView = ReturnType<typeof view>;

/**
 * The escalations as the pages show them: each with its subject, program zone, people, timeline
 * and who may take it over, in a fixed handful of queries for the whole list. `may` says what
 * the signed-in person may do with each (decided by the caller from the policies and row checks).
 */
export async function escalationCards(
  db: Db,
  rows: EscalationView[],
  may: (row: EscalationView) => EscalationCard['may'],
): Promise<EscalationCard[]> {
  if (!rows.length) return [];
  const details = await escalationDetails(db, rows);
  const assignable = await assignableFor(
    db,
    rows.map((r) => ({ id: r.id, programId: r.programId, assigneeId: r.assigneeId, siteId: details.of(r.id).subject.siteId })),
  );
  return rows.map((r) => {
    const { subject, program, events } = details.of(r.id);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      status: r.status,
      origin: r.origin,
      breached: r.breached,
      dueAt: r.dueAt,
      slaHours: r.slaHours,
      createdAt: r.createdAt,
      acknowledgedAt: r.acknowledgedAt,
      resolvedAt: r.resolvedAt,
      resolutionNote: r.resolutionNote,
      escalationCount: r.escalationCount,
      subject: { type: subject.type, name: subject.name, href: subject.href },
      program: { id: program.id, name: program.name },
      zone: program.timezone,
      assignee: details.name(r.assigneeId) ?? '–',
      raisedBy: details.name(r.raisedById),
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        actor: details.name(e.actorId),
        from: details.name(e.fromAssigneeId),
        to: details.name(e.toAssigneeId),
        note: e.note,
      })),
      assignable: assignable.get(r.id) ?? [],
      may: may(r),
    };
  });
}
