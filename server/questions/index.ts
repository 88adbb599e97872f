/**
 * The plant's daily questions, answered from a line's live state on the simulation core: which
 * station constrains the next shift, where maintenance avoids the most downtime this week, and how
 * a product mix changes throughput and energy over 72 hours. Asked as runs (202 + a run resource).
 */
export { questionRoutes } from './routes.ts';
export { askMaintenancePlan, askMixScenarios, askNextShift, type AskOptions, type QuestionKind } from './submit.ts';
export { isQuestion, QUESTION_KINDS } from './answer.ts';
export type { NextShiftAnswer } from './nextShift.ts';
export type { MaintenanceAnswer } from './maintenance.ts';
export type { MixAnswer } from './mix.ts';
