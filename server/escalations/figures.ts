import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escalations, people, userGroups } from '../../db/schema/index.ts';
import { isBreached } from './escalations.ts';
import { checkSees, coverage, type Viewer } from '../access/index.ts';
import { visibleSubjects } from './subjects.ts';

type Row = typeof escalations.$inferSelect;

/** The median of some numbers, or null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Open and breached counts, median hours from raising to resolution, and the share resolved
 * by the first SLA's due time.
 */
export function figures(rows: Row[], now: Date) {
  const resolved = rows.filter((r) => r.status === 'resolved' && r.resolvedAt);
  const hours = resolved.map((r) => (r.resolvedAt!.getTime() - r.createdAt.getTime()) / 3_600_000);
  const withinSla = resolved.filter((r) => r.resolvedAt!.getTime() <= r.firstDueAt.getTime()).length;
  const med = median(hours);
  return {
    total: rows.length,
    open: rows.filter((r) => r.status !== 'resolved').length,
    breached: rows.filter((r) => isBreached(r, now)).length,
    resolved: resolved.length,
    medianHoursToResolution: med === null ? null : Math.round(med * 10) / 10,
    resolvedWithinSlaShare: resolved.length ? withinSla / resolved.length : null,
  };
}

/** Escalation figures of a program, per owner (current assignee) and per user group (route). */
export async function escalationFigures(db: Db, viewer: Viewer, programId: string, now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const all = await db.select().from(escalations).where(eq(escalations.programId, programId));
  // Figures over the escalations the viewer may see; the coverage says how many that leaves out.
  const rows = await visibleSubjects(db, viewer, all);
  const ownerIds = [...new Set(rows.map((r) => r.assigneeId))];
  const groupIds = [...new Set(rows.map((r) => r.routeGroupId).filter((g): g is string => g !== null))];
  const owners = ownerIds.length
    ? await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ownerIds))
    : [];
  const groups = groupIds.length
    ? await db.select({ id: userGroups.id, name: userGroups.name }).from(userGroups).where(inArray(userGroups.id, groupIds))
    : [];
  return {
    programId,
    asOf: now.toISOString(),
    coverage: coverage({ escalations: all.length - rows.length }),
    program: figures(rows, now),
    byOwner: owners
      .map((o) => ({
        personId: o.id,
        name: o.name,
        ...figures(
          rows.filter((r) => r.assigneeId === o.id),
          now,
        ),
      }))
      .sort((a, b) => b.breached - a.breached || b.open - a.open || a.name.localeCompare(b.name)),
    byGroup: groups
      .map((g) => ({
        groupId: g.id,
        name: g.name,
        ...figures(
          rows.filter((r) => r.routeGroupId === g.id),
          now,
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
