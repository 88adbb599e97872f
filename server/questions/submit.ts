/**
 * Asking a question: gather the line's inputs (the body overrides any of them), check that the
 * work is not too large, and queue the run; the runner answers it (`answer.ts`).
 */
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { plannedOrders, workOrders, type simulationRuns } from '../../db/schema/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import type { Write } from '../core/write.ts';
import type { LoadedLine } from '../metrics/index.ts';
import { idealOf } from '../metrics/load.ts';
import { shiftAt, shiftsIn } from '../schedules/index.ts';
import { checkWallTime, estimateEvents } from '../simulation/estimate.ts';
import { parseSimulationModel } from '../simulation/model.ts';
import { enqueueRun } from '../simulation/runs.ts';
import { sites } from '../../db/schema/index.ts';
import { plannedHours, type QuestionBase } from './common.ts';
import { questionBase, questionLine, type CommonBody } from './context.ts';
import type { MaintenanceInput } from './maintenance.ts';
import type { Lot, MixInput, MixScenarioInput } from './mix.ts';
import type { NextShiftInput } from './nextShift.ts';
import { unitMsOf } from './replicate.ts';

export type QuestionKind = 'next_shift' | 'maintenance_plan' | 'mix_scenario';
type RunRow = typeof simulationRuns.$inferSelect;

const HOUR = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR;
export const MIX_HOURS = 72;

/** Refuses a question whose first replications alone would take longer than the simulation limit. */
function checkSize(base: QuestionBase, endMs: number, scenarios: number): void {
  const model = parseSimulationModel(base.model);
  const horizon = (endMs - Date.parse(base.start.asOf)) / unitMsOf(model);
  const events = estimateEvents({ ...model, horizon }).eventsPerReplication * base.precision.replications * scenarios;
  checkWallTime(events, base.precision.replications * scenarios, model.limits?.maxWallSeconds ?? 600);
}

function queue(w: Write, kind: QuestionKind, base: QuestionBase, title: string, input: object, useCaseId?: string): Promise<RunRow> {
  return enqueueRun(w, { kind, lineId: base.lineId, useCaseId: useCaseId ?? null, title, input });
}

/** The shift after the one running now (or the next to start when none is), by the site's schedule; without one, tomorrow. */
export function nextShiftOf(loaded: LoadedLine, now: number): { name: string; start: number; end: number } {
  const zone = loaded.line.timezone;
  const current = shiftAt(loaded.shifts, new Date(now), zone);
  if (!loaded.shifts?.length) return shiftAt(loaded.shifts, new Date(current.end), zone);
  const after = current.start <= now && now < current.end ? current.end : now;
  const next = shiftsIn(loaded.shifts, { start: after, end: after + 8 * 24 * HOUR }, zone).find((o) => o.start >= after);
  if (!next) throw ruleViolation('the site’s schedule has no shift in the coming week', {});
  return { name: next.name, start: next.start, end: next.end };
}

export interface AskOptions {
  /** The use case the question is asked for (its answer counts as its use). */
  useCaseId?: string;
}

export async function askNextShift(w: Write, lineId: string, body: CommonBody, ask: AskOptions = {}): Promise<RunRow> {
  const loaded = await questionLine(w, lineId);
  const shift = nextShiftOf(loaded, w.now.getTime());
  const base = await questionBase(w, loaded, body, shift.end);
  checkSize(base, shift.end, 1);
  // The live page's plan: the exit station's planned hours at the longest ideal cycle time of the line.
  const ideals = loaded.stations.map((s) => idealOf(s, loaded.modelMeans)(null));
  const slowest = ideals.every((i) => i !== null) ? Math.max(...ideals.map((i) => i!.seconds)) : null;
  const exit = loaded.stations[loaded.stations.length - 1];
  const hours = plannedHours(base.stops, exit.id, shift);
  const due = await w.tx
    .select({ quantity: plannedOrders.quantity })
    .from(plannedOrders)
    .where(
      and(eq(plannedOrders.lineId, lineId), gte(plannedOrders.dueAt, new Date(shift.start)), lt(plannedOrders.dueAt, new Date(shift.end))),
    );
  const input: NextShiftInput = {
    ...base,
    shift,
    plan: {
      parts: slowest ? Math.floor((hours * 3600) / slowest) : null,
      basis: 'planned hours of the exit station in the shift ÷ the longest ideal cycle time of the stations (the bottleneck)',
      ordersDue: due.length ? due.reduce((s, d) => s + d.quantity, 0) : null,
    },
  };
  return queue(
    w,
    'next_shift',
    base,
    body.title ?? `${loaded.line.name}: constraint of the next shift (${shift.name})`,
    input,
    ask.useCaseId,
  );
}

