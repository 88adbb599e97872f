import type { Child } from 'hono/jsx';
import type { PrecisionReached } from '../../server/questions/replicate.ts';
import { RunStatus } from '../simulation/status.tsx';
import { AnswerDetails, StartState } from './details.tsx';
import { MaintenanceView } from './maintenance.tsx';
import { MixView } from './mix.tsx';
import {
  answerUrl,
  type AnswerInput,
  type MaintenanceAnswer,
  type MixAnswer,
  type NextShiftAnswer,
  type QuestionViewContext,
  type RunRow,
} from './model.tsx';
import { NextShiftView } from './nextShift.tsx';

/** The CSV of an answer's main table. */
export function answerCsvUrl(lineId: string, runId: string): string {
  return `${answerUrl(lineId, runId)}?format=csv`;
}

/** What every answer ends with, whatever its question. */
interface AnswerCommon {
  sentence: string;
  precision: PrecisionReached;
  assumptions: string[];
}

/** The figures of a succeeded question, by its kind. */
function Figures({ run, ctx, csvHref }: { run: RunRow; ctx: QuestionViewContext; csvHref: string }) {
  switch (run.kind) {
    case 'next_shift':
      return <NextShiftView a={run.result as NextShiftAnswer} ctx={ctx} csvHref={csvHref} />;
    case 'maintenance_plan':
      return <MaintenanceView a={run.result as MaintenanceAnswer} ctx={ctx} csvHref={csvHref} />;
    case 'mix_scenario':
      return <MixView a={run.result as MixAnswer} ctx={ctx} csvHref={csvHref} />;
    default:
      return null;
  }
}

/**
 * A succeeded answer: its sentence first, large; then its figures and charts; the place where a
 * decision taken on it is recorded; the live state it started from; and, folded, its precision
 * and assumptions.
 */
export function Answer({ run, ctx, decision }: { run: RunRow; ctx: QuestionViewContext; decision?: Child }) {
  const a = run.result as AnswerCommon;
  const input = run.input as AnswerInput;
  return (
    <>
      <p class="answer-sentence">{a.sentence}</p>
      <Figures run={run} ctx={ctx} csvHref={answerCsvUrl(ctx.lineId, run.id)} />
      {/* The "Record this decision" form for the roles that record decisions; an empty placeholder for the others. */}
      {decision ?? <section id="record-decision" class="record-decision" data-run-id={run.id}></section>}
      <StartState input={input} ctx={ctx} open={run.kind === 'next_shift'} />
      <AnswerDetails precision={a.precision} assumptions={a.assumptions} input={input} ctx={ctx} />
    </>
  );
}

/**
 * An answer as it stands, the fragment its page polls (the page's own URL): the simulation page's
 * run status (progress bar, failure, cancellation) with the answer once it is done.
 */
export function AnswerStatus({ run, ctx, decision }: { run: RunRow; ctx: QuestionViewContext; decision?: Child }) {
  const url = answerUrl(ctx.lineId, run.id);
  const result = run.status === 'succeeded' ? <Answer run={run} ctx={ctx} decision={decision} /> : undefined;
  return <RunStatus run={run} ctx={ctx} urls={{ poll: url, page: url }} result={result} />;
}
