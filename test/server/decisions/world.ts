import { expect } from 'vitest';
import { simulationRuns } from '../../../db/schema/index.ts';
import type { AccessRole } from '../../../server/deps.ts';
import type { TestApp } from '../../helpers/app.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody, type ProgramFixture } from '../../helpers/fixtures.ts';

/** Calls as an admin (or `as`) and expects success. */
export async function ok(t: TestApp, method: string, path: string, body?: unknown, as: AccessRole = 'admin') {
  const res = await t.call(method, path, { body, as });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

export interface DecisionWorld {
  f: ProgramFixture;
  stations: { op10: string; op20: string };
  useCaseId: string;
  /** A KPI fed by the line's throughput, in parts/h. */
  throughputKpi: any;
  /** A KPI measured by hand. */
  handKpi: any;
}

/**
 * The fixture's program and line with two stations, a use case of the line owned by the test owner,
 * a KPI fed by the line's throughput (weekly) and one measured by hand (monthly).
 */
export async function decisionWorld(t: TestApp): Promise<DecisionWorld> {
  const f = await createProgramFixture(t);
  const op10 = (await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op10', name: 'OP10', position: 1 })).id;
  const op20 = (await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code: 'op20', name: 'OP20', position: 2 })).id;
  const useCase = await createUseCaseFixture(t, f);
  const throughputKpi = await ok(
    t,
    'POST',
    `/api/v1/use-cases/${useCase.id}/kpis`,
    kpiBody(t, {
      name: 'Line throughput',
      unit: 'parts/h',
      baseline: { value: 60, periodStart: '2026-10-05', periodEnd: '2026-11-01', source: 'MES' },
      target: { value: 70, date: '2027-06-01' },
      reviewCadence: 'weekly',
      live: { metric: 'throughput', lineId: f.lineId },
    }),
  );
  const handKpi = await ok(
    t,
    'POST',
    `/api/v1/use-cases/${useCase.id}/kpis`,
    kpiBody(t, {
      name: 'Scrap cost',
      unit: 'EUR',
      direction: 'lower_is_better',
      baseline: { value: 100, periodStart: '2026-03-01', periodEnd: '2026-05-31', source: 'ERP' },
      target: { value: 80, date: '2027-06-01' },
    }),
  );
  return { f, stations: { op10, op20 }, useCaseId: useCase.id, throughputKpi, handKpi };
}

/** Stores a finished run as the runner would leave it. */
export async function storedRun(
  t: TestApp,
  values: {
    kind: 'simulation' | 'comparison' | 'next_shift' | 'maintenance_plan' | 'mix_scenario' | 'calibration';
    lineId: string | null;
    title?: string;
    input?: unknown;
    result: unknown;
    status?: 'succeeded' | 'failed';
  },
) {
  const now = t.clock();
  const [row] = await t.database.db
    .insert(simulationRuns)
    .values({
      kind: values.kind,
      lineId: values.lineId,
      title: values.title ?? `${values.kind} run`,
      input: values.input ?? {},
      status: values.status ?? 'succeeded',
      progress: 1,
      result: values.result,
      createdById: t.people.planner,
      createdAt: now,
      finishedAt: now,
    })
    .returning();
  return row.id;
}

/** A next-shift answer's predictions of the line's throughput (parts/h) and of OP20's availability. */
export function nextShiftResult(throughput: { value: number; low: number; high: number }) {
  const window = { start: '2026-11-25T13:00:00.000Z', end: '2026-11-25T21:00:00.000Z', kind: 'shift' };
  return {
    predictions: [
      { metric: 'throughput', stationCode: null, scenario: 'forecast', window, ...throughput, unit: 'parts/h' },
      { metric: 'availability', stationCode: 'op20', scenario: 'forecast', window, value: 0.9, low: 0.85, high: 0.95, unit: 'ratio' },
    ],
  };
}

/** A free-text decision body of the world's use case. */
export function decisionBody(w: DecisionWorld, overrides: Record<string, unknown> = {}) {
  return {
    useCaseId: w.useCaseId,
    choice: { kind: 'free_text', text: 'Run the bigger batch first' },
    predictions: [{ kpiId: w.handKpi.id, value: 90, low: 85, high: 95 }],
    effectiveFrom: '2026-11-25T08:00:00Z',
    ...overrides,
  };
}
