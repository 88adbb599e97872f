import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { createProgramFixture, createUseCaseFixture, kpiBody } from '../../helpers/fixtures.ts';

/** True for the API and the system routes beside it; the web application's pages have their own access test. */
export function isApiRoute(path: string): boolean {
  return path.startsWith('/api/') || path === '/healthz' || path.startsWith('/vendor/');
}

/** Every API route as `METHOD /path`, once each, that `keep` keeps. */
export function routeKeys(app: TestApp['app'], keep: (method: string, path: string) => boolean = () => true): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL' && isApiRoute(r.path) && keep(r.method, r.path)) seen.add(`${r.method} ${r.path}`);
  return [...seen];
}

/** The callers every route is tried with: the five people roles, two machine roles, and three that must get nowhere. */
export const columns = ['admin', 'sponsor', 'owner', 'planner', 'viewer', 'ingest', 'integration', 'otherOwner', 'outsider'] as const;
export type Column = (typeof columns)[number];

export interface World {
  tokens: Record<Column | 'revoked', string>;
  ids: Record<string, string>;
}

async function ok(t: TestApp, method: string, path: string, body?: unknown): Promise<any> {
  const res = await t.call(method, path, { body });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

async function person(t: TestApp, name: string, roles: string[], scope?: unknown) {
  const p = await ok(t, 'POST', '/api/v1/people', {
    name,
    email: `${name.toLowerCase().replaceAll(' ', '.')}@access.example`,
    roles,
    ...(scope ? { scope } : {}),
  });
  const token = await ok(t, 'POST', `/api/v1/people/${p.id}/tokens`, { role: roles[0], label: 'access test' });
  return { id: p.id as string, token: token.token as string, tokenId: token.id as string };
}

/**
 * One of everything, made by an admin: a program sponsored by the test sponsor over one site, a
 * use case, KPI, milestone and data source owned by the test owner, an escalation assigned to
 * them, line models and runs. `otherOwner` owns nothing; `outsider` is an admin whose scope is
 * the enterprise's other site, so every row check answers them 404.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const f = await createProgramFixture(t);
  for (const [i, code] of ['op10', 'op20'].entries()) {
    await ok(t, 'POST', '/api/v1/stations', { lineId: f.lineId, code, name: code, position: i + 1 });
  }
  const stations = (await ok(t, 'GET', `/api/v1/stations?lineId=${f.lineId}`)).items;
  const spareArea = await ok(t, 'POST', '/api/v1/areas', { siteId: f.siteId, code: 'spare', name: 'Spare' });
  const useCase = await createUseCaseFixture(t, f);
  const kpi = await ok(t, 'POST', `/api/v1/use-cases/${useCase.id}/kpis`, kpiBody(t));
  const measurement = await ok(t, 'POST', `/api/v1/kpis/${kpi.id}/measurements`, {
    value: 62,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    source: 'MES',
  });
  const milestone = await ok(t, 'POST', `/api/v1/programs/${f.programId}/milestones`, {
    title: 'Pilot',
    criterion: 'used daily',
    due: { quarter: '2027-Q1' },
    ownerId: t.people.owner,
  });
  const review = await ok(t, 'POST', `/api/v1/programs/${f.programId}/reviews`, {
    heldOn: '2026-11-20',
    items: [{ milestoneId: milestone.id, status: 'planned' }],
  });
  const source = await ok(t, 'POST', `/api/v1/programs/${f.programId}/data-sources`, {
    name: 'PLC',
    kind: 'plc_sensor',
    scope: { lineId: f.lineId },
    ownerId: t.people.owner,
    expectedRefreshSeconds: 60,
    maxLatencySeconds: 30,
  });
  const escalation = await ok(t, 'POST', '/api/v1/escalations', {
    subjectType: 'use_case',
    subjectId: useCase.id,
    title: 'Forecast off',
    severity: 'normal',
  });
  const usage = await ok(t, 'POST', `/api/v1/use-cases/${useCase.id}/usage`, { personId: t.people.viewer });
  const decision = await ok(t, 'POST', '/api/v1/decisions', decisionBody(useCase.id, kpi.id));
  await ok(t, 'PUT', `/api/v1/lines/${f.lineId}/tasks`, {
    tasks: [
      { id: 'A', time: 3, predecessors: [] },
      { id: 'B', time: 4, predecessors: ['A'] },
    ],
  });
  const balancing = await ok(t, 'POST', `/api/v1/lines/${f.lineId}/balance`, { cycleTime: 5 });
  const machine = (name: string) => ({ name, processTime: { dist: 'exponential', mean: 1 } });
  await ok(t, 'PUT', `/api/v1/lines/${f.lineId}/simulation-model`, {
    machines: [machine('op10'), machine('op20')],
    buffers: [4],
    warmup: 10,
    horizon: 100,
    replications: 2,
    seed: 1,
  });
  const simulation = await ok(t, 'POST', `/api/v1/lines/${f.lineId}/simulations`, { settings: { horizon: 100, seed: 1 } });
  const spareGroup = await ok(t, 'POST', `/api/v1/programs/${f.programId}/user-groups`, {
    kind: 'finance',
    name: 'Controlling',
    valuePath: 'Checks the savings',
    expectedFrequency: 'monthly',
  });
  const leaver = await person(t, 'Leaver', ['viewer']);
  const standIn = await ok(t, 'POST', `/api/v1/people/${t.people.owner}/stand-ins`, {
    standInId: t.people.planner,
    fromDate: '2026-12-01',
    toDate: '2026-12-05',
  });
  // A browser session of the leaver's, for the session routes.
  const reset = await ok(t, 'POST', `/api/v1/people/${leaver.id}/password-reset`);
  await ok(t, 'POST', '/api/v1/password-resets/use', { token: reset.token, password: 'leaver passphrase 1' });
  const session = await ok(t, 'POST', '/api/v1/sessions', { email: 'leaver@access.example', password: 'leaver passphrase 1' });
  const revoked = await person(t, 'Revoked', ['admin']);
  await ok(t, 'POST', `/api/v1/tokens/${revoked.tokenId}/revoke`);
  const plannedStop = await ok(t, 'POST', `/api/v1/sites/${f.siteId}/planned-stops`, {
    from: '2026-12-10T06:00:00Z',
    to: '2026-12-10T08:00:00Z',
    category: 'planned_maintenance',
  });
  const sparkplugMapping = await ok(t, 'POST', '/api/v1/sparkplug/mappings', {
    groupId: 'plant',
    edgeNode: 'edge1',
    stationId: stations[1].id,
  });
  const ingest = await person(t, 'Gateway', ['ingest']);
  const integration = await person(t, 'Integration', ['integration']);
  const otherOwner = await person(t, 'Other Owner', ['owner']);
  const outsider = await person(t, 'Outsider', ['admin'], { kind: 'sites', siteIds: [f.otherSiteId] });
  return {
    tokens: {
      ...(t.tokens as Record<'admin' | 'sponsor' | 'owner' | 'planner' | 'viewer', string>),
      ingest: ingest.token,
      integration: integration.token,
      otherOwner: otherOwner.token,
      outsider: outsider.token,
      revoked: revoked.token,
    },
    ids: {
      enterprise: f.enterpriseId,
      site: f.siteId,
      area: spareArea.id,
      line: f.lineId,
      station: stations[1].id,
      program: f.programId,
      group: f.groupIds.operators,
      spareGroup: spareGroup.id,
      useCase: useCase.id,
      kpi: kpi.id,
      measurement: measurement.id,
      milestone: milestone.id,
      review: review.id,
      source: source.id,
      escalation: escalation.id,
      usage: usage.id,
      decision: decision.id,
      balancing: balancing.id,
      simulation: simulation.id,
      person: leaver.id,
      personToken: leaver.tokenId,
      standIn: standIn.id,
      session: session.id,
      plannedStop: plannedStop.id,
      sparkplugMapping: sparkplugMapping.id,
      viewer: t.people.viewer,
      owner: t.people.owner,
      planner: t.people.planner,
    },
  };
}

const pathIds: Record<string, string> = {
  enterprises: 'enterprise',
  sites: 'site',
  areas: 'area',
  lines: 'line',
  stations: 'station',
  people: 'person',
  tokens: 'personToken',
  programs: 'program',
  'user-groups': 'group',
  'use-cases': 'useCase',
  'usage-events': 'usage',
  decisions: 'decision',
  kpis: 'kpi',
  'kpi-measurements': 'measurement',
  milestones: 'milestone',
  reviews: 'review',
  escalations: 'escalation',
  'data-sources': 'source',
  'balancing-runs': 'balancing',
  simulations: 'simulation',
  calibrations: 'simulation',
  'stand-ins': 'standIn',
  sessions: 'session',
  'planned-stops': 'plannedStop',
  sparkplug: 'sparkplugMapping',
};

/** The concrete path of a route in the world. Some routes name a different entity than their collection's default. */
export function pathOf(key: string, w: World): string {
  const [, template] = key.split(' ');
  const special: Record<string, string> = {
    'POST /api/v1/people/:id/stand-ins': `/api/v1/people/${w.ids.owner}/stand-ins`,
    'GET /api/v1/people/:id/stand-ins': `/api/v1/people/${w.ids.owner}/stand-ins`,
    'GET /api/v1/audit/:entityType/:entityId': `/api/v1/audit/use_case/${w.ids.useCase}`,
    'GET /vendor/:name': '/vendor/htmx.min.js',
  };
  if (special[key]) return special[key];
  const collection = template.split('/')[3];
  return template
    .replace(':id', w.ids[pathIds[collection]] ?? 'no-id')
    .replace(':personId', w.ids.viewer)
    .replace(':groupId', w.ids.group)
    .replace(':dataSourceId', w.ids.source);
}

/** A free-text decision on the world's use case with a hand-typed prediction of its KPI. */
function decisionBody(useCaseId: string, kpiId: string) {
  return {
    useCaseId,
    choice: { kind: 'free_text', text: 'Run the bigger batch on the early shift' },
    predictions: [{ kpiId, value: 64, low: 62, high: 66 }],
    effectiveFrom: '2026-11-25T08:00:00Z',
  };
}

const machine = (name: string) => ({ name, processTime: { dist: 'exponential', mean: 1 } });
const lineModel = { machines: [machine('op10'), machine('op20')], buffers: [4], warmup: 10, horizon: 100, replications: 2, seed: 1 };

/** Valid bodies, so that a caller who passes the policy reaches the row check instead of a 400. */
export function bodyOf(key: string, t: TestApp, w: World): unknown {
  const i = w.ids;
  const unique = Math.random().toString(36).slice(2, 8);
  const bodies: Record<string, unknown> = {
    'POST /api/v1/enterprises': { code: `e-${unique}`, name: 'E' },
    'POST /api/v1/sites': { enterpriseId: i.enterprise, code: `s-${unique}`, name: 'S' },
    'POST /api/v1/areas': { siteId: i.site, code: `a-${unique}`, name: 'A' },
    'POST /api/v1/lines': { areaId: i.area, code: `l-${unique}`, name: 'L' },
    'POST /api/v1/stations': { lineId: i.line, code: `st-${unique}`, name: 'St', position: 10 + Math.floor(Math.random() * 1000) },
    'PATCH /api/v1/enterprises/:id': { name: 'Renamed' },
    'PATCH /api/v1/sites/:id': { name: 'Renamed' },
    'PATCH /api/v1/areas/:id': { name: 'Renamed' },
    'PATCH /api/v1/lines/:id': { name: 'Renamed' },
    'PATCH /api/v1/stations/:id': { name: 'Renamed' },
    'POST /api/v1/people': { name: 'New', email: `new-${unique}@access.example`, roles: ['viewer'] },
    'PATCH /api/v1/people/:id': { name: 'Leaver' },
    'POST /api/v1/people/:id/tokens': { role: 'viewer', label: 'x' },
    'POST /api/v1/people/:id/stand-ins': { standInId: i.planner, fromDate: '2026-12-10', toDate: '2026-12-12' },
    'POST /api/v1/programs': {
      enterpriseId: i.enterprise,
      name: `P ${unique}`,
      sponsorId: t.people.sponsor,
      siteIds: [i.site],
      goLiveDate: '2026-06-01',
      valueWindowMonths: 9,
    },
    'PATCH /api/v1/programs/:id': { description: 'changed' },
    'POST /api/v1/programs/:id/user-groups': { kind: 'custom', name: `G ${unique}`, valuePath: 'v', expectedFrequency: 'weekly' },
    'PATCH /api/v1/user-groups/:id': { valuePath: 'changed' },
    'POST /api/v1/user-groups/:id/members': { personId: i.viewer },
    'POST /api/v1/user-groups/:id/escalation-route': { personId: i.viewer },
    'POST /api/v1/programs/:id/use-cases': {
      title: 'New',
      question: 'Which?',
      scope: { lineId: i.line },
      decisionFrequency: 'daily',
      ownerId: t.people.owner,
    },
    'PATCH /api/v1/use-cases/:id': { title: 'Renamed' },
    'POST /api/v1/use-cases/:id/transitions': { to: 'piloting' },
    'POST /api/v1/use-cases/:id/usage': {},
    'POST /api/v1/use-cases/:id/groups': { groupId: i.group },
    'POST /api/v1/use-cases/:id/kpis': kpiBody(t, { name: `K ${unique}` }),
    'PATCH /api/v1/kpis/:id': { unit: 'percent' },
    'POST /api/v1/decisions': decisionBody(i.useCase, i.kpi),
    'POST /api/v1/kpis/:id/measurements': { value: 63, periodStart: '2026-09-01', periodEnd: '2026-09-30', source: 'MES' },
    'PATCH /api/v1/kpi-measurements/:id': { value: 64 },
    'POST /api/v1/programs/:id/milestones': { title: `M ${unique}`, criterion: 'c', due: { quarter: '2027-Q2' }, ownerId: t.people.owner },
    'PATCH /api/v1/milestones/:id': { criterion: 'changed' },
    'POST /api/v1/programs/:id/reviews': { heldOn: '2026-11-24', items: [{ milestoneId: i.milestone, status: 'planned' }] },
    'POST /api/v1/escalations': { subjectType: 'use_case', subjectId: i.useCase, title: 'Question', severity: 'low' },
    'POST /api/v1/escalations/:id/acknowledge': {},
    'POST /api/v1/escalations/:id/resolve': { note: 'settled' },
    'POST /api/v1/escalations/:id/reopen': { note: 'again' },
    'POST /api/v1/escalations/:id/comments': { text: 'a comment' },
    'POST /api/v1/escalations/:id/reassign': { assigneeId: t.people.owner, note: 'yours' },
    'POST /api/v1/programs/:id/data-sources': {
      name: `S ${unique}`,
      kind: 'mes',
      scope: { lineId: i.line },
      ownerId: t.people.owner,
      expectedRefreshSeconds: 60,
      maxLatencySeconds: 30,
    },
    'PATCH /api/v1/data-sources/:id': { name: 'PLC renamed' },
    'POST /api/v1/data-sources/:id/heartbeat': {},
    'POST /api/v1/ingest': [],
    'PUT /api/v1/sites/:id/stop-reasons': { items: [{ code: 'JAM', name: 'Jam', stateClass: 'unplanned_stop', category: 'material' }] },
    'PUT /api/v1/sites/:id/schedule': { shifts: [{ name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5], breaks: [] }] },
    'POST /api/v1/sparkplug/mappings': { groupId: 'plant', edgeNode: `e-${unique}`, stationId: i.station },
    'POST /api/v1/sites/:id/planned-stops': { from: '2026-12-11T06:00:00Z', to: '2026-12-11T08:00:00Z', category: 'no_order' },
    'POST /api/v1/use-cases/:id/data-sources': { dataSourceId: i.source, required: true },
    'PUT /api/v1/programs/:id/early-warning-settings': {},
    'PUT /api/v1/lines/:id/tasks': {
      tasks: [
        { id: 'A', time: 3, predecessors: [] },
        { id: 'B', time: 4, predecessors: ['A'] },
      ],
    },
    'POST /api/v1/lines/:id/balance': { cycleTime: 5 },
    'POST /api/v1/balancing-runs': {
      problem: {
        tasks: [
          { id: 'A', time: 3, predecessors: [] },
          { id: 'B', time: 4, predecessors: ['A'] },
        ],
        cycleTime: 5,
      },
    },
    'PUT /api/v1/lines/:id/simulation-model': lineModel,
    'POST /api/v1/lines/:id/simulations': { settings: { horizon: 100, seed: 1 } },
    'POST /api/v1/simulations': { model: lineModel },
    'POST /api/v1/simulations/:id/cancel': {},
    'POST /api/v1/lines/:id/calibrations': { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' },
    'POST /api/v1/lines/:id/forecasts/next-shift': {},
    'POST /api/v1/lines/:id/maintenance-plans': {},
    'POST /api/v1/lines/:id/mix-scenarios': {},
    'PUT /api/v1/use-cases/:id/question': { question: 'next_shift', lineId: i.line },
    'POST /api/v1/use-cases/:id/answers': {},
    'POST /api/v1/lines/:id/orders': { items: [{ externalId: 'PO-1', product: 'A', quantity: 10, due: '2026-12-01T06:00:00Z' }] },
    'POST /api/v1/lines/:id/work-orders': {
      items: [
        {
          externalId: 'WO-1',
          station: 'op20',
          kind: 'preventive',
          plannedMinutes: 60,
          earliestStart: '2026-12-01T06:00:00Z',
          latestStart: '2026-12-03T06:00:00Z',
          failureRateFactor: 0.8,
        },
      ],
    },
    'POST /api/v1/me/password': { newPassword: 'a long enough passphrase' },
    'PUT /api/v1/me/notification-settings': { channels: 'email', delivery: 'digest', digestHour: 7, timezone: 'Europe/Prague' },
  };
  return bodies[key];
}
