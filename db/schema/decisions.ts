import { check, doublePrecision, index, jsonb, pgEnum, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, instant } from './columns.ts';
import { liveMetric } from './enums.ts';
import { balancingRuns } from './balancing.ts';
import { kpis } from './kpis.ts';
import { people } from './people.ts';
import { lines, stations } from './plant.ts';
import { simulationRuns } from './simulations.ts';
import { usageEvents } from './usage.ts';
import { useCases } from './useCases.ts';

/** What a decision chose (server/decisions/choice.ts documents each kind's fields). */
export const decisionChoiceKind = pgEnum('decision_choice_kind', [
  'balance',
  'buffer_change',
  'maintenance_placement',
  'mix',
  'sequence',
  'free_text',
]);

/** Where a predicted value comes from: a run's prediction, or typed by hand where no run predicts the KPI. */
export const predictionSource = pgEnum('prediction_source', ['run', 'hand']);

/**
 * A decision taken with a use case: who decided, when, what was chosen and from when it takes
 * effect. A record: never changed, so that its predictions are checked as they were made.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: id(),
    useCaseId: uuid()
      .notNull()
      .references(() => useCases.id),
    choiceKind: decisionChoiceKind().notNull(),
    /** The choice as given, its kind's fields. */
    choice: jsonb().notNull(),
    /** The balancing run a chosen balance is. */
    balancingRunId: uuid().references(() => balancingRuns.id),
    effectiveFrom: instant().notNull(),
    note: text().notNull().default(''),
    decidedById: uuid()
      .notNull()
      .references(() => people.id),
    decidedAt: instant().notNull(),
    /** The use of the use case recorded with it; null when none was (see the decision's `usage`). */
    usageEventId: uuid().references(() => usageEvents.id, { onDelete: 'set null' }),
  },
  (t) => [index().on(t.useCaseId, t.decidedAt)],
);

/** The runs (simulations, comparisons, answers to the daily questions) a decision was based on. */
export const decisionRuns = pgTable(
  'decision_runs',
  {
    decisionId: uuid()
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    runId: uuid()
      .notNull()
      .references(() => simulationRuns.id),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.runId] }), index().on(t.runId)],
);

/** A decision's predicted effect on one KPI of its use case: a value and its interval, in the KPI's unit. */
export const decisionPredictions = pgTable(
  'decision_predictions',
  {
    id: id(),
    decisionId: uuid()
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    kpiId: uuid()
      .notNull()
      .references(() => kpis.id),
    value: doublePrecision().notNull(),
    low: doublePrecision().notNull(),
    high: doublePrecision().notNull(),
    scenario: text(),
    source: predictionSource().notNull(),
    /** The run the value was taken from (source `run`), and the window its prediction is over. */
    runId: uuid().references(() => simulationRuns.id),
    window: jsonb(),
    /** The KPI's live binding when the decision was recorded: what its outcome is checked against. */
    liveMetric: liveMetric(),
    liveLineId: uuid().references(() => lines.id),
    liveStationId: uuid().references(() => stations.id),
    /** The matched windows of live data before and after, computed once when due (server/decisions/liveCheck.ts). */
    liveCheck: jsonb(),
    liveCheckedAt: instant(),
  },
  (t) => [
    unique().on(t.decisionId, t.kpiId),
    index().on(t.kpiId),
    check('decision_prediction_interval', sql`${t.low} <= ${t.value} and ${t.value} <= ${t.high}`),
    check('decision_prediction_run', sql`(${t.source} = 'run') = (${t.runId} is not null)`),
  ],
);
