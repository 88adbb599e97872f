import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import {
  areas,
  lines,
  programs,
  sites,
  usageEvents,
  useCaseGroups,
  useCases,
  userGroupMembers,
  userGroups,
  workSchedules,
} from '../../db/schema/index.ts';
import { audit, type Write } from '../core/write.ts';
import { frequencyOrder, usagePeriod } from '../decisions/usagePeriod.ts';

type UseCaseRow = typeof useCases.$inferSelect;

/** What the twin's recording of a use did: recorded, or why not. */
export type TwinUse =
  | { recorded: true; usageEventId: string; groupId: string; period: { start: string; end: string } }
  | {
      recorded: false;
      reason: 'not_in_group' | 'already_recorded';
      message: string;
      groupId: string | null;
      usageEventId: string | null;
      period: { start: string; end: string } | null;
    };

async function siteOf(w: Write, useCase: UseCaseRow) {
  const q = w.tx.select({ id: sites.id, zone: sites.timezone }).from(sites).innerJoin(areas, eq(areas.siteId, sites.id));
  const [row] = useCase.scopeLineId
    ? await q.innerJoin(lines, eq(lines.areaId, areas.id)).where(eq(lines.id, useCase.scopeLineId))
    : await q.where(eq(areas.id, useCase.scopeAreaId!));
  return row;
}

/** What the twin saw the person do: answer the use case's question (with its run), or record a decision. */
export interface TwinUseInput {
  origin: 'answer' | 'decision';
  note: string;
  runId?: string;
}

const doneWords: Record<TwinUseInput['origin'], string> = { answer: 'an answer', decision: 'a decision' };

/**
 * Records what the caller did with the twin as a use of the use case (origin `answer` or
 * `decision`), in the group of the use case the person belongs to (of several, the one expected to
 * use it most often, then by name), at most once per person, use case, origin and period of that
 * group's frequency (usagePeriod), so that asking again or refreshing inflates nothing. A person in
 * none of its groups gets no event, and the answer says so.
 */
export async function recordTwinUse(w: Write, useCase: UseCaseRow, input: TwinUseInput): Promise<TwinUse> {
  const personId = w.actor.personId;
  const groups = await w.tx
    .select({ id: userGroups.id, name: userGroups.name, frequency: userGroups.expectedFrequency })
    .from(userGroups)
    .innerJoin(useCaseGroups, eq(useCaseGroups.groupId, userGroups.id))
    .innerJoin(userGroupMembers, eq(userGroupMembers.groupId, userGroups.id))
    .where(and(eq(useCaseGroups.useCaseId, useCase.id), eq(userGroupMembers.personId, personId), isNull(userGroups.archivedAt)))
    .orderBy(asc(userGroups.name));
  if (!groups.length) {
    return {
      recorded: false,
      reason: 'not_in_group',
      message: 'no use was recorded: you belong to none of the groups this use case serves',
      groupId: null,
      usageEventId: null,
      period: null,
    };
  }
  const group = [...groups].sort((a, b) => frequencyOrder.indexOf(a.frequency) - frequencyOrder.indexOf(b.frequency))[0];
  const [program] = await w.tx.select().from(programs).where(eq(programs.id, useCase.programId));
  const site = await siteOf(w, useCase);
  const [schedule] = site ? await w.tx.select().from(workSchedules).where(eq(workSchedules.siteId, site.id)) : [];
  const span = usagePeriod(group.frequency, w.now, {
    zone: program.timezone,
    siteZone: site?.zone ?? program.timezone,
    shifts: schedule?.shifts ?? null,
    shiftsPerDay: program.shiftsPerDay,
  });
  const period = { start: new Date(span.start).toISOString(), end: new Date(span.end).toISOString() };
  const [earlier] = await w.tx
    .select({ id: usageEvents.id })
    .from(usageEvents)
    .where(
      and(
        eq(usageEvents.useCaseId, useCase.id),
        eq(usageEvents.personId, personId),
        eq(usageEvents.origin, input.origin),
        gte(usageEvents.occurredAt, new Date(span.start)),
        lt(usageEvents.occurredAt, new Date(span.end)),
      ),
    )
    .limit(1);
  if (earlier) {
    return {
      recorded: false,
      reason: 'already_recorded',
      message: `no second use was recorded: ${doneWords[input.origin]} of yours already counts as the use of ${group.name} in this ${group.frequency.replace('_', ' ')} period`,
      groupId: group.id,
      usageEventId: earlier.id,
      period,
    };
  }
  const [row] = await w.tx
    .insert(usageEvents)
    .values({
      useCaseId: useCase.id,
      groupId: group.id,
      personId,
      occurredAt: w.now,
      note: input.note,
      origin: input.origin,
      runId: input.runId ?? null,
    })
    .returning();
  await audit(w, { entityType: 'usage_event', entityId: row.id, action: 'create', after: row });
  return { recorded: true, usageEventId: row.id, groupId: group.id, period };
}
