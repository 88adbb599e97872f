/**
 * The simulation domain's public surface for routes, jobs and the CLI: validate a model,
 * simulate it, compare scenarios, and the typed errors to map to HTTP problems
 * (`SimulationInputError` → 400 with `issues` as field errors, `SimulationLimitError` → 422,
 * an `AbortError` → the request was cancelled).
 */
export { simulationModel, parseSimulationModel, type SimulationModel, type SimulationModelInput, type Distribution } from './model.ts';
export { simulateModel, type PrecisionOutcome } from './simulate.ts';
export { compareScenarios, type ComparisonInput, type ScenarioComparison, type ScenarioInput, type VariantComparison } from './compare.ts';
export { SimulationInputError, SimulationLimitError, type SimulationFieldIssue } from './errors.ts';
export { closeSimulationPool } from './pool.ts';
export { checkRunSize, estimateEvents } from './estimate.ts';
export type { SimulationResult, MachineResult, EnergyResult } from './aggregate.ts';
export type { Estimate } from './intervals.ts';
export type { SimulationProgress, RunOptions } from './dispatch.ts';
