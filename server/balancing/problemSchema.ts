/**
 * The balancing problem as the API and the CLI accept it, validated with zod. Task ids may be
 * strings or integers (CSV codes, `.alb` numbers) and are normalised to strings. Exactly one
 * target is given: a cycle time (type 1), a number of stations (type 2), or demand and
 * available production time, whose quotient is the takt time (type 1 at takt × utilisation).
 *
 * The variants: `models` with demand shares and per task `times` by model (mixed-model lines,
 * with `mixedRule` strict or average and its `overloadTolerance`), `layout: "u"` (U-lines)
 * and `parallel` (stations replicated into workplaces where a task is longer than the cycle).
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

const modelId = z.string().trim().min(1).max(64);

export const balancingTaskSchema = z.object({
  id: taskId,
  /** Task time in the line's time unit; positive, at most 3 decimals (see scale.ts). Single-model lines. */
  time: timeSchema.optional(),
  /** Mixed-model lines: the task's time for each model (0 where a model does not need it). */
  times: z.record(modelId, z.number().finite().min(0).max(MAX_TIME, withinTime)).optional(),
  predecessors: z.array(taskId).default([]),
});

/** A product variant of a mixed-model line with its share of demand (shares are normalised to sum 1). */
export const balancingModelSchema = z.object({ id: modelId, share: z.number().finite().positive().max(1e6) });

/** Most models a mixed-model problem may have (each is a load every station is checked in). */
export const MAX_MODELS = 32;
/** Most workplaces a station may be replicated into. */
export const MAX_REPLICAS = 16;

/**
 * The options of the variants, declared once for every entry point (the problem, a stored
 * line's balance, the query of an upload). Which combinations are valid is checked on the problem.
 */
export function balanceVariantFields() {
  return {
    /** strict: every model's station load ≤ cycle; average: the share-weighted load ≤ cycle and each model's ≤ cycle × (1 + overloadTolerance). */
    mixedRule: z.enum(['strict', 'average']).optional(),
    overloadTolerance: z.number().finite().min(0).max(1).optional(),
    /** straight (default) or u: a U-shaped line whose stations may take work from both legs. */
    layout: z.enum(['straight', 'u']).optional(),
    /** Stations replicated into up to maxReplicas parallel workplaces where a task is longer than the cycle time. */
    parallel: z
      .object({
        maxReplicas: z.number().int().min(2).max(MAX_REPLICAS),
        /** Cost of each workplace beyond a station's first, in stations (default 1: the objective counts workplaces). */
        replicaCost: z.number().finite().min(0).max(100).default(1),
      })
      .strict()
      .optional(),
  };
}

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
    models: z.array(balancingModelSchema).min(1).max(MAX_MODELS, `at most ${MAX_MODELS} models`).optional(),
    ...balanceVariantFields(),
    /** Mixed-model lines: a launch sequence of model ids to check for work overload on the balance found. */
    sequence: z.array(modelId).min(1).max(100_000).optional(),
    ...target,
    constraints: balancingConstraintsSchema.optional(),
    timeLimitMs,
  })
  .superRefine((p, ctx) => {
    checkVariants(p, ctx);
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

type ProblemShape = {
  tasks: z.output<typeof balancingTaskSchema>[];
  models?: { id: string; share: number }[];
  mixedRule?: 'strict' | 'average';
  overloadTolerance?: number;
  layout?: 'straight' | 'u';
  parallel?: { maxReplicas: number; replicaCost: number };
  sequence?: string[];
  stations?: number;
  constraints?: z.output<typeof balancingConstraintsSchema>;
};

/** Where a refinement reports a problem: a path in the object and a message. */
type Issue = (path: (string | number)[], message: string) => void;

/**
 * Models and task times agree: with models every task gives `times` (known models only, one
 * positive), without them a `time`. Shared by the problem and a stored line's tasks.
 */
export function checkModelTimes(
  p: { models?: { id: string }[]; tasks: { time?: number; times?: Record<string, number> }[] },
  issue: Issue,
): void {
  const models = p.models?.map((m) => m.id);
  if (!models) {
    p.tasks.forEach((t, i) => {
      if (t.times !== undefined) issue(['tasks', i, 'times'], 'times by model need `models` with their demand shares');
      else if (t.time === undefined) issue(['tasks', i, 'time'], 'required');
    });
    return;
  }
  const known = new Set<string>();
  models.forEach((id, k) => {
    if (known.has(id)) issue(['models', k, 'id'], `model "${id}" is listed twice`);
    known.add(id);
  });
  p.tasks.forEach((t, i) => {
    if (t.time !== undefined) issue(['tasks', i, 'time'], 'with models, give the time of each model in `times` instead');
    else if (t.times === undefined) issue(['tasks', i, 'times'], 'required: the time of each model, e.g. {"A": 12, "B": 0}');
    else {
      for (const key of Object.keys(t.times)) if (!known.has(key)) issue(['tasks', i, 'times', key], `unknown model "${key}"`);
      if (!Object.values(t.times).some((v) => v > 0)) issue(['tasks', i, 'times'], 'at least one model needs this task (a positive time)');
    }
  });
}

/** Models and task times agree; the options of the variants are combined in ways that exist. */
function checkVariants(p: ProblemShape, ctx: z.RefinementCtx): void {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  checkModelTimes(p, issue);
  if (!p.models) {
    for (const key of ['mixedRule', 'overloadTolerance', 'sequence'] as const) {
      if (p[key] !== undefined) issue([key], `${key} applies to mixed-model lines (give \`models\`)`);
    }
  } else {
    const known = new Set(p.models.map((m) => m.id));
    if (p.mixedRule === 'average' && p.overloadTolerance === undefined) {
      issue(['overloadTolerance'], 'the average rule needs the overload a model may take beyond the cycle time, e.g. 0.15');
    }
    if (p.mixedRule !== 'average' && p.overloadTolerance !== undefined) {
      issue(['overloadTolerance'], 'overloadTolerance applies to the average rule (mixedRule "average")');
    }
    p.sequence?.forEach((m, k) => {
      if (!known.has(m)) issue(['sequence', k], `unknown model "${m}"`);
    });
  }
  if (p.layout === 'u' && (p.constraints?.mustShare.length ?? 0) > 0) {
    issue(['constraints', 'mustShare'], 'must-share pairs are not supported on U-lines (a U-line may join tasks far apart in the graph)');
  }
  if (p.parallel && p.stations !== undefined) {
    issue(['parallel'], 'parallel stations need a cycle time: the number of stations does not fix the number of workplaces');
  }
}

export type BalancingProblemInput = z.input<typeof balancingProblemSchema>;
export type BalancingProblem = z.output<typeof balancingProblemSchema>;
/** A task of a problem as parsed (single-model `time` or mixed-model `times`). */
export type ProblemTask = z.output<typeof balancingTaskSchema>;
/** A single-model task, as the `.alb` and CSV parsers read them. */
export type BalancingTask = { id: string; time: number; predecessors: string[] };

/** Validates a request body; throws BalancingInputError naming the first offending field. */
export function parseBalancingProblem(input: unknown): BalancingProblem {
  const parsed = balancingProblemSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  throw new BalancingInputError(field, `${field}: ${issue.message}`);
}
