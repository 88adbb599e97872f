/** Answers a queued question from its stored input (the runner calls this; no database is read). */
import type { RunOptions } from '../simulation/dispatch.ts';
import { answerMaintenance, type MaintenanceInput } from './maintenance.ts';
import { answerMix, type MixInput } from './mix.ts';
import { answerNextShift, type NextShiftInput } from './nextShift.ts';
import type { QuestionKind } from './submit.ts';

export const QUESTION_KINDS = ['next_shift', 'maintenance_plan', 'mix_scenario'] as const satisfies readonly QuestionKind[];

export function isQuestion(kind: string): kind is QuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(kind);
}

export function answerQuestion(kind: QuestionKind, input: unknown, options: RunOptions = {}): Promise<unknown> {
  switch (kind) {
    case 'next_shift':
      return answerNextShift(input as NextShiftInput, options);
    case 'maintenance_plan':
      return answerMaintenance(input as MaintenanceInput, options);
    case 'mix_scenario':
      return answerMix(input as MixInput, options);
  }
}
