import { pgEnum } from 'drizzle-orm/pg-core';

/** Access roles a bearer token can carry. */
export const accessRole = pgEnum('access_role', ['admin', 'sponsor', 'owner', 'planner', 'viewer']);

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

export const useCaseStatus = pgEnum('use_case_status', ['proposed', 'piloting', 'operational', 'retired']);

export const kpiDirection = pgEnum('kpi_direction', ['higher_is_better', 'lower_is_better']);

export const reviewCadence = pgEnum('review_cadence', ['weekly', 'monthly', 'quarterly']);

export const milestoneStatus = pgEnum('milestone_status', ['planned', 'met', 'missed', 'deferred']);
