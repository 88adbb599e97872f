/**
 * The simulation model as zod schemas: the file format of `twinward simulate` and the body the
 * API will accept (documented in the README). Shapes only; rules that relate fields to each other
 * live in `rules.ts` and are attached in `model.ts`.
 */
import { z } from 'zod';

const time = z.number().positive({ error: 'must be a positive time' });
const name = z.string().trim().min(1).max(64);

/** A processing time distribution; parameters in the model's time unit. */
export const distribution = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('deterministic'), mean: time }),
    z.strictObject({ dist: z.literal('exponential'), mean: time }),
    // Normal with this mean and standard deviation, truncated at zero (negative draws redrawn).
    z.strictObject({ dist: z.literal('normal'), mean: time, sd: z.number().nonnegative() }),
    z.strictObject({ dist: z.literal('lognormal'), mean: time, cv: z.number().nonnegative().max(10) }),
    // Observed times, drawn with equal probability (bootstrap).
    z.strictObject({
      dist: z.literal('empirical'),
      samples: z
        .array(z.number().nonnegative({ error: 'must not be negative' }))
        .min(1)
        .max(100_000),
    }),
  ],
  { error: 'unknown distribution; expected one of deterministic, exponential, normal, lognormal, empirical' },
);

export const failure = z.strictObject({
  /** Mean time between failures: operating time (default) or calendar time, see `basis`. */
  mtbf: time,
  /** Mean time to repair. */
  mttr: time,
  basis: z.enum(['operating', 'calendar']).default('operating'),
  repair: z.enum(['exponential', 'lognormal']).default('exponential'),
  /** Coefficient of variation of lognormal repairs. */
  repairCv: z.number().positive().max(10).default(1),
});

/** Power draw in kW per machine state. */
export const power = z.strictObject({
  processing: z.number().nonnegative().default(0),
  idle: z.number().nonnegative().default(0),
  blocked: z.number().nonnegative().default(0),
  down: z.number().nonnegative().default(0),
  changeover: z.number().nonnegative().default(0),
  /** In a planned stop of the station's calendar (break, planned maintenance); the idle draw when not given. */
  planned: z.number().nonnegative().optional(),
});

export const machine = z.strictObject({
  name,
  /** Parallel identical machines sharing the station's input and output buffers. */
  count: z.number().int().min(1).max(64).default(1),
  processTime: z.union([distribution, z.record(z.string(), distribution)], {
    error: 'expected a distribution {"dist": …} or an object of distributions by product name',
  }),
  failure: failure.optional(),
  /** Changeover time from product (outer key) to product (inner key); missing pairs are 0. */
  changeover: z.record(z.string(), z.record(z.string(), z.number().nonnegative())).optional(),
  power: power.optional(),
});

export const product = z.strictObject({
  name,
  /** Share of released parts (normalised over all products); ignored with a fixed sequence. */
  share: z.number().positive().optional(),
});

/** Seconds in one of the model's time units (`timeUnit`). */
export const SECONDS_PER_TIME_UNIT = { s: 1, min: 60, h: 3600 } as const;

/** The model as written, before cross-field rules. */
export const modelShape = z.strictObject({
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  timeUnit: z.enum(['s', 'min', 'h']).default('min'),
  machines: z.array(machine).min(1).max(200),
  /** Capacity of each buffer between consecutive machines (parts waiting, excluding machines). */
  buffers: z.array(z.number().int().min(0).max(1_000_000)),
  products: z.array(product).min(1).max(50).optional(),
  /** Fixed release sequence of product names, repeated; without it parts follow the shares. */
  sequence: z.array(z.string()).min(1).max(10_000).optional(),
  /** Warm-up removed from each replication: a time, or `auto` (MSER-5). */
  warmup: z.union([z.number().nonnegative(), z.literal('auto')], { error: 'expected a time (≥ 0) or "auto"' }).default('auto'),
  /** Simulated time per replication, including the warm-up. */
  horizon: time.max(1e12),
  replications: z.number().int().min(2).max(1000).default(10),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  /** Add replications until the CI half-width is at most this share of the mean. */
  precision: z
    .strictObject({
      relativeHalfWidth: z.number().positive().max(1),
      maxReplications: z.number().int().min(2).max(1000).default(100),
    })
    .optional(),
  energy: z.strictObject({ peakIntervalMinutes: z.number().positive().max(1440).default(15) }).optional(),
  limits: z
    .strictObject({
      /** Refuse runs estimated to need more wall time than this (on all cores together). */
      maxWallSeconds: z.number().positive().max(86_400).default(600),
      /** Stop a replication after this many events (default: 4 × its estimate). */
      maxEventsPerReplication: z.number().int().positive().optional(),
    })
    .optional(),
});
