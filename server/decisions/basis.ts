import { and, asc, eq } from 'drizzle-orm';
import { balancingRuns, lines, simulationRuns, stations, useCases, workOrders } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { invalidInput, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Write } from '../core/write.ts';
import { runKindsOfChoice, runOfChoice, scenarioOfChoice, type DecisionChoice } from './choice.ts';
import { runPredictions } from './predictionMapping.ts';

type UseCaseRow = typeof useCases.$inferSelect;
export type RunRow = typeof simulationRuns.$inferSelect;

/** The lines a use case's runs may be of: its line, or the lines of its area. */
async function linesOfScope(w: Write, useCase: UseCaseRow): Promise<Set<string>> {
  if (useCase.scopeLineId) return new Set([useCase.scopeLineId]);
  const rows = await w.tx.select({ id: lines.id }).from(lines).where(eq(lines.areaId, useCase.scopeAreaId!));
  return new Set(rows.map((r) => r.id));
}

function checkOfScope(useCase: UseCaseRow, scope: Set<string>, lineId: string | null, field: string): void {
  if (lineId && scope.has(lineId)) return;
  const where = useCase.scopeLineId ? "the use case's line" : "a line of the use case's area";
  throw invalidInput(field, `is not a run of ${where}${lineId ? '' : ' (it is of no line)'}`);
}

/**
 * The runs a decision is based on: those of `basedOn` and the one its choice names (added when not
 * listed), each seen by the caller (404 otherwise), succeeded (409) and of the use case's line or
 * a line of its area (400).
 */
export async function basisRuns(w: Write, useCase: UseCaseRow, basedOn: readonly string[], choice: DecisionChoice): Promise<RunRow[]> {
  const wanted = basedOn.map((id, i) => ({ id, field: `body.basedOn.${i}` }));
  const own = runOfChoice(choice);
  if (own && !basedOn.includes(own)) wanted.push({ id: own, field: 'body.choice.runId' });
  const scope = await linesOfScope(w, useCase);
  const runs: RunRow[] = [];
  for (const { id, field } of wanted) {
    await checkSees(w.tx, w.actor, 'simulation_run', id, field);
    const run = await findOrNotFound(w.tx, simulationRuns, 'simulation run', id, { field });
    if (run.status !== 'succeeded') {
      throw ruleViolation(`the run is ${run.status}: a decision is based on runs that succeeded`, { currentStatus: run.status }, [
        { path: field, message: `run ${run.status}` },
      ]);
    }
    checkOfScope(useCase, scope, run.lineId, field);
    runs.push(run);
  }
  return runs;
}

/**
 * Checks a choice against what it names: a balance's balancing run (seen, of the use case's
 * scope); the kind of the run chosen from, the scenario it chose among the run's, a placement's
 * work order on the run's line, a buffer change's stations. Returns the balancing run's id.
 */
export async function checkChoice(w: Write, useCase: UseCaseRow, choice: DecisionChoice, runs: readonly RunRow[]) {
  if (choice.kind === 'balance') {
    const field = 'body.choice.balancingRunId';
    await checkSees(w.tx, w.actor, 'balancing_run', choice.balancingRunId, field);
    const run = await findOrNotFound(w.tx, balancingRuns, 'balancing run', choice.balancingRunId, { field });
    checkOfScope(useCase, await linesOfScope(w, useCase), run.lineId, field);
    return { balancingRunId: run.id };
  }
  const runId = runOfChoice(choice);
  const run = runs.find((r) => r.id === runId);
  if (!run) return { balancingRunId: null };
  const kinds = runKindsOfChoice[choice.kind];
  if (!kinds.includes(run.kind)) {
    throw invalidInput(
      'body.choice.runId',
      `a ${choice.kind.replace('_', ' ')} is chosen from a ${kinds.join(' or ')} run, not a ${run.kind} run`,
    );
  }
  const scenario = scenarioOfChoice(choice);
  const names = [...new Set(runPredictions(run).map((p) => p.scenario))];
  if (scenario !== null && names.length && !names.includes(scenario)) {
    const field = choice.kind === 'maintenance_placement' ? 'body.choice.start' : 'body.choice.scenario';
    throw invalidInput(field, `the run has no scenario '${scenario}'; its scenarios: ${names.map((n) => `'${n}'`).join(', ')}`);
  }
  if (choice.kind === 'maintenance_placement') {
    const [order] = await w.tx
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(and(eq(workOrders.lineId, run.lineId!), eq(workOrders.externalId, choice.workOrderExternalId)));
    if (!order) throw invalidInput('body.choice.workOrderExternalId', "no work order of the run's line has this number");
  }
  if (choice.kind === 'buffer_change') {
    const codes = (
      await w.tx.select({ code: stations.code }).from(stations).where(eq(stations.lineId, run.lineId!)).orderBy(asc(stations.position))
    ).map((s) => s.code);
    choice.buffers.forEach((b, i) => {
      if (!codes.slice(0, -1).includes(b.afterStation))
        throw invalidInput(
          `body.choice.buffers.${i}.afterStation`,
          `not a station of the line that a buffer follows (${codes.slice(0, -1).join(', ')})`,
        );
    });
  }
  return { balancingRunId: null };
}