export interface CandidateBody {
  externalId: string;
  station: string;
  plannedMinutes: number;
  earliestStart: string;
  latestStart: string;
  failureRateFactor?: number | null;
}

export interface MaintenanceBody extends CommonBody {
  /** Only these of the line's open preventive work orders (by externalId). */
  workOrders?: string[];
  /** Candidates given inline, besides (or instead of) the stored ones. */
  candidates?: CandidateBody[];
}

export async function askMaintenancePlan(w: Write, lineId: string, body: MaintenanceBody, ask: AskOptions = {}): Promise<RunRow> {
  const loaded = await questionLine(w, lineId);
  const now = w.now.getTime();
  const endMs = now + WEEK_MS;
  const codes = new Map(loaded.stations.map((s) => [s.id, s.code]));
  const ids = new Map(loaded.stations.map((s) => [s.code, s.id]));
  const stored = await w.tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.lineId, lineId), eq(workOrders.kind, 'preventive'), inArray(workOrders.status, ['planned', 'released'])))
    .orderBy(asc(workOrders.earliestStart));
  const named = new Set(body.workOrders ?? []);
  const unknown = [...named].filter((id) => !stored.some((s) => s.externalId === id));
  if (unknown.length) {
    throw ruleViolation(`no open preventive work order ${unknown.join(', ')} on this line`, { unknown }, [
      { path: 'body.workOrders', message: `not open preventive work: ${unknown.join(', ')}` },
    ]);
  }
  const chosen = stored
    .filter((s) => (body.workOrders ? named.has(s.externalId) : s.earliestStart.getTime() < endMs && s.latestStart.getTime() >= now))
    .map((s) => ({
      externalId: s.externalId,
      stationCode: codes.get(s.stationId)!,
      stationId: s.stationId,
      plannedMinutes: s.plannedMinutes,
      earliestStart: s.earliestStart.getTime(),
      latestStart: s.latestStart.getTime(),
      failureRateFactor: s.failureRateFactor,
      source: 'cmms' as const,
    }));
  const inline = (body.candidates ?? []).map((c, i) => {
    const stationId = ids.get(c.station);
    if (!stationId) throw invalidInput(`body.candidates.${i}.station`, `no station '${c.station}' on this line`);
    if (Date.parse(c.latestStart) < Date.parse(c.earliestStart))
      throw invalidInput(`body.candidates.${i}.latestStart`, 'lies before earliestStart');
    return {
      externalId: c.externalId,
      stationCode: c.station,
      stationId,
      plannedMinutes: c.plannedMinutes,
      earliestStart: Date.parse(c.earliestStart),
      latestStart: Date.parse(c.latestStart),
      failureRateFactor: c.failureRateFactor ?? null,
      source: 'inline' as const,
    };
  });
  const candidates = [...chosen, ...inline];
  if (!candidates.length) {
    throw ruleViolation('the line has no open preventive work order this week: name candidates in the request', {}, [
      { path: 'body.candidates', message: 'give at least one candidate' },
    ]);
  }
  const base = await questionBase(w, loaded, body, endMs);
  checkSize(base, endMs, 1 + candidates.length * 4);
  const input: MaintenanceInput = { ...base, endMs, workOrders: candidates };
  return queue(
    w,
    'maintenance_plan',
    base,
    body.title ?? `${loaded.line.name}: where maintenance avoids the most downtime this week`,
    input,
    ask.useCaseId,
  );
}

