/** The bodies of the three questions (the API's and a use case's bound parameters share them). */
import { z } from '@hono/zod-openapi';
import { isoDateTime, name } from '../http/schemas.ts';
import { stateClasses } from '../events/index.ts';

const precision = z
  .object({
    replications: z.number().int().min(2).max(1000).optional().openapi({ description: 'Replications to start with (20)' }),
    maxReplications: z.number().int().min(2).max(2000).optional().openapi({ description: 'At most this many (400)' }),
    relativeHalfWidth: z
      .number()
      .min(0.001)
      .max(0.5)
      .optional()
      .openapi({ description: 'Add replications until the key figure’s 95 % half-width is at most this share of it (0.02)' }),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((p) => p.replications === undefined || p.maxReplications === undefined || p.replications <= p.maxReplications, {
    message: 'must not be below replications',
    path: ['maxReplications'],
  });

const start = z
  .object({
    stations: z
      .array(
        z
          .object({
            code: z.string().min(1).max(64),
            state: z.enum(stateClasses).nullable(),
            since: isoDateTime.nullable(),
            product: z.string().max(200).nullable(),
          })
          .strict(),
      )
      .max(200),
    buffers: z
      .array(
        z
          .object({
            before: z.string().min(1).max(64),
            level: z.number().int().min(0).max(1_000_000).nullable(),
            basis: z.enum(['measured', 'derived', 'unknown']).default('measured'),
          })
          .strict(),
      )
      .max(200),
  })
  .strict()
  .openapi({
    description: 'The line’s state to start from instead of its live state (each station’s state, since when, its product; the buffers)',
  });

const common = {
  title: name.optional(),
  model: z.record(z.string(), z.unknown()).optional().openapi({
    description: 'A simulation model of the line to use instead of its calibrated or stored one (machines named by station code, in order)',
  }),
  start: start.optional(),
  precision: precision.optional(),
};

const lot = z.object({ product: z.string().min(1).max(200), quantity: z.number().int().min(1).max(100_000) }).strict();
const lots = z
  .array(lot)
  .min(1)
  .max(1000)
  .refine((ls) => ls.reduce((s, l) => s + l.quantity, 0) <= 1_000_000, 'at most 1 000 000 parts in all');
const scenario = z
  .object({
    name,
    lots: lots.optional().openapi({ description: 'Lots in the order they are made' }),
    shares: z
      .record(z.string().min(1).max(200), z.number().min(0))
      .optional()
      .openapi({ description: 'Or product shares, drawn part by part' }),
  })
  .strict()
  .refine((s) => (s.lots === undefined) !== (s.shares === undefined), { message: 'give either lots or shares', path: ['lots'] });

const candidate = z
  .object({
    externalId: z.string().min(1).max(100),
    station: z.string().min(1).max(64).openapi({ description: 'The station’s code' }),
    plannedMinutes: z.number().gt(0).max(43_200),
    earliestStart: isoDateTime,
    latestStart: isoDateTime,
    failureRateFactor: z.number().gt(0).lte(1).nullable().optional(),
  })
  .strict();

export const nextShiftBody = z.object(common).strict();

export const maintenanceBody = z
  .object({
    ...common,
    workOrders: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: 'Only these open preventive work orders (by externalId)' }),
    candidates: z
      .array(candidate)
      .max(20)
      .optional()
      .openapi({ description: 'Work to place given inline, besides the stored work orders' }),
  })
  .strict();

export const mixBody = z
  .object({
    ...common,
    orders: lots.optional().openapi({ description: 'The current plan as lots in the order they are made' }),
    scenarios: z.array(scenario).max(10).optional(),
    peakLimitKw: z.number().positive().max(1_000_000).optional(),
  })
  .strict();

/** Each question's body, by its kind. */
export const questionBodies = { next_shift: nextShiftBody, maintenance_plan: maintenanceBody, mix_scenario: mixBody } as const;
