import { eq } from 'drizzle-orm';
import { decisionPredictions, decisionRuns, decisions, useCases } from '../../db/schema/index.ts';
import { checkMayChange } from '../access/index.ts';
import { invalidInput } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { refuseRetired } from '../useCases/index.ts';
import { basisRuns, checkChoice } from './basis.ts';
import { scenarioOfChoice, type DecisionChoice } from './choice.ts';
import { resolvePredictions, type PredictionInput } from './predictions.ts';
import { decisionViews } from './reads.ts';
import { recordTwinUse } from '../useCases/twinUse.ts';

export interface DecisionInput {
  useCaseId: string;
  choice: DecisionChoice;
  basedOn: string[];
  predictions: PredictionInput[];
  effectiveFrom: string;
  note?: string;
}

/**
 * How far back a decision may take effect: it is recorded when it is taken, and a prediction
 * recorded after its effect could be seen is no prediction. A day covers recording at the end of a
 * shift what was decided at its start.
 */
export const DECISION_BACKDATE_HOURS = 24;
/** How far ahead a decision may take effect. */
export const DECISION_AHEAD_DAYS = 366;

/**
 * Records a decision taken with a use case by the caller, now: the use case's owner (or stand-in),
 * a planner in scope or an admin (403 otherwise; 404 out of scope), not on a retired use case. What
 * it chose, the runs it was based on, and its predictions (taken from the runs where one predicts
 * the KPI: resolvePredictions) are stored with it in one transaction, audited, and the decision is
 * recorded as a use of the use case (recordTwinUse, origin `decision`: at most one per person and
 * period of their group's frequency, usagePeriod.ts).
 */
export async function recordDecision(w: Write, input: DecisionInput) {
  await checkMayChange(w, 'use_case', input.useCaseId, { roles: ['planner'], field: 'body.useCaseId' });
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', input.useCaseId, { field: 'body.useCaseId', forUpdate: true });
  refuseRetired(useCase);
  const effectiveFrom = new Date(input.effectiveFrom);
  if (effectiveFrom.getTime() < w.now.getTime() - DECISION_BACKDATE_HOURS * 3_600_000)
    throw invalidInput('body.effectiveFrom', `lies more than ${DECISION_BACKDATE_HOURS} h back: a decision is recorded when it is taken`);
  if (effectiveFrom.getTime() > w.now.getTime() + DECISION_AHEAD_DAYS * 86_400_000)
    throw invalidInput('body.effectiveFrom', `lies more than ${DECISION_AHEAD_DAYS} days ahead`);
  const runs = await basisRuns(w, useCase, input.basedOn, input.choice);
  const { balancingRunId } = await checkChoice(w, useCase, input.choice, runs);
  const predictions = await resolvePredictions(w, useCase, input.predictions, runs, scenarioOfChoice(input.choice));
  const [row] = await w.tx
    .insert(decisions)
    .values({
      useCaseId: useCase.id,
      choiceKind: input.choice.kind,
      choice: input.choice,
      balancingRunId,
      effectiveFrom,
      note: input.note ?? '',
      decidedById: w.actor.personId,
      decidedAt: w.now,
    })
    .returning();
  if (runs.length) await w.tx.insert(decisionRuns).values(runs.map((r) => ({ decisionId: row.id, runId: r.id })));
  await w.tx.insert(decisionPredictions).values(predictions.map((p) => ({ ...p, decisionId: row.id })));
  const usage = await recordTwinUse(w, useCase, { origin: 'decision', note: `decision ${row.id}` });
  const stored = usage.recorded
    ? (await w.tx.update(decisions).set({ usageEventId: usage.usageEventId }).where(eq(decisions.id, row.id)).returning())[0]
    : row;
  const [view] = await decisionViews(w.tx, [stored], w.now);
  await audit(w, { entityType: 'decision', entityId: row.id, action: 'create', after: view });
  return { ...view, usage };
}
