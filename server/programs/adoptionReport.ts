import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programs, usageEvents, userGroups } from '../../db/schema/index.ts';
import { addDays, dateToUtc, utcDate } from '../core/calendar.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { adoptionRatio, expectedInPeriod, periodsBetween, type AdoptionPeriod } from './adoption.ts';

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
        .where(
          and(
            inArray(
              usageEvents.groupId,
              groups.map((g) => g.id),
            ),
            gte(usageEvents.occurredAt, dateToUtc(query.from)),
            lt(usageEvents.occurredAt, dateToUtc(addDays(to, 1))),
          ),
        )
    : [];
  return {
    programId,
    period: query.period,
    from: query.from,
    to,
    groups: groups.map((g) => {
      const rows = periods.map((p) => {
        const observed = events.filter(
          (e) => e.groupId === g.id && utcDate(e.occurredAt) >= p.start && utcDate(e.occurredAt) < p.end,
        ).length;
        const expected = expectedInPeriod(g.expectedFrequency, program, p.start, p.end, query.from, to);
        return {
          start: p.start,
          end: addDays(p.end, -1),
          observed,
          expected: Math.round(expected * 100) / 100,
          ...adoptionRatio(observed, expected),
        };
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
