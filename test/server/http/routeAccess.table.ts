/**
 * Who gets in where, written by hand from the access rules of issue 10 (README, Security), never
 * derived from server/auth/policies.ts: a caller listed in `allow` is let in (any answer but 401
 * or 403), every other column is refused with 403; `outside` is the answer to an admin whose
 * scope is another site (404 where the route names something tied to the plant, `ok` where it
 * lists or makes something not tied to a site, 403 where it changes the enterprise above the sites). Without credentials, or with a revoked token,
 * every route but the public ones answers 401.
 *
 * Columns: admin sponsor owner planner viewer ingest integration otherOwner (an owner who owns nothing).
 */
export interface ExpectedAccess {
  allow: string;
  outside: 403 | 404 | 'ok';
}

const READ = 'admin sponsor owner planner viewer integration otherOwner';
const PEOPLE = 'admin sponsor owner planner viewer otherOwner';
const ADMIN = 'admin';
const SPONSORS = 'admin sponsor';
const STEWARDS = 'admin sponsor owner';
const MEASURERS = 'admin sponsor owner planner integration';
const LINE_MODELS = 'admin owner planner otherOwner';
const COMPUTE = 'admin sponsor owner planner otherOwner';
const HANDLERS = 'admin sponsor owner';
const RUN_KEEPERS = 'admin planner';
const PLAN_IMPORTERS = 'admin planner integration';

