/**
 * The reads of a line's question pages, each through the domain's functions and their scope
 * checks: the work orders and products the forms offer, the site's peak limit, the line's recent
 * answers with their sentences, and one answer of the line.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { simulationRuns, sites } from '../../db/schema/index.ts';
import type { Actor } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { listWorkOrders } from '../orders/index.ts';
import { getRun, listRuns } from '../simulation/runs.ts';
import { lineScenarioSources } from '../simulation/lineScenarios.ts';
import { isId } from '../web/params.ts';
import type { AskOptions, RecentAnswer, RunRow } from '../../views/questions/model.tsx';
import type { RunSummary } from '../../views/simulation/model.tsx';
import { listUseCaseAnswers } from './bound.ts';
import { isQuestion } from './answer.ts';
import { WEEK_MS } from './submit.ts';

const RECENT_ANSWERS = 12;

/** The product names of a stored model (none for a one-product model). */
function productsOf(model: unknown): string[] {
  const products = (model as { products?: { name: string }[] } | null | undefined)?.products;
  return Array.isArray(products) ? products.map((p) => p.name) : [];
}

/** What the ask forms offer: the open preventive work orders (those of the coming week marked), the models' products, the site's peak limit. */
export async function askOptions(db: Db, actor: Actor, line: { id: string; siteId: string }, now: Date): Promise<AskOptions> {
  const [orders, sources, [site]] = await Promise.all([
    listWorkOrders(db, actor, line.id),
    lineScenarioSources(db, actor, line.id),
    db.select({ peakLimitKw: sites.peakLimitKw }).from(sites).where(eq(sites.id, line.siteId)),
  ]);
  const from = now.getTime();
  const workOrders = orders
    .filter((o) => o.kind === 'preventive' && (o.status === 'planned' || o.status === 'released'))
    .map((o) => ({
      externalId: o.externalId,
      station: o.station,
      plannedMinutes: o.plannedMinutes,
      earliestStart: o.earliestStart,
      latestStart: o.latestStart,
      failureRateFactor: o.failureRateFactor,
      // The rule the question applies when no work order is named.
      inWeek: o.earliestStart.getTime() < from + WEEK_MS && o.latestStart.getTime() >= from,
    }));
  const calibrated = (sources.calibration?.result as { model?: unknown } | null)?.model;
  const products = [...new Set([...productsOf(sources.stored?.model), ...productsOf(calibrated)])];
  return { workOrders, products, peakLimitKw: site?.peakLimitKw ?? null };
}

/** The line's recent answers, newest first, each with its sentence once done (or its error's message). */
export async function recentAnswers(db: Db, actor: Actor, lineId: string): Promise<RecentAnswer[]> {
  return withSentences(db, (await listRuns(db, actor, { lineId })).filter((r) => isQuestion(r.kind)).slice(0, RECENT_ANSWERS));
}

/** The newest answers kept for a use case (those it was asked as), with their sentences. */
export async function useCaseAnswers(db: Db, actor: Actor, useCaseId: string): Promise<RecentAnswer[]> {
  return withSentences(db, (await listUseCaseAnswers(db, actor, useCaseId)).slice(0, RECENT_ANSWERS));
}

/** Answers' summaries with the sentence of each result (or its failure's message), read without the results' bulk. */
async function withSentences(db: Db, summaries: (RunSummary & { lineId: string | null })[]): Promise<RecentAnswer[]> {
  // A question is always asked of a line.
  const runs = summaries.filter((r): r is typeof r & { lineId: string } => r.lineId !== null);
  if (!runs.length) return [];
  const texts = await db
    .select({
      id: simulationRuns.id,
      sentence: sql<string | null>`${simulationRuns.result}->>'sentence'`,
      error: sql<string | null>`${simulationRuns.error}->>'message'`,
    })
    .from(simulationRuns)
    .where(
      inArray(
        simulationRuns.id,
        runs.map((r) => r.id),
      ),
    );
  const byId = new Map(texts.map((x) => [x.id, x]));
  return runs.map((r) => ({
    ...r,
    kind: r.kind as RecentAnswer['kind'],
    sentence: byId.get(r.id)?.sentence ?? null,
    error: byId.get(r.id)?.error ?? null,
  }));
}

/** A question's run of this line the person sees; 404 for any other run, so that the URL names nothing of it. */
export async function answerOfLine(db: Db, actor: Actor, lineId: string, runId: string | undefined): Promise<RunRow> {
  if (!runId || !isId(runId)) throw new NotFoundError(`no answer '${(runId ?? '').slice(0, 40)}'`);
  const run = await getRun(db, actor, runId);
  if (run.lineId !== lineId || !isQuestion(run.kind)) throw new NotFoundError(`no answer '${runId}' of this line`);
  return run;
}
