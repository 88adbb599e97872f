import { and, asc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programSites, programs, usageEvents, useCases, userGroups, workSchedules } from '../../db/schema/index.ts';
import { checkSees, coverage, visibilityFor, type Viewer } from '../access/index.ts';
import { addDays, addMonths, dateIn, midnightIn } from '../core/calendar.ts';
import { invalidInput } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import {
  adoptionRatio,
  expectedInPeriod,
  nextPeriodStart,
  periodStart,
  periodsBetween,
  scheduleCalendar,
  settingCalendar,
  type AdoptionPeriod,
  type WorkCalendar,
} from './adoption.ts';

export interface AdoptionQuery {
  period: AdoptionPeriod;
  /** Defaults: see `adoptionWindow`. */
  from?: string;
  to?: string;
}

/**
 * The window an adoption view covers: `to` defaults to today and is clamped to it (usage cannot be
 * measured ahead), `from` defaults to the start of the 8th week (6th month) back from that `to`.
 * A window that ends before it starts, or spans more than 24 months, is refused.
 */
export function adoptionWindow(
  period: AdoptionPeriod,
  asked: { from?: string; to?: string },
  now: Date,
  zone: string,
): { from: string; to: string } {
  const today = dateIn(now, zone);
  const to = asked.to === undefined || asked.to > today ? today : asked.to;
  const from = asked.from ?? (period === 'week' ? addDays(periodStart('week', to), -7 * 7) : addMonths(periodStart('month', to), -5));
  if (from > to)
    throw invalidInput('query.from', asked.to === undefined || asked.to > today ? 'must not be after today' : 'must not be after `to`');
  if (from < addMonths(to, -24)) throw invalidInput('query.from', 'the window is limited to 24 months');
  return { from, to };
}

/** The first day of the first whole period after go-live (a period that go-live cuts is not judged). */
function firstWholePeriod(period: AdoptionPeriod, goLive: string): string {
  return periodStart(period, goLive) === goLive ? goLive : nextPeriodStart(period, periodStart(period, goLive));
}

/**
 * Adoption per user group and period: uses observed against the uses the group's expected
 * frequency implies over the same days. A period not over by `to` (the current one) is shown with
 * `partial: true` and does not count towards the total or the status: a group is judged on
 * complete periods. `consecutivePeriodsBelow` is the run of complete periods below expectation up
 * to the latest, counted back to go-live (at most 24 months) whatever the window shows, so the
 * early warnings and this view say the same number.
 */
/** The program's shifts: from its sites' work schedules once any has one, else the program's own setting. */
async function workCalendar(db: Db, program: { id: string; shiftsPerDay: number; workingDaysPerWeek: number }): Promise<WorkCalendar> {
  const rows = await db
    .select({ shifts: workSchedules.shifts })
    .from(programSites)
    .innerJoin(workSchedules, eq(workSchedules.siteId, programSites.siteId))
    .where(eq(programSites.programId, program.id));
  const schedules = rows.map((r) => r.shifts).filter((shifts) => shifts.length > 0);
  return schedules.length ? scheduleCalendar(schedules) : settingCalendar(program);
}

export async function adoption(db: Db, viewer: Viewer, programId: string, query: AdoptionQuery, now: Date) {
  return (await adoptionViews(db, viewer, programId, [query], now))[0];
}

/** How many of the sorted days fall in [start, end). */
function countBetween(days: readonly string[], start: string, end: string): number {
  const firstAtOrAfter = (day: string) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtOrAfter(end) - firstAtOrAfter(start);
}

/**
 * The adoption views of several queries of one program over one load of its groups and uses (the
 * early warnings judge weekly groups by week and monthly ones by month).
 */
