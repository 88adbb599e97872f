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
} from './problemSchema.ts';
export { DEFAULT_TIME_LIMIT_MS, solveBalancing, type BalancingResult } from './solve.ts';
export { closeBalancingPool } from './pool.ts';
export { lineProblem, recordBalancingRun, setLineTasks } from './lineBalancing.ts';
export { balancingRoutes } from './routes.ts';
export { generateInstance, timeShapes, type GeneratedInstance, type GeneratorSettings, type TimeShape } from './generator.ts';
