/** Line balancing: parsers for `.alb` and CSV, the problem schema, the exact solve (on a worker thread), stored line tasks and runs. */
export { parseAlb, type AlbInstance } from './alb.ts';
export { parseCsv } from './csv.ts';
export { BalancingInputError, BalancingNoSolutionError } from './errors.ts';
export { lineMetrics, type LineMetrics, type StationLoad } from './metrics.ts';
export { balanceTable } from './report.ts';
export { MAX_DECIMALS } from './scale.ts';
export {
  MAX_TASKS,
  balancingProblemSchema,
  parseBalancingProblem,
  type BalancingProblem,
  type BalancingProblemInput,
  type BalancingTask,
  type ProblemTask,
} from './problemSchema.ts';
export { parseModelShares, sharesForColumns } from './modelShares.ts';
export { DEFAULT_TIME_LIMIT_MS, solveBalancing, type BalancingResult } from './solve.ts';
export { closeBalancingPool } from './pool.ts';
export { lineProblem, recordBalancingRun, setLineTasks } from './lineBalancing.ts';
export { balancingRoutes } from './routes.ts';
export {
  generateInstance,
  mixedModelInstance,
  timeShapes,
  type GeneratedInstance,
  type GeneratorSettings,
  type MixedModelInstance,
  type TimeShape,
} from './generator.ts';