export async function adoptionViews(db: Db, viewer: Viewer, programId: string, queries: AdoptionQuery[], now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const program = await findOrNotFound(db, programs, 'program', programId);
  const calendar = await workCalendar(db, program);
  const windows = queries.map((query) => {
    const { from, to } = adoptionWindow(query.period, query, now, program.timezone);
    const lookback = [firstWholePeriod(query.period, program.goLiveDate), periodStart(query.period, addMonths(to, -24))].sort()[1];
    return { period: query.period, from, to, lookback, earliest: lookback < from ? lookback : from };
  });
  // Archived groups are no longer served: adoption judges the groups the program has now.
  const groups = await db
    .select()
    .from(userGroups)
    .where(and(eq(userGroups.programId, programId), isNull(userGroups.archivedAt)))
    .orderBy(asc(userGroups.name));
  const earliest = windows.map((w) => w.earliest).sort()[0];
  const latest = windows
    .map((w) => w.to)
    .sort()
    .at(-1)!;
  const events = groups.length
    ? await db
        .select({ groupId: usageEvents.groupId, occurredAt: usageEvents.occurredAt, origin: usageEvents.origin, useCase: useCases })
        .from(usageEvents)
        .innerJoin(useCases, eq(useCases.id, usageEvents.useCaseId))
        .where(
          and(
            inArray(
              usageEvents.groupId,
              groups.map((g) => g.id),
            ),
            gte(usageEvents.occurredAt, midnightIn(earliest, program.timezone)),
            lt(usageEvents.occurredAt, midnightIn(addDays(latest, 1), program.timezone)),
          ),
        )
    : [];
  // Only uses of the use cases the viewer sees count; the coverage says what that leaves out.
  const sees = await visibilityFor(db, viewer);
  const allCases = await db.select().from(useCases).where(eq(useCases.programId, programId));
  // A use counts on the day it happened on the program's calendar; each group's days sorted, so
  // that a period's count is two binary searches. The uses the twin recorded itself (an answer, a
  // decision, a page: any origin but manual) are also kept apart, to say how much of it is measured.
  const daysOf = new Map<string, { all: string[]; automatic: string[] }>(groups.map((g) => [g.id, { all: [], automatic: [] }]));
  let seen = 0;
  for (const e of events) {
    if (!sees.scoped(e.useCase)) continue;
    seen++;
    const days = daysOf.get(e.groupId);
    const day = dateIn(e.occurredAt, program.timezone);
    days?.all.push(day);
    if (e.origin !== 'manual') days?.automatic.push(day);
  }
  for (const days of daysOf.values()) {
    days.all.sort();
    days.automatic.sort();
  }
  const leftOut = coverage({ useCases: allCases.filter((u) => !sees.scoped(u)).length, uses: events.length - seen });

  return windows.map(({ period, from, to, lookback }) => {
    // Uses after `to` (loaded for another query's window) are not counted in this one.
    const end = addDays(to, 1);
    const rowsOf = (g: (typeof groups)[number], start: string) =>
      periodsBetween(period, start, to).map((p) => {
        const days = daysOf.get(g.id)!;
        const until = p.end < end ? p.end : end;
        const observed = countBetween(days.all, p.start, until);
        const expected = expectedInPeriod(g.expectedFrequency, calendar, p.start, p.end, start, to);
        return {
          start: p.start,
          end: addDays(p.end, -1),
          partial: addDays(p.end, -1) > to,
          observed,
          automatic: countBetween(days.automatic, p.start, until),
          expected: Math.round(expected * 100) / 100,
          ...adoptionRatio(observed, expected),
        };
      });
    return {
      programId,
      period,
      from,
      to,
      shiftsFrom: calendar.source,
      coverage: leftOut,
      groups: groups.map((g) => {
        const rows = rowsOf(g, from);
        const complete = rows.filter((r) => !r.partial);
        const history = lookback <= to ? rowsOf(g, lookback).filter((r) => !r.partial) : [];
        let periodsBelow = 0;
        for (let i = history.length - 1; i >= 0 && history[i].status !== 'on_track' && history[i].status !== 'not_started'; i--)
          periodsBelow++;
        const observed = complete.reduce((s, r) => s + r.observed, 0);
        const automatic = complete.reduce((s, r) => s + r.automatic, 0);
        const expected = complete.reduce((s, r) => s + r.expected, 0);
        return {
          groupId: g.id,
          name: g.name,
          kind: g.kind,
          expectedFrequency: g.expectedFrequency,
          total: { observed, automatic, expected: Math.round(expected * 100) / 100, ...adoptionRatio(observed, expected) },
          consecutivePeriodsBelow: periodsBelow,
          periods: rows,
        };
      }),
    };
  });
}
