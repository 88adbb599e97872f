/**
 * Throughput simulation: validate a model, simulate it, compare scenarios, store runs and execute
 * them in the background (the runner), with the model's typed errors (`SimulationInputError` with
 * `issues`, `SimulationLimitError`, an `AbortError` when a run is cancelled).
 */
export { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';
export { simulationModel, parseSimulationModel, type SimulationModel, type SimulationModelInput, type Distribution } from './model.ts';
export { simulateModel, type PrecisionOutcome } from './simulate.ts';
export { compareScenarios, type ComparisonInput, type ScenarioComparison, type ScenarioInput, type VariantComparison } from './compare.ts';
export { SimulationInputError, SimulationLimitError, type SimulationFieldIssue } from './errors.ts';
export { closeSimulationPool } from './pool.ts';
export { checkRunSize, estimateEvents } from './estimate.ts';
export type { SimulationResult, MachineResult, EnergyResult } from './aggregate.ts';
export type { Estimate } from './intervals.ts';
export type { SimulationProgress, RunOptions } from './dispatch.ts';
export { summaryText } from './report.ts';
export { enqueueRun, getRun, setLineSimulationModel, submitComparison, submitLineSimulation } from './runs.ts';
export { startSimulationRunner, type SimulationRunner } from './runner.ts';
export { lineModelSchema, queuedRun, runSummarySchema, simulationRoutes } from './routes.ts';
export { coreCalendar } from './calendar.ts';
