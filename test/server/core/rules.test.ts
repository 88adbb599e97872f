import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adoptionRatio,
  expectedInPeriod,
  expectedOn,
  periodsBetween,
  scheduleCalendar,
  settingCalendar,
} from '../../../server/programs/adoption.ts';
import { addMonths, quarterEnd, quarterOf } from '../../../server/core/calendar.ts';
import { allowedTransitions, missingForOperational } from '../../../server/useCases/lifecycle.ts';
import { consecutiveMisses, isAtRisk, type MilestoneStatus } from '../../../server/milestones/risk.ts';

describe('lifecycle', () => {
  it('needs an owner and a KPI with baseline to go operational', () => {
    expect(missingForOperational({ hasOwner: true, kpisWithBaseline: 1 })).toEqual([]);
    expect(missingForOperational({ hasOwner: false, kpisWithBaseline: 3 })).toEqual(['owner']);
    expect(missingForOperational({ hasOwner: true, kpisWithBaseline: 0 })).toEqual(['kpi_with_baseline']);
  });

  it('reaches operational only through piloting, and never leaves retired', () => {
    const into = Object.entries(allowedTransitions)
      .filter(([, to]) => to.includes('operational'))
      .map(([from]) => from);
    expect(into).toEqual(['piloting']);
    expect(allowedTransitions.retired).toEqual([]);
  });
});

describe('milestone risk', () => {
  const status = fc.constantFrom<MilestoneStatus | null>('planned', 'met', 'missed', 'deferred', null);

  it('counts the trailing run of misses', () => {
    fc.assert(
      fc.property(fc.array(status), fc.integer({ min: 0, max: 6 }), (prefix, run) => {
        const history = [...prefix, ...(prefix.length ? ['planned' as const] : []), ...Array<MilestoneStatus>(run).fill('missed')];
        expect(consecutiveMisses(history)).toBe(run);
        expect(isAtRisk(history)).toBe(run >= 2);
      }),
    );
  });

  it('is cleared by any other status in the latest review', () => {
    expect(isAtRisk(['missed', 'missed', 'met'])).toBe(false);
    expect(isAtRisk(['missed', 'missed', null])).toBe(false);
    expect(isAtRisk(['missed', 'planned', 'missed'])).toBe(false);
  });
});

describe('adoption', () => {
  const calendar = settingCalendar({ shiftsPerDay: 3, workingDaysPerWeek: 5 });

  it('expects the frequency’s uses per week', () => {
    const week = (f: Parameters<typeof expectedOn>[0]) => expectedOn(f, calendar, '2026-12-03') * 7;
    expect(week('per_shift')).toBeCloseTo(15, 10);
    expect(week('daily')).toBeCloseTo(5, 10);
    expect(week('weekly')).toBeCloseTo(1, 10);
    expect(expectedOn('monthly', calendar, '2026-12-03') * 365).toBeCloseTo(12, 10);
  });

  it('counts the shifts of the sites’ schedules, day by day, once a site has one', () => {
    const weekdays = [1, 2, 3, 4, 5];
    const brno = ['early', 'late', 'night'].map(() => ({ days: weekdays }));
    const linz = [{ days: [1, 2, 3, 4, 5, 6] }, { days: [1, 2, 3, 4, 5, 6] }];
    const sites = scheduleCalendar([brno, linz]);
    // Monday 30 Nov to Sunday 6 Dec 2026: Brno's three shifts on weekdays, Linz's two on Saturday.
    expect(expectedInPeriod('per_shift', sites, '2026-11-30', '2026-12-07', '2026-11-30', '2026-12-06')).toBe(17);
    expect(expectedInPeriod('daily', sites, '2026-11-30', '2026-12-07', '2026-11-30', '2026-12-06')).toBe(6);
    expect(sites.shiftsOn('2026-12-06')).toBe(0);
    expect(sites.source).toBe('site_schedules');
  });

  it('splits a window into whole periods whose expectations add up to the window’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom<'week' | 'month'>('week', 'month'),
        (offset, length, period) => {
          const from = new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
          const to = new Date(Date.UTC(2025, 0, 1) + (offset + length) * 86_400_000).toISOString().slice(0, 10);
          const periods = periodsBetween(period, from, to);
          for (let i = 1; i < periods.length; i++) expect(periods[i].start).toBe(periods[i - 1].end);
          const sum = periods.reduce((s, p) => s + expectedInPeriod('daily', calendar, p.start, p.end, from, to), 0);
          expect(sum).toBeCloseTo(((length + 1) * 5) / 7, 8);
        },
      ),
    );
  });

  it('grades the ratio', () => {
    expect(adoptionRatio(5, 5)).toEqual({ ratio: 1, status: 'on_track' });
    expect(adoptionRatio(3, 5).status).toBe('below');
    expect(adoptionRatio(2, 5).status).toBe('far_below');
    expect(adoptionRatio(0, 0)).toEqual({ ratio: null, status: 'not_started' });
  });
});

describe('calendar', () => {
  it('knows quarter ends and clamps month arithmetic', () => {
    expect(quarterEnd('2027-Q1')).toBe('2027-03-31');
    expect(quarterEnd('2028-Q1')).toBe('2028-03-31');
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31');
    expect(quarterOf('2026-11-25')).toBe('2026-Q4');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('keeps every year, including the years 0 to 99 that Date.UTC reads as 19xx', () => {
    expect(quarterEnd('0050-Q2')).toBe('0050-06-30');
    expect(quarterEnd('0000-Q1')).toBe('0000-03-31');
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9996 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -30, max: 30 }),
        (year, q, months) => {
          const y = String(year).padStart(4, '0');
          const end = quarterEnd(`${y}-Q${q}`);
          expect(end.slice(0, 4)).toBe(y);
          expect(quarterOf(end)).toBe(`${y}-Q${q}`);
          const moved = addMonths(`${y}-01-15`, months);
          expect(Number(moved.slice(0, 4)) * 12 + Number(moved.slice(5, 7)) - 1).toBe(year * 12 + months);
        },
      ),
    );
  });
});
