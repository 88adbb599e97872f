/** What the question pages' views work with: the line's context (as the simulation page's), their URLs, the stored answers, and numbers with their intervals. */
import type { MaintenanceAnswer, MixAnswer, NextShiftAnswer, QuestionKind } from '../../server/questions/index.ts';
import type { LiveStart } from '../../server/questions/liveStart.ts';
import type { QuestionBase } from '../../server/questions/common.ts';
import type { Estimate } from '../../server/simulation/intervals.ts';
import { figure } from '../../server/web/format.ts';
import type { RunRow, RunSummary, SimViewContext } from '../simulation/model.tsx';

export type { MaintenanceAnswer, MixAnswer, NextShiftAnswer, QuestionKind, RunRow, SimViewContext as QuestionViewContext };
export type { Estimate, LiveStart };

/** The questions in the order the page asks them. */
export const QUESTIONS: readonly QuestionKind[] = ['next_shift', 'maintenance_plan', 'mix_scenario'];

/** Rows for proposed mixes on the mix question's form. */
export const MIX_ROWS = 2;

/** The line's questions page: the three questions and the recent answers. */
export function questionsUrl(lineId: string): string {
  return `/lines/${lineId}/questions`;
}

/** The page of one answer, which its progress bar polls while the run is under way. */
export function answerUrl(lineId: string, runId: string): string {
  return `/lines/${lineId}/questions/runs/${runId}`;
}

/** Where each question's form posts. */
export function askUrl(lineId: string, kind: QuestionKind): string {
  return `${questionsUrl(lineId)}/${{ next_shift: 'next-shift', maintenance_plan: 'maintenance', mix_scenario: 'mix' }[kind]}`;
}

/** A recent answer of the line: the run with its sentence once done, or why it failed. */
export interface RecentAnswer extends RunSummary {
  kind: QuestionKind;
  lineId: string;
  sentence: string | null;
  error: string | null;
}

/** An open preventive work order the maintenance question can place. */
export interface OpenWorkOrder {
  externalId: string;
  station: string;
  plannedMinutes: number;
  earliestStart: Date;
  latestStart: Date;
  failureRateFactor: number | null;
  /** It can start within the coming week: what the question places when none is named. */
  inWeek: boolean;
}

/** What the ask forms offer besides their fields. */
export interface AskOptions {
  workOrders: OpenWorkOrder[];
  /** Products of the line's models (empty: one product, named as the line likes). */
  products: string[];
  peakLimitKw: number | null;
}

/** What a question's stored input holds that the answer page shows: where it started, in which zone, with which model. */
export type AnswerInput = Pick<QuestionBase, 'timezone' | 'modelSource' | 'start'> & {
  precision: QuestionBase['precision'];
};

/** A number with its sign (`+60`, `−24`). */
export function signed(x: number, decimals = 0): string {
  const text = figure(Math.abs(x), decimals);
  // What rounds to zero carries no sign (never `−0.00`).
  return Number(text) === 0 ? text : x > 0 ? `+${text}` : `−${text}`;
}

/** `230 (225 – 234)`: a mean and its 95 % interval. */
export function withRange(e: Estimate, format: (x: number) => string = (x) => figure(x, 0)): string {
  return Number.isFinite(e.ciHalfWidth) ? `${format(e.mean)} (${format(e.ciLow)} – ${format(e.ciHigh)})` : format(e.mean);
}
