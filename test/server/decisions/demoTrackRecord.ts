import { expect } from 'vitest';
import { decisionPredictions, decisionRuns, decisions, lines, useCases } from '../../../db/schema/index.ts';
import { addDays } from '../../../server/core/calendar.ts';
import type { DemoPages } from '../../helpers/pages.ts';

/** Calls the API of the demo with a demo token and expects success. */
export async function demoApi(pages: DemoPages, method: string, path: string, body?: unknown, token = 'tw_demo_admin') {
  const res = await pages.app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json() as Promise<any>;
}

/**
 * Takes the demo's own decisions (server/demo/decisions.ts) out, so that a track record is of the
 * decisions a test takes alone and its figures can be computed by hand.
 */
export async function forgetDemoDecisions(pages: DemoPages): Promise<void> {
  await pages.database.db.transaction(async (tx) => {
    await tx.delete(decisionPredictions);
    await tx.delete(decisionRuns);
    await tx.delete(decisions);
  });
}

/** The Mondays after the demo's day (Wednesday 2026-11-25) a decision is taken on, one a week. */
export const MONDAYS = ['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21'];
/** A day after the last of those weeks, when every week has been measured. */
export const MEASURED_AT = '2027-01-05T08:00:00Z';

export interface DemoTrackRecord {
  crankLineId: string;
  /** Predicted 100 ± 5 parts, 102 came each week: a good record. */
  good: { id: string; title: string; kpiId: string };
  /** Predicted 100 ± 2 parts, 88 came each week: a poor one. */
  poor: { id: string; title: string; kpiId: string };
}

/**
 * Two use cases of the demo's crankshaft line 1, each with a weekly KPI measured by hand and a
 * decision with a predicted effect on it each Monday of `MONDAYS`; the clock is left on the last
 * Monday, the predictions pending. `measureDemoWeeks` then records what came, which checks them.
 */
export async function decideDemoWeeks(pages: DemoPages): Promise<DemoTrackRecord> {
  const db = pages.database.db;
  const crankLineId = (await db.select().from(lines)).find((l) => l.code === 'crankshaft-1')!.id;
  const cases = await db.select().from(useCases);
  const setUp = async (title: string, predicted: { value: number; low: number; high: number }) => {
    const useCase = cases.find((u) => u.title === title)!;
    const kpi = await demoApi(pages, 'POST', `/use-cases/${useCase.id}/kpis`, {
      ownerId: useCase.ownerId,
      name: `${title} output`,
      unit: 'parts',
      direction: 'higher_is_better',
      reviewCadence: 'weekly',
      baseline: { value: 80, periodStart: '2026-10-01', periodEnd: '2026-10-31', source: 'MES' },
      target: { value: 110, date: '2027-06-01' },
    });
    return { id: useCase.id, title, kpiId: kpi.id as string, predicted };
  };
  const good = await setUp('Buffer before hardening', { value: 100, low: 95, high: 105 });
  const poor = await setUp('Next-shift constraint', { value: 100, low: 98, high: 102 });
  for (const monday of MONDAYS) {
    pages.clock.set(`${monday}T06:00:00Z`);
    for (const u of [good, poor]) {
      await demoApi(pages, 'POST', '/decisions', {
        useCaseId: u.id,
        choice: { kind: 'free_text', text: `Plan of week ${monday}` },
        predictions: [{ kpiId: u.kpiId, ...u.predicted }],
        effectiveFrom: `${monday}T06:00:00Z`,
      });
    }
  }
  const strip = ({ id, title, kpiId }: typeof good) => ({ id, title, kpiId });
  return { crankLineId, good: strip(good), poor: strip(poor) };
}

/** Records what each week brought (102 and 88 parts), which checks every prediction. */
export async function measureDemoWeeks(pages: DemoPages, world: DemoTrackRecord) {
  pages.clock.set(MEASURED_AT);
  for (const monday of MONDAYS) {
    const period = { periodStart: monday, periodEnd: addDays(monday, 6), source: 'MES' };
    await demoApi(pages, 'POST', `/kpis/${world.good.kpiId}/measurements`, { ...period, value: 102 });
    await demoApi(pages, 'POST', `/kpis/${world.poor.kpiId}/measurements`, { ...period, value: 88 });
  }
}
