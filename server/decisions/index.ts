/** Decisions taken with use cases: what was chosen, on which runs, with which predicted effect, and how it came out. */
export { recordDecision, type DecisionInput } from './decisions.ts';
export { decisionViews, getDecision, listDecisions, type DecisionView } from './reads.ts';
export { decisionRoutes } from './routes.ts';
export { sweepDecisionChecks } from './sweep.ts';
export { lineTrackRecord, ruleOfProgram, trackRecordsOf, useCaseTrackRecord } from './trackRecords.ts';
