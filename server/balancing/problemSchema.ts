/**
 * The balancing problem as the API and the CLI accept it, validated with zod. Task ids may be
 * strings or integers (CSV codes, `.alb` numbers) and are normalised to strings. Exactly one
 * target is given: a cycle time (SALBP-1), a number of stations (SALBP-2), or demand and
 * available production time, whose quotient is the takt time (SALBP-1 at takt × utilisation).
 */
import { z } from 'zod';
import { BalancingInputError } from './errors.ts';

/** Largest instance accepted; the exact search is sized for this, beyond it runs are refused. */
export const MAX_TASKS = 10_000;

/**
 * Longest task or cycle time. The core counts time in 32-bit integers, in thousandths at the finest
 * (scale.ts): 2 000 000 time units (23 days in seconds) keeps every scaled time below 2³¹.
 */
export const MAX_TIME = 2_000_000;
const withinTime = `at most ${MAX_TIME.toLocaleString('en-US')} time units (the exact core counts time in 32-bit integers)`;
/** A station count the core can represent: never more stations than the largest instance has tasks. */
const stationCount = z
  .number()
  .int()
  .positive()
  .max(MAX_TASKS, `at most ${MAX_TASKS.toLocaleString('en-US')} stations`);

/** A time of a task or a cycle, in the line's time unit. */
export const timeSchema = z.number().finite().positive().max(MAX_TIME, withinTime);

const taskId = z.union([z.string().trim().min(1), z.number().int()]).transform((v) => String(v));
const pair = z.tuple([taskId, taskId]);

export const balancingTaskSchema = z.object({
  id: taskId,
  /** Task time in the line's time unit; positive, at most 3 decimals (see scale.ts). */
  time: timeSchema,
  predecessors: z.array(taskId).default([]),
});

export const balancingConstraintsSchema = z.object({
  /** Tasks that must be done at a given station (1 = first), e.g. where their tooling is. */
  fixed: z.array(z.object({ task: taskId, station: z.number().int().positive() })).default([]),
  /** Pairs that must share a station. */
  mustShare: z.array(pair).default([]),
  /** Pairs that must not share a station. */
  mustNotShare: z.array(pair).default([]),
});

/** Longest search budget a problem may ask for (an API request is held to less, see routes.ts). */
export const MAX_TIME_LIMIT_MS = 600_000;

/**
 * The target fields of a balancing problem, declared once for every entry point: the problem
 * itself, the body of a stored line's balance and the query of a file upload (coerced there).
 * `maxTimeLimitMs` caps the search budget. Which combinations are valid is checked on the problem.
 */
export function balanceTargetFields(maxTimeLimitMs: number) {
  return {
    cycleTime: timeSchema.optional(),
    stations: stationCount.optional(),
    maxStations: stationCount.optional(),
    demand: z.number().finite().positive().optional(),
    availableTime: z.number().finite().positive().optional(),
    /** Share of takt the line is balanced to, e.g. 0.95 (default 1). */
    utilisation: z.number().gt(0).max(1).optional(),
    /** Budget for the exact search; the best solution found so far is returned when it ends. */
    timeLimitMs: z.number().int().positive().max(maxTimeLimitMs).optional(),
  };
}

const { timeLimitMs, ...target } = balanceTargetFields(MAX_TIME_LIMIT_MS);

export const balancingProblemSchema = z
  .object({
    tasks: z
      .array(balancingTaskSchema)
      .min(1, 'a balancing problem needs at least one task')
      .max(MAX_TASKS, `more than ${MAX_TASKS.toLocaleString('en-US')} tasks`),
    ...target,
    constraints: balancingConstraintsSchema.optional(),
    timeLimitMs,
  })
  .superRefine((p, ctx) => {
    const takt = p.demand !== undefined || p.availableTime !== undefined;
    const targets = [p.cycleTime !== undefined, p.stations !== undefined, takt].filter(Boolean).length;
    if (targets !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['cycleTime'],
        message: 'give exactly one of cycleTime, stations, or demand with availableTime',
      });
    }
    if (takt && (p.demand === undefined || p.availableTime === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [p.demand === undefined ? 'demand' : 'availableTime'],
        message: 'takt time needs both demand and availableTime',
      });
    }
    if (p.demand !== undefined && p.availableTime !== undefined) {
      const cycle = (p.availableTime / p.demand) * (p.utilisation ?? 1);
      if (!(cycle <= MAX_TIME)) {
        ctx.addIssue({
          code: 'custom',
          path: ['availableTime'],
          message: `the takt time availableTime ÷ demand (× utilisation) must be ${withinTime}`,
        });
      }
    }
    if (p.utilisation !== undefined && !takt) {
      ctx.addIssue({ code: 'custom', path: ['utilisation'], message: 'utilisation applies to a takt time (demand and availableTime)' });
    }
    if (p.maxStations !== undefined && p.stations !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['maxStations'], message: 'maxStations caps SALBP-1; with stations given the count is fixed' });
    }
  });

export type BalancingProblemInput = z.input<typeof balancingProblemSchema>;
export type BalancingProblem = z.output<typeof balancingProblemSchema>;
export type BalancingTask = z.output<typeof balancingTaskSchema>;

/** Validates a request body; throws BalancingInputError naming the first offending field. */
export function parseBalancingProblem(input: unknown): BalancingProblem {
  const parsed = balancingProblemSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  throw new BalancingInputError(field, `${field}: ${issue.message}`);
}
