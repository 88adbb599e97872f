import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant } from './columns.ts';
import { lines } from './plant.ts';
import { people } from './people.ts';
import { useCases } from './useCases.ts';

/** What a run computes: a simulation, a comparison, a calibration, or one of the plant's daily questions. */
export const simulationRunKind = pgEnum('simulation_run_kind', [
  'simulation',
  'comparison',
  'calibration',
  'next_shift',
  'maintenance_plan',
  'mix_scenario',
]);
export const simulationRunStatus = pgEnum('simulation_run_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);

/** A line's throughput model: machines named by station code, buffers, mix, energy (MODEL.md). */
export const lineSimulationModels = pgTable('line_simulation_models', {
  lineId: uuid()
    .primaryKey()
    .references(() => lines.id),
  model: jsonb().notNull(),
  updatedById: uuid()
    .notNull()
    .references(() => people.id),
  updatedAt: instant().notNull(),
});

/**
 * A simulation or scenario comparison, queued in the database: the runner claims queued rows
 * with SKIP LOCKED, beats `heartbeatAt` while it runs, and a run whose heartbeat stopped (its
 * instance died) goes back to the queue. Input and result are stored together.
 */
export const simulationRuns = pgTable(
  'simulation_runs',
  {
    id: id(),
    kind: simulationRunKind().notNull(),
    lineId: uuid().references(() => lines.id),
    /** The use case this run answered (a question asked for a use case bound to it); null: none. */
    useCaseId: uuid().references(() => useCases.id),
    title: text().notNull(),
    input: jsonb().notNull(),
    status: simulationRunStatus().notNull().default('queued'),
    /** Share of the work done, 0 to 1, with the runner's own words. */
    progress: doublePrecision().notNull().default(0),
    progressNote: text().notNull().default(''),
    result: jsonb(),
    error: jsonb(),
    cancelRequested: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    createdById: uuid()
      .notNull()
      .references(() => people.id),
    createdAt: instant().notNull(),
    startedAt: instant(),
    heartbeatAt: instant(),
    finishedAt: instant(),
  },
  (t) => [index().on(t.status, t.createdAt), index().on(t.lineId, t.createdAt)],
);
