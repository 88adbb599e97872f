import type { AccessRole } from '../deps.ts';

/**
 * The permission matrix: each route names one policy, each policy the roles that pass it.
 * `read` needs any valid token. A later revision narrows owners to their own use cases.
 */
export const policies = {
  read: ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  'plant:write': ['admin'],
  'people:write': ['admin'],
  'tokens:write': ['admin'],
  'program:write': ['admin', 'sponsor'],
  'group:write': ['admin', 'sponsor'],
  'use-case:write': ['admin', 'sponsor', 'owner'],
  'kpi:write': ['admin', 'sponsor', 'owner'],
  'measurement:write': ['admin', 'sponsor', 'owner', 'planner'],
  'milestone:write': ['admin', 'sponsor'],
  'review:write': ['admin', 'sponsor'],
  'usage:write': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  'audit:read': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  // Anyone who works with the twin may raise a question; owners and planners settle them.
  'escalation:raise': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  'escalation:handle': ['admin', 'sponsor', 'owner', 'planner'],
  'data-source:write': ['admin', 'sponsor', 'owner'],
  'data:ingest': ['admin', 'sponsor', 'owner', 'planner'],
  'warnings:configure': ['admin', 'sponsor'],
  // Planners run the twin's computations; sponsors may too, to check a claim.
  'compute:run': ['admin', 'sponsor', 'owner', 'planner'],
  'line-model:write': ['admin', 'owner', 'planner'],
} as const satisfies Record<string, readonly AccessRole[]>;

export type Policy = keyof typeof policies;

/** True when a role passes a policy. */
export function allows(policy: Policy, role: AccessRole): boolean {
  return (policies[policy] as readonly AccessRole[]).includes(role);
}
