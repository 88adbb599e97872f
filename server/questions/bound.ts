/**
 * A use case answered by one of the twin's questions: bound to the question, a line of its scope
 * and the question's parameters (its body), so that whoever works the use case asks it in one
 * step. Each answer is kept (the run names its use case) and counts as a use of the use case by
 * the person who asked (`origin: answer`, at most one per person and period of their group).
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lines, simulationRuns, useCases } from '../../db/schema/index.ts';
import { checkMayChange, checkSees, type Viewer } from '../access/index.ts';
import type { z } from 'zod';
import { invalidInput, InvalidInputError, ruleViolation } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';
import { recordTwinUse, type TwinUse } from '../useCases/twinUse.ts';
import { runSummaryColumns } from '../simulation/runs.ts';
import { questionBodies } from './schemas.ts';
import { askMaintenancePlan, askMixScenarios, askNextShift, type QuestionKind } from './submit.ts';

export interface QuestionBinding {
  question: QuestionKind;
  lineId: string;
  parameters?: Record<string, unknown>;
}

const asks = { next_shift: askNextShift, maintenance_plan: askMaintenancePlan, mix_scenario: askMixScenarios } as const;

/** The binding as the API shows it (null: the use case is bound to no question). */
export function bindingOf(row: Pick<typeof useCases.$inferSelect, 'boundQuestion' | 'boundLineId' | 'boundParameters'>) {
  return row.boundQuestion
    ? { question: row.boundQuestion, lineId: row.boundLineId!, parameters: row.boundParameters as Record<string, unknown> }
    : null;
}

/** The line must be the use case's own, or one of its area's. */
async function checkLineInScope(db: Db, useCase: typeof useCases.$inferSelect, lineId: string): Promise<void> {
  const line = await findOrNotFound(db, lines, 'line', lineId, { field: 'body.lineId' });
  const inScope = useCase.scopeLineId ? useCase.scopeLineId === lineId : useCase.scopeAreaId === line.areaId;
  if (!inScope) {
    throw ruleViolation(`the line is outside the use case's scope`, {}, [
      { path: 'body.lineId', message: 'not the use case’s line, nor a line of its area' },
    ]);
  }
}

/** Binds a use case to a question (replacing any binding before), with the question's parameters checked as its body would be. */
export async function bindQuestion(w: Write, useCaseId: string, input: QuestionBinding) {
  await checkMayChange(w, 'use_case', useCaseId);
  const before = await findOrNotFound(w.tx, useCases, 'use case', useCaseId, { forUpdate: true });
  if (before.status === 'retired') throw ruleViolation('the use case is retired', { currentStatus: 'retired' });
  await checkSees(w.tx, w.actor, 'line', input.lineId, 'body.lineId');
  await checkLineInScope(w.tx, before, input.lineId);
  // The live state is read when the question is asked, and the run is titled by its use case.
  const parameters = input.parameters ?? {};
  for (const field of ['start', 'title'])
    if (field in parameters) throw invalidInput(`body.parameters.${field}`, 'is not a parameter of a bound question');
  const parsed = (questionBodies[input.question] as z.ZodType<Record<string, unknown>>).safeParse(parameters);
  if (!parsed.success) {
    throw new InvalidInputError(
      'invalid parameters of the question',
      parsed.error.issues.map((i) => ({ path: ['body.parameters', ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  const [after] = await w.tx
    .update(useCases)
    .set({
      boundQuestion: input.question,
      boundLineId: input.lineId,
      boundParameters: parsed.data,
      version: nextVersion(useCases),
      updatedAt: w.now,
    })
    .where(eq(useCases.id, useCaseId))
    .returning();
  await audit(w, {
    entityType: 'use_case',
    entityId: useCaseId,
    action: 'bind-question',
    before: bindingOf(before),
    after: bindingOf(after),
  });
  return bindingOf(after)!;
}

export async function unbindQuestion(w: Write, useCaseId: string): Promise<void> {
  await checkMayChange(w, 'use_case', useCaseId);
  const before = await findOrNotFound(w.tx, useCases, 'use case', useCaseId, { forUpdate: true });
  if (!before.boundQuestion) throw ruleViolation('the use case is bound to no question', {});
  await w.tx
    .update(useCases)
    .set({ boundQuestion: null, boundLineId: null, boundParameters: {}, version: nextVersion(useCases), updatedAt: w.now })
    .where(eq(useCases.id, useCaseId));
  await audit(w, { entityType: 'use_case', entityId: useCaseId, action: 'unbind-question', before: bindingOf(before), after: null });
}

/** Asks the use case's question with its parameters; the answer is the use case's and counts as its use. */
export async function answerUseCase(w: Write, useCaseId: string): Promise<{ run: typeof simulationRuns.$inferSelect; use: TwinUse }> {
  await checkSees(w.tx, w.actor, 'use_case', useCaseId);
  const useCase = await findOrNotFound(w.tx, useCases, 'use case', useCaseId);
  if (useCase.status === 'retired')
    throw ruleViolation(`use case '${useCase.title}' is retired: it is no longer used`, { currentStatus: 'retired' });
  const binding = bindingOf(useCase);
  if (!binding) throw ruleViolation('the use case is bound to no question: bind one first (PUT /use-cases/{id}/question)', {});
  const run = await asks[binding.question](w, binding.lineId, binding.parameters, { useCaseId });
  const use = await recordTwinUse(w, useCase, { origin: 'answer', note: `answer ${run.id}`, runId: run.id });
  return { run, use };
}

/** The answers kept for a use case, newest first (summaries). */
export async function listUseCaseAnswers(db: Db, viewer: Viewer, useCaseId: string) {
  await checkSees(db, viewer, 'use_case', useCaseId);
  await findOrNotFound(db, useCases, 'use case', useCaseId);
  return db
    .select(runSummaryColumns)
    .from(simulationRuns)
    .where(eq(simulationRuns.useCaseId, useCaseId))
    .orderBy(desc(simulationRuns.createdAt), desc(simulationRuns.id));
}
