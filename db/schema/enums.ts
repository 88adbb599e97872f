import { pgEnum } from 'drizzle-orm/pg-core';

/**
 * Access roles a bearer token can carry. `ingest` and `integration` are for machine tokens: a
 * gateway sending plant data, a system reading and recording on behalf of people.
 */
export const accessRole = pgEnum('access_role', ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'ingest', 'integration']);

/** How a browser session was opened: with twinward's own password, or through the identity provider. */
export const signInMethod = pgEnum('sign_in_method', ['password', 'oidc']);

/** How often something is expected to happen: a group's use of the twin, a decision. */
export const frequency = pgEnum('frequency', ['per_shift', 'daily', 'weekly', 'monthly']);

export const userGroupKind = pgEnum('user_group_kind', [
  'operators',
  'planners',
  'reliability_engineers',
  'plant_managers',
  'finance',
  'custom',
]);

/** The plant's daily questions the twin answers from a line's live state (server/questions). */
export const questionKind = pgEnum('question_kind', ['next_shift', 'maintenance_plan', 'mix_scenario']);

/** How a use was recorded: by hand, by answering the use case's question, by recording a decision, by opening its page. */
export const usageOrigin = pgEnum('usage_origin', ['manual', 'answer', 'decision', 'page']);

export const useCaseStatus = pgEnum('use_case_status', ['proposed', 'piloting', 'operational', 'retired']);

/**
 * The live metrics a KPI can be fed by and a run can predict: the list of `LIVE_METRICS` in
 * server/metrics/liveMetrics.ts, which defines each (a test holds the two lists equal).
 */
export const liveMetric = pgEnum('live_metric', [
  'throughput',
  'availability',
  'performance',
  'quality',
  'oee',
  'scrap_rate',
  'energy_per_good_part',
]);

/** Who recorded a KPI measurement: a person (`recordedById`), or the twin itself from live data (no person). */
export const measurementRecorder = pgEnum('measurement_recorder', ['person', 'twin']);

export const kpiDirection = pgEnum('kpi_direction', ['higher_is_better', 'lower_is_better']);

export const reviewCadence = pgEnum('review_cadence', ['weekly', 'monthly', 'quarterly']);

export const milestoneStatus = pgEnum('milestone_status', ['planned', 'met', 'missed', 'deferred']);

export const dataSourceKind = pgEnum('data_source_kind', ['plc_sensor', 'historian', 'mes', 'maintenance', 'quality', 'erp', 'other']);

/** OPC UA style quality of the last value: Bad and Uncertain count as stale. */
export const dataQuality = pgEnum('data_quality', ['good', 'uncertain', 'bad']);

export const escalationSeverity = pgEnum('escalation_severity', ['critical', 'high', 'normal', 'low']);

export const escalationStatus = pgEnum('escalation_status', ['open', 'acknowledged', 'resolved', 'reopened']);

export const escalationSubject = pgEnum('escalation_subject', ['use_case', 'kpi', 'milestone', 'data_source']);

/** Who raised it: a person, or the freshness sweep for a stale data source. */
export const escalationOrigin = pgEnum('escalation_origin', ['manual', 'freshness']);

export const escalationEventKind = pgEnum('escalation_event_kind', [
  'raised',
  'acknowledged',
  'resolved',
  'reopened',
  'escalated',
  'comment',
  'data_flowing',
  'data_stale_again',
  'reassigned',
]);

/** Kinds of machine events. */
export const eventKind = pgEnum('event_kind', ['state', 'cycle', 'energy', 'buffer', 'count']);

/**
 * The fixed state classes every source maps into. `starved`, `blocked` and `offline` are losses
 * caused outside the station (or unknown) and are reported as their own rows.
 */
export const stateClass = pgEnum('state_class', [
  'running',
  'reduced_speed',
  'starved',
  'blocked',
  'unplanned_stop',
  'setup',
  'planned_stop',
  'offline',
]);
