import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, programs, useCaseGroups, useCases, usageEvents, userGroupMembers, userGroups } from '../../db/schema/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { addDays, dateToUtc, utcDate } from '../core/calendar.ts';
import { adoptionRatio, expectedInPeriod, periodsBetween, type AdoptionPeriod } from '../programs/adoption.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';

export interface UsageInput {
  personId?: string;
  groupId?: string;
  occurredAt?: string;
  note?: string;
}

// Clocks on shop-floor terminals drift; a few minutes ahead is tolerated, not more.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records that a use case was used. The group is given, or derived from the person's
 * membership among the groups the use case serves (it must be unambiguous).
 */
export async function recordUsage(w: Write, useCaseId: string, input: UsageInput) {
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : w.now;
  if (occurredAt.getTime() > w.now.getTime() + FUTURE_TOLERANCE_MS) throw invalidInput('body.occurredAt', 'lies in the future');
  if (input.personId) await findOrNotFound(w.tx, people, 'person', input.personId, { field: 'body.personId' });
  let groupId = input.groupId;
  if (groupId) {
    const group = await findOrNotFound(w.tx, userGroups, 'user group', groupId, { field: 'body.groupId' });
    if (group.programId !== useCase.programId) {
      throw ruleViolation('the group belongs to another program', {}, [{ path: 'body.groupId', message: 'group of another program' }]);
    }
  } else {
    const candidates = await w.tx
      .select({ groupId: userGroupMembers.groupId })
      .from(userGroupMembers)
      .innerJoin(useCaseGroups, eq(useCaseGroups.groupId, userGroupMembers.groupId))
      .where(and(eq(userGroupMembers.personId, input.personId as string), eq(useCaseGroups.useCaseId, useCaseId)));
    if (candidates.length !== 1) {
      const why = candidates.length ? 'the person belongs to several groups this use case serves' : 'the person belongs to no group this use case serves';
      throw invalidInput('body.groupId', `${why}; say which group`);
    }
    groupId = candidates[0].groupId;
  }
  const [row] = await w.tx
    .insert(usageEvents)
    .values({ useCaseId, groupId, personId: input.personId ?? null, occurredAt, note: input.note ?? '' })
    .returning();
  await audit(w, { entityType: 'usage_event', entityId: row.id, action: 'create', after: row });
  return row;
}

export interface AdoptionQuery {
  period: AdoptionPeriod;
  from: string;
  to: string;
}

/**
 * Adoption per user group and period: uses observed against the uses the group's expected
 * frequency implies over the same days (the current period counts only the days so far),
 * and how many periods in a row, up to the latest, the group has been below expectation.
 */
export async function adoption(db: Db, programId: string, query: AdoptionQuery, now: Date) {
  const program = await findOrNotFound(db, programs, 'program', programId);
  const today = utcDate(now);
  const to = query.to < today ? query.to : today;
  const groups = await db.select().from(userGroups).where(eq(userGroups.programId, programId)).orderBy(asc(userGroups.name));
  const periods = periodsBetween(query.period, query.from, to);
  const events = groups.length
    ? await db
        .select({ groupId: usageEvents.groupId, occurredAt: usageEvents.occurredAt })
        .from(usageEvents)
        .where(and(inArray(usageEvents.groupId, groups.map((g) => g.id)), gte(usageEvents.occurredAt, dateToUtc(query.from)), lt(usageEvents.occurredAt, dateToUtc(addDays(to, 1)))))
    : [];
  return {
    programId,
    period: query.period,
    from: query.from,
    to,
    groups: groups.map((g) => {
      const rows = periods.map((p) => {
        const observed = events.filter((e) => e.groupId === g.id && utcDate(e.occurredAt) >= p.start && utcDate(e.occurredAt) < p.end).length;
        const expected = expectedInPeriod(g.expectedFrequency, program, p.start, p.end, query.from, to);
        return { start: p.start, end: addDays(p.end, -1), observed, expected: Math.round(expected * 100) / 100, ...adoptionRatio(observed, expected) };
      });
      let periodsBelow = 0;
      for (let i = rows.length - 1; i >= 0 && rows[i].status !== 'on_track' && rows[i].status !== 'not_started'; i--) periodsBelow++;
      const observed = rows.reduce((s, r) => s + r.observed, 0);
      const expected = rows.reduce((s, r) => s + r.expected, 0);
      return {
        groupId: g.id,
        name: g.name,
        kind: g.kind,
        expectedFrequency: g.expectedFrequency,
        total: { observed, expected: Math.round(expected * 100) / 100, ...adoptionRatio(observed, expected) },
        consecutivePeriodsBelow: periodsBelow,
        periods: rows,
      };
    }),
  };
}