const rows: [string, string, 403 | 404 | 'ok'][] = [
  // The plant; above a site, only an admin of the whole enterprise (the outsider administers one site: 403)
  ['POST /api/v1/enterprises', ADMIN, 403],
  ['GET /api/v1/enterprises', READ, 'ok'],
  ['GET /api/v1/enterprises/:id/hierarchy', READ, 'ok'],
  ['POST /api/v1/sites', ADMIN, 403],
  ['POST /api/v1/areas', ADMIN, 404],
  ['POST /api/v1/lines', ADMIN, 404],
  ['GET /api/v1/lines/:id', READ, 404],
  ['POST /api/v1/stations', ADMIN, 404],
  ['GET /api/v1/sites', READ, 'ok'],
  ['GET /api/v1/areas', READ, 'ok'],
  ['GET /api/v1/lines', READ, 'ok'],
  ['GET /api/v1/stations', READ, 'ok'],
  ['PATCH /api/v1/enterprises/:id', ADMIN, 403],
  ['DELETE /api/v1/enterprises/:id', ADMIN, 403],
  ['PATCH /api/v1/sites/:id', ADMIN, 404],
  ['DELETE /api/v1/sites/:id', ADMIN, 404],
  ['PATCH /api/v1/areas/:id', ADMIN, 404],
  ['DELETE /api/v1/areas/:id', ADMIN, 404],
  ['PATCH /api/v1/lines/:id', ADMIN, 404],
  ['DELETE /api/v1/lines/:id', ADMIN, 404],
  ['PATCH /api/v1/stations/:id', ADMIN, 404],
  ['DELETE /api/v1/stations/:id', ADMIN, 404],
  // People, tokens, stand-ins: the outsider administers one site and manages only the people within it (403)
  ['GET /api/v1/me', 'admin sponsor owner planner viewer ingest integration otherOwner', 'ok'],
  ['POST /api/v1/people', ADMIN, 'ok'],
  ['GET /api/v1/people', READ, 'ok'],
  ['GET /api/v1/people/:id', READ, 'ok'],
  ['PATCH /api/v1/people/:id', ADMIN, 403],
  ['POST /api/v1/people/:id/tokens', ADMIN, 403],
  ['GET /api/v1/people/:id/tokens', ADMIN, 'ok'],
  ['GET /api/v1/tokens', ADMIN, 'ok'],
  ['POST /api/v1/tokens/:id/revoke', ADMIN, 403],
  ['POST /api/v1/people/:id/archive', ADMIN, 403],
  ['POST /api/v1/people/:id/restore', ADMIN, 403],
  ['DELETE /api/v1/people/:id', ADMIN, 403],
  // The owner's own stand-ins: arranged by them or an admin.
  ['POST /api/v1/people/:id/stand-ins', 'admin owner', 'ok'],
  ['GET /api/v1/people/:id/stand-ins', READ, 'ok'],
  ['DELETE /api/v1/stand-ins/:id', 'admin owner', 'ok'],
  // Sessions and passwords
  ['DELETE /api/v1/sessions/current', 'admin sponsor owner planner viewer ingest integration otherOwner', 'ok'],
  ['GET /api/v1/people/:id/sessions', ADMIN, 403],
  ['POST /api/v1/sessions/:id/revoke', ADMIN, 403],
  ['POST /api/v1/people/:id/password-reset', ADMIN, 403],
  // Only from a browser session signed in with the password: every token is refused.
  ['POST /api/v1/me/password', '', 403],
  // Your own notification settings: every credential reads them; only people change them (a machine token may not redirect them).
  ['GET /api/v1/me/notification-settings', 'admin sponsor owner planner viewer ingest integration otherOwner', 'ok'],
  ['PUT /api/v1/me/notification-settings', PEOPLE, 'ok'],
  // Programs and groups: their sponsor and admins
  ['POST /api/v1/programs', SPONSORS, 404],
  ['GET /api/v1/programs', READ, 'ok'],
  ['GET /api/v1/programs/:id', READ, 404],
  ['PATCH /api/v1/programs/:id', SPONSORS, 404],
  ['GET /api/v1/programs/:id/roi', READ, 404],
  ['GET /api/v1/programs/:id/adoption', READ, 404],
  ['POST /api/v1/programs/:id/archive', SPONSORS, 404],
  ['POST /api/v1/programs/:id/restore', SPONSORS, 404],
  ['DELETE /api/v1/programs/:id', SPONSORS, 404],
  ['POST /api/v1/programs/:id/user-groups', SPONSORS, 404],
  ['GET /api/v1/programs/:id/user-groups', READ, 404],
  ['GET /api/v1/user-groups/:id', READ, 404],
  ['PATCH /api/v1/user-groups/:id', SPONSORS, 404],
  ['POST /api/v1/user-groups/:id/archive', SPONSORS, 404],
  ['POST /api/v1/user-groups/:id/restore', SPONSORS, 404],
  ['DELETE /api/v1/user-groups/:id', SPONSORS, 404],
  ['POST /api/v1/user-groups/:id/members', SPONSORS, 404],
  ['DELETE /api/v1/user-groups/:id/members/:personId', SPONSORS, 404],
  ['POST /api/v1/user-groups/:id/escalation-route', SPONSORS, 404],
  ['DELETE /api/v1/user-groups/:id/escalation-route/:personId', SPONSORS, 404],
  // Use cases: their owner, the sponsor, admins; an owner proposes one they will own
  ['POST /api/v1/programs/:id/use-cases', STEWARDS, 404],
  ['GET /api/v1/programs/:id/use-cases', READ, 404],
  ['GET /api/v1/use-cases/:id/usage', READ, 404],
  ['GET /api/v1/use-cases/:id', READ, 404],
  ['PATCH /api/v1/use-cases/:id', STEWARDS, 404],
  ['POST /api/v1/use-cases/:id/transitions', STEWARDS, 404],
  ['GET /api/v1/use-cases/:id/transitions', READ, 404],
  // Anyone records their own use (the other owner is let in and told which group to name).
  ['POST /api/v1/use-cases/:id/usage', 'admin sponsor owner planner viewer integration otherOwner', 404],
  // Removing a use changes adoption figures: the use case's stewards only.
  ['DELETE /api/v1/usage-events/:id', STEWARDS, 404],
  ['POST /api/v1/use-cases/:id/groups', STEWARDS, 404],
  ['DELETE /api/v1/use-cases/:id/groups/:groupId', STEWARDS, 404],
  ['DELETE /api/v1/use-cases/:id', STEWARDS, 404],
  // A use case answered by one of the twin's questions: its stewards bind it; those who compute ask it
  ['PUT /api/v1/use-cases/:id/question', STEWARDS, 404],
  ['DELETE /api/v1/use-cases/:id/question', STEWARDS, 404],
  ['POST /api/v1/use-cases/:id/answers', COMPUTE, 404],
  ['GET /api/v1/use-cases/:id/answers', READ, 404],
  // KPIs and their measured values
  ['POST /api/v1/use-cases/:id/kpis', STEWARDS, 404],
  ['GET /api/v1/use-cases/:id/kpis', READ, 404],
  ['GET /api/v1/kpis/:id', READ, 404],
  ['PATCH /api/v1/kpis/:id', STEWARDS, 404],
  ['POST /api/v1/kpis/:id/measurements', MEASURERS, 404],
  ['PATCH /api/v1/kpi-measurements/:id', MEASURERS, 404],
  ['DELETE /api/v1/kpi-measurements/:id', MEASURERS, 404],
  ['GET /api/v1/kpis/:id/measurements', READ, 404],
  ['POST /api/v1/kpis/:id/archive', STEWARDS, 404],
  ['POST /api/v1/kpis/:id/restore', STEWARDS, 404],
  ['DELETE /api/v1/kpis/:id', STEWARDS, 404],
  // Decisions: the use case's owner, a planner in scope or an admin records one; everyone in scope reads them and the track records
  ['POST /api/v1/decisions', 'admin owner planner', 404],
  ['GET /api/v1/decisions/:id', READ, 404],
  ['GET /api/v1/use-cases/:id/decisions', READ, 404],
  ['GET /api/v1/use-cases/:id/track-record', READ, 404],
  ['GET /api/v1/lines/:id/track-record', READ, 404],
  // Milestones and reviews: the sponsor and admins
  ['POST /api/v1/programs/:id/milestones', SPONSORS, 404],
  ['GET /api/v1/programs/:id/milestones', READ, 404],
  ['GET /api/v1/milestones/:id', READ, 404],
  ['PATCH /api/v1/milestones/:id', SPONSORS, 404],
  ['POST /api/v1/programs/:id/reviews', SPONSORS, 404],
  ['GET /api/v1/programs/:id/reviews', READ, 404],
  ['GET /api/v1/reviews/:id', READ, 404],
  ['DELETE /api/v1/milestones/:id', SPONSORS, 404],
  // Escalations: anyone raises and comments; the assignee, the subject's owner, the sponsor, admins handle
  ['POST /api/v1/escalations', PEOPLE, 404],
  ['GET /api/v1/escalations/:id', READ, 404],
  ['POST /api/v1/escalations/:id/acknowledge', HANDLERS, 404],
  ['POST /api/v1/escalations/:id/resolve', HANDLERS, 404],
  ['POST /api/v1/escalations/:id/reopen', HANDLERS, 404],
  ['POST /api/v1/escalations/:id/reassign', HANDLERS, 404],
  ['POST /api/v1/escalations/:id/comments', PEOPLE, 404],
  ['GET /api/v1/me/escalations', READ, 'ok'],
  ['GET /api/v1/programs/:id/escalations', READ, 404],
  ['GET /api/v1/escalations', READ, 'ok'],
  ['GET /api/v1/programs/:id/escalation-figures', READ, 404],
  // Data sources: their owner, the sponsor, admins; gateways send heartbeats
  ['POST /api/v1/programs/:id/data-sources', STEWARDS, 404],
  ['GET /api/v1/programs/:id/data-sources', READ, 404],
  ['GET /api/v1/data-sources/:id', READ, 404],
  ['PATCH /api/v1/data-sources/:id', STEWARDS, 404],
  ['POST /api/v1/data-sources/:id/heartbeat', 'admin sponsor owner planner ingest integration otherOwner', 404],
  // Machine events: gateways and integrations (admins by hand); a station of another site is rejected in the answer
  ['POST /api/v1/ingest', 'admin ingest integration', 'ok'],
  // Sparkplug B: admins map edge nodes to stations; everyone reads the mappings and nodes of what they see
  ['GET /api/v1/sparkplug/mappings', READ, 'ok'],
  ['POST /api/v1/sparkplug/mappings', ADMIN, 404],
  ['DELETE /api/v1/sparkplug/mappings/:id', ADMIN, 404],
  ['GET /api/v1/sparkplug/nodes', READ, 'ok'],
  // A site's reason tree and work schedule: admins keep them; planners and owners plan stops; everyone in scope reads
  ['GET /api/v1/sites/:id/stop-reasons', READ, 404],
  ['PUT /api/v1/sites/:id/stop-reasons', ADMIN, 404],
  ['GET /api/v1/sites/:id/schedule', READ, 404],
  ['PUT /api/v1/sites/:id/schedule', ADMIN, 404],
  ['GET /api/v1/sites/:id/planned-stops', READ, 404],
  ['POST /api/v1/sites/:id/planned-stops', LINE_MODELS, 404],
  ['DELETE /api/v1/planned-stops/:id', LINE_MODELS, 404],
  // Live state and ISO 22400 metrics: everyone in scope reads
  ['GET /api/v1/lines/:id/live', READ, 404],
  ['GET /api/v1/lines/:id/metrics', READ, 404],
  ['GET /api/v1/stations/:id/metrics', READ, 404],
  ['POST /api/v1/use-cases/:id/data-sources', STEWARDS, 404],
  ['DELETE /api/v1/use-cases/:id/data-sources/:dataSourceId', STEWARDS, 404],
  ['GET /api/v1/use-cases/:id/trust', READ, 404],
  ['GET /api/v1/programs/:id/data-map', READ, 404],
  ['POST /api/v1/data-sources/:id/archive', STEWARDS, 404],
  ['POST /api/v1/data-sources/:id/restore', STEWARDS, 404],
  ['DELETE /api/v1/data-sources/:id', STEWARDS, 404],
  // Early warnings
  ['GET /api/v1/programs/:id/early-warnings', READ, 404],
  ['GET /api/v1/use-cases/:id/early-warnings', READ, 404],
  ['GET /api/v1/programs/:id/early-warning-settings', READ, 404],
  ['PUT /api/v1/programs/:id/early-warning-settings', SPONSORS, 404],
  // Line models and computations: planners (and owners) in scope; a run is removed by its maker, a planner or an admin
  ['PUT /api/v1/lines/:id/tasks', LINE_MODELS, 404],
  ['GET /api/v1/lines/:id/tasks', READ, 404],
  ['POST /api/v1/lines/:id/balance', COMPUTE, 404],
  ['POST /api/v1/balancing-runs', COMPUTE, 'ok'],
  ['POST /api/v1/balancing-runs/upload', COMPUTE, 'ok'],
  ['GET /api/v1/balancing-runs', READ, 'ok'],
  ['GET /api/v1/balancing-runs/:id', READ, 404],
  ['GET /api/v1/balancing-runs/:id/simulation-model', READ, 404],
  ['DELETE /api/v1/balancing-runs/:id', RUN_KEEPERS, 404],
  ['PUT /api/v1/lines/:id/simulation-model', LINE_MODELS, 404],
  ['GET /api/v1/lines/:id/simulation-model', READ, 404],
  ['POST /api/v1/lines/:id/simulations', COMPUTE, 404],
  ['POST /api/v1/simulations', COMPUTE, 'ok'],
  ['POST /api/v1/simulation-comparisons', COMPUTE, 'ok'],
  ['GET /api/v1/simulations', READ, 'ok'],
  ['GET /api/v1/simulations/:id', READ, 404],
  ['POST /api/v1/simulations/:id/cancel', RUN_KEEPERS, 404],
  ['DELETE /api/v1/simulations/:id', RUN_KEEPERS, 404],
  ['POST /api/v1/lines/:id/calibrations', COMPUTE, 404],
  // The plant's daily questions, asked of a line like a simulation
  ['POST /api/v1/lines/:id/forecasts/next-shift', COMPUTE, 404],
  ['POST /api/v1/lines/:id/maintenance-plans', COMPUTE, 404],
  ['POST /api/v1/lines/:id/mix-scenarios', COMPUTE, 404],
  ['GET /api/v1/lines/:id/balance-comparison', READ, 404],
  ['POST /api/v1/calibrations/:id/apply', LINE_MODELS, 404],
  // A line's planned orders (ERP) and work orders (CMMS): planners and the integrations that send them import; everyone in scope reads
  ['POST /api/v1/lines/:id/orders', PLAN_IMPORTERS, 404],
  ['GET /api/v1/lines/:id/orders', READ, 404],
  ['POST /api/v1/lines/:id/work-orders', PLAN_IMPORTERS, 404],
  ['GET /api/v1/lines/:id/work-orders', READ, 404],
  // The audit trail of something in scope
  ['GET /api/v1/audit/:entityType/:entityId', PEOPLE, 404],
];

export const expectedAccess: Record<string, ExpectedAccess> = Object.fromEntries(
  rows.map(([key, allow, outside]) => [key, { allow, outside }]),
);

/**
 * Routes anyone may call without credentials, with their answer to a call without a body: health,
 * the vendored assets, the API reference, and the ways to get credentials.
 */
export const publicRoutes: Record<string, number> = {
  'GET /healthz': 200,
  'GET /vendor/:name': 200,
  'GET /api/docs': 200,
  'GET /api/docs/start.js': 200,
  'GET /api/openapi.json': 200,
  'POST /api/v1/sessions': 400,
  'POST /api/v1/password-resets/use': 400,
  'GET /api/v1/sessions/methods': 200,
  // Single sign-on is not configured in that test: its two URLs say so.
  'GET /api/v1/sessions/oidc/start': 404,
  'GET /api/v1/sessions/oidc/callback': 404,
};
