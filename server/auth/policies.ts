import type { AccessRole } from '../deps.ts';

/**
 * The permission matrix: each route names one policy, each policy the roles that pass it. The
 * domain function then checks the row: the caller's scope, and whether it is theirs to change.
 * Machine roles: `ingest` only sends plant data; `integration` reads and records for people.
 */
export const policies = {
  // Who the caller is: every valid token.
  self: ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'ingest', 'integration'],
  'password:change': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  read: ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'integration'],
  'plant:write': ['admin'],
  'people:write': ['admin'],
  'tokens:write': ['admin'],
  'program:write': ['admin', 'sponsor'],
  'group:write': ['admin', 'sponsor'],
  'use-case:write': ['admin', 'sponsor', 'owner'],
  'kpi:write': ['admin', 'sponsor', 'owner'],
  'measurement:write': ['admin', 'sponsor', 'owner', 'planner', 'integration'],
  // A decision is recorded by whoever takes it: the use case's owner, a planner in scope, an admin.
  'decision:write': ['admin', 'owner', 'planner'],
  'milestone:write': ['admin', 'sponsor'],
  'review:write': ['admin', 'sponsor'],
  'usage:write': ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'integration'],
  'audit:read': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  // A person arranges their own stand-in for an absence; admins arrange anyone's.
  'stand-in:write': ['admin', 'sponsor', 'owner', 'planner'],
  // Anyone who works with the twin may raise a question; owners and planners settle them.
  'escalation:raise': ['admin', 'sponsor', 'owner', 'planner', 'viewer'],
  'escalation:handle': ['admin', 'sponsor', 'owner', 'planner'],
  'data-source:write': ['admin', 'sponsor', 'owner'],
  'data:ingest': ['admin', 'sponsor', 'owner', 'planner', 'ingest', 'integration'],
  // Machine events come from gateways and integrations; admins may send them by hand.
  'events:ingest': ['admin', 'ingest', 'integration'],
  'warnings:configure': ['admin', 'sponsor'],
  // Planners run the twin's computations; sponsors may too, to check a claim.
  'compute:run': ['admin', 'sponsor', 'owner', 'planner'],
  'line-model:write': ['admin', 'owner', 'planner'],
  // A line's planned orders and work orders: planners, or the ERP's and CMMS's integration sending them.
  'plan:import': ['admin', 'planner', 'integration'],
} as const satisfies Record<string, readonly AccessRole[]>;

export type Policy = keyof typeof policies;

/** True when a role passes a policy. */
export function allows(policy: Policy, role: AccessRole): boolean {
  return (policies[policy] as readonly AccessRole[]).includes(role);
}
