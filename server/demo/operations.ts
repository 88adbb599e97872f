/**
 * The demo's operational side: data sources with their freshness (one stale), the use cases
 * that depend on them, and escalations in every state — resolved, acknowledged, reopened, one
 * that breached its SLA and moved along its route, and a stale-source one raised by the sweep.
 */
import { wholeInstallation } from '../access/scope.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../deps.ts';
import { changeEscalationStatus, commentOnEscalation, raiseEscalation } from '../escalations/index.ts';
import { escalateOverdue } from '../escalations/index.ts';
import { createDataSource, linkDataSource, recordHeartbeat } from '../dataSources/index.ts';
import { sweepFreshness } from '../dataSources/index.ts';
import type { Write } from '../core/write.ts';

export interface DemoContext {
  tx: Db;
  now: Date;
  programId: string;
  admin: Actor;
  person: Record<string, { id: string; name: string; role: Actor['role'] }>;
  lineIds: Record<string, string>;
  siteIds: Record<string, string>;
  groups: Record<string, string>;
  cases: Record<string, string>;
  kpiIds: Record<string, string>;
  milestones: Record<string, string>;
}

const HOUR = 3_600_000;

export async function seedDemoOperations(c: DemoContext): Promise<void> {
  const ago = (hours: number) => new Date(c.now.getTime() - hours * HOUR);
  const as = (key: string, hoursAgo: number): Write => {
    const p = c.person[key];
    return { tx: c.tx, now: ago(hoursAgo), actor: { personId: p.id, name: p.name, role: p.role, tokenId: 'seed', ...wholeInstallation } };
  };
  const admin = (hoursAgo: number): Write => ({ tx: c.tx, now: ago(hoursAgo), actor: c.admin });

  const source = async (
    code: string,
    name: string,
    kind: Parameters<typeof createDataSource>[2]['kind'],
    scope: { lineId: string } | { siteId: string },
    owner: string,
    refresh: number,
    latency: number,
    lastHoursAgo: number,
  ) => {
    const s = await createDataSource(admin(24 * 30), c.programId, {
      name,
      code,
      kind,
      scope,
      ownerId: c.person[owner].id,
      expectedRefreshSeconds: refresh,
      maxLatencySeconds: latency,
    });
    await recordHeartbeat(admin(lastHoursAgo), s.id, { sourceTimestamp: ago(lastHoursAgo).toISOString() });
    return s.id;
  };
  const crank = { lineId: c.lineIds['crankshaft-1'] };
  const sources = {
    // The demo feed keeps these three fresh while the service runs (see server/feed/demo.ts).
    plc: await source('crank-plc', 'Crankshaft line PLC states', 'plc_sensor', crank, 'martin', 60, 60, 0),
    mes: await source('mes-counts', 'MES production counts', 'mes', crank, 'tomas', 900, 300, 0.1),
    historian: await source('energy-historian', 'Energy historian', 'historian', { siteId: c.siteIds.brno }, 'martin', 3600, 900, 0.5),
    // The maintenance export stopped four days ago and nothing feeds it: the sweep below raises its escalation.
    cmms: await source('cmms-export', 'CMMS work orders export', 'maintenance', { siteId: c.siteIds.brno }, 'jana', 86_400, 4 * 3600, 96),
    erp: await source('erp-demand', 'ERP weekly demand plan', 'erp', { siteId: c.siteIds.linz }, 'lukas', 7 * 86_400, 6 * 3600, 20),
  };
  const depends = async (useCase: string, source: string, required = true) =>
    linkDataSource(admin(24 * 29), c.cases[useCase], { dataSourceId: source, required });
  await depends('constraint', sources.plc);
  await depends('constraint', sources.mes);
  await depends('constraint', sources.historian, false);
  await depends('buffer', sources.plc);
  await depends('buffer', sources.mes);
  await depends('maintenance', sources.cmms);
  await depends('maintenance', sources.mes);
  await depends('changeover', sources.erp);
  await sweepFreshness(c.tx, c.now);

  const resolved = await raiseEscalation(as('stefan', 24 * 40), {
    subjectType: 'kpi',
    subjectId: c.kpiIds['Line OEE'],
    severity: 'high',
    title: 'Twin OEE differs from the MES report by 4 points',
    description: 'Controlling cannot confirm the OEE gain: the twin counts micro-stops as running time.',
  });
  await changeEscalationStatus(as('martin', 24 * 39), resolved!.id, 'acknowledge', '');
  await commentOnEscalation(as('tomas', 24 * 39 - 4), resolved!.id, 'MES books stops under 2 minutes as running; the twin does not.');
  await changeEscalationStatus(
    as('martin', 24 * 39 - 6),
    resolved!.id,
    'resolve',
    'Aligned: both count stops from 30 s; OEE baseline recomputed, difference now 0.3 points.',
  );

  const reopened = await raiseEscalation(as('sponsor', 24 * 20), {
    subjectType: 'milestone',
    subjectId: c.milestones.plannersDaily,
    severity: 'high',
    title: 'Planners release the plan before the twin has fresh MES data',
  });
  await changeEscalationStatus(as('tomas', 24 * 18), reopened!.id, 'resolve', 'MES refresh moved from 06:15 to 05:30.');
  await changeEscalationStatus(as('sponsor', 24 * 3), reopened!.id, 'reopen', 'Plan still released at 05:45 on three days last week.');

  const acknowledged = await raiseEscalation(as('tomas', 26), {
    subjectType: 'use_case',
    subjectId: c.cases.buffer,
    severity: 'normal',
    title: 'Which buffer size to trial in the coming week: 12 or 20 parts?',
    description: 'The twin shows +2.1 % output at 20 parts but WIP rises by 15 parts.',
  });
  await changeEscalationStatus(
    as('martin', 20),
    acknowledged!.id,
    'acknowledge',
    'Will decide with the throughput comparison on Thursday.',
  );

  // Raised three days ago with a 24 h SLA, never answered: the sweep moved it to the next person.
  await raiseEscalation(as('petra', 72), {
    subjectType: 'use_case',
    subjectId: c.cases.maintenance,
    severity: 'critical',
    title: 'Maintenance window collides with the gearbox changeover on Tuesday',
  });
  await escalateOverdue(c.tx, ago(47));

  await raiseEscalation(as('sponsor', 30), {
    subjectType: 'use_case',
    subjectId: c.cases.changeover,
    severity: 'high',
    assigneeId: c.person.anna.id,
    title: 'Name an owner for the Linz changeover use case',
    description: 'The Linz milestone was deferred because nobody owns the changeover decision.',
  });
}