export interface MixBody extends CommonBody {
  /** The current plan as lots in the order they are made (default: the planned orders due in the 72 hours, by due time). */
  orders?: Lot[];
  /** Proposed mixes or sequences to compare with it. */
  scenarios?: MixScenarioInput[];
  peakLimitKw?: number;
}

/** A scenario's products must be the model's (a one-product model takes its plant's one product name). */
function checkProducts(
  model: ReturnType<typeof parseSimulationModel>,
  scenarios: MixScenarioInput[],
  pathOf: (i: number) => string,
): MixScenarioInput[] {
  const names = model.products?.map((p) => p.name) ?? null;
  return scenarios.map((s, i) => {
    const used = s.lots ? [...new Set(s.lots.map((l) => l.product))] : Object.keys(s.shares ?? {});
    if (!names) {
      if (used.length > 1)
        throw invalidInput(pathOf(i), `the line's model makes one product; this names ${used.length}: ${used.join(', ')}`);
      return s.lots ? { ...s, lots: s.lots.map((l) => ({ ...l, product: 'part' })) } : { name: s.name, shares: { part: 1 } };
    }
    const unknown = used.filter((u) => !names.includes(u));
    if (unknown.length)
      throw invalidInput(pathOf(i), `products the line's model does not make: ${unknown.join(', ')} (it makes ${names.join(', ')})`);
    if (s.shares && !Object.values(s.shares).some((v) => v > 0)) throw invalidInput(pathOf(i), 'at least one share above 0');
    return s;
  });
}

/**
 * Without proposals, the one a planner asks first: the same lots grouped by product (each
 * product's lots in their order), which saves changeovers at the price of due dates.
 */
function groupedAlternative(current: MixScenarioInput): MixScenarioInput[] {
  if (!current.lots) return [];
  const order = [...new Set(current.lots.map((l) => l.product))];
  if (order.length < 2) return [];
  const lots = order.flatMap((p) => current.lots!.filter((l) => l.product === p));
  return [{ name: `${current.name} grouped by product`, lots }];
}

export async function askMixScenarios(w: Write, lineId: string, body: MixBody, ask: AskOptions = {}): Promise<RunRow> {
  const loaded = await questionLine(w, lineId);
  const now = w.now.getTime();
  const endMs = now + MIX_HOURS * HOUR;
  const base = await questionBase(w, loaded, body, endMs);
  const model = parseSimulationModel(base.model);
  let current: MixScenarioInput;
  if (body.orders) current = { name: 'current plan', lots: body.orders };
  else {
    const due = await w.tx
      .select()
      .from(plannedOrders)
      .where(and(eq(plannedOrders.lineId, lineId), gte(plannedOrders.dueAt, new Date(now)), lt(plannedOrders.dueAt, new Date(endMs))))
      .orderBy(asc(plannedOrders.dueAt), asc(plannedOrders.externalId));
    current = due.length
      ? { name: 'planned orders', lots: due.map((d) => ({ product: d.product, quantity: d.quantity })) }
      : {
          name: 'current mix',
          shares: Object.fromEntries((model.products ?? [{ name: 'part', share: 1 }]).map((p) => [p.name, p.share ?? 1])),
        };
  }
  const [checkedCurrent] = checkProducts(model, [current], () => (body.orders ? 'body.orders' : 'body'));
  const proposed = checkProducts(model, body.scenarios ?? groupedAlternative(checkedCurrent), (i) => `body.scenarios.${i}`);
  const names = [checkedCurrent.name, ...proposed.map((s) => s.name)];
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice > 0) throw invalidInput(`body.scenarios.${twice - 1}.name`, `'${names[twice]}' is the name of another scenario`);
  const [site] = await w.tx.select({ peakLimitKw: sites.peakLimitKw }).from(sites).where(eq(sites.id, loaded.line.siteId));
  const scenarios = [checkedCurrent, ...proposed];
  checkSize(base, endMs, scenarios.length);
  const input: MixInput = { ...base, endMs, peakLimitKw: body.peakLimitKw ?? site?.peakLimitKw ?? null, scenarios };
  return queue(w, 'mix_scenario', base, body.title ?? `${loaded.line.name}: mix over the next 72 hours`, input, ask.useCaseId);
}
