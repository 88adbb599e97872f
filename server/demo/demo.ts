/**
 * The demo plant: one program over two sites and three lines, as a twin program looks five
 * months after go-live — one use case operational, two piloting, one still without an owner;
 * KPIs with baselines and six months of measurements; milestones over four quarters, two
 * reviews, and usage by each stakeholder group. Everything goes through the domain functions,
 * so the demo obeys the same rules and leaves the same audit trail as real use.
 */
import { wholeInstallation } from '../access/scope.ts';
import type { Db } from '../../db/client.ts';
import type { Actor, AccessRole } from '../deps.ts';
import { addDays, addMonths, dateIn, quarterOf } from '../core/calendar.ts';
import { createKpi, recordMeasurement } from '../kpis/index.ts';
import { createMilestone } from '../milestones/index.ts';
import { createPerson, updatePerson } from '../people/index.ts';
import type { Scope } from '../access/index.ts';
import { createProgram } from '../programs/index.ts';
import { createReview } from '../milestones/index.ts';
import { recordUsage } from '../useCases/index.ts';
import { createUseCase, transitionUseCase } from '../useCases/index.ts';
import { createUserGroup } from '../programs/index.ts';
import type { Write } from '../core/write.ts';
import { createPersonWithToken, createToken } from '../people/index.ts';
import { setPasswordDirectly } from '../sessions/index.ts';
import { createDemoPlant, demoZone } from './plant.ts';
import { seededRandom } from '../core/random.ts';
import { demoKpiLevel, demoKpis } from './kpis.ts';
import { seedDemoOperations } from './operations.ts';
import { seedDemoLineModels } from './lineModels.ts';
import { seedDemoShopFloor } from './shopFloor.ts';
import { seedDemoLineTasks } from './lineTasks.ts';
import { seedDemoOrders } from './orders.ts';
import { seedDemoQuestions } from './questions.ts';
import { seedDemoDecisions } from './decisions.ts';

/** The password of every demo person, listed on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'twinward-demo';

/** Fixed demo secrets, printed at start and quoted in the README. Never use the demo in production. */
export const demoTokens: { role: AccessRole; token: string; email: string }[] = [
  { role: 'admin', token: 'tw_demo_admin', email: 'twin.office@northwind.example' },
  { role: 'sponsor', token: 'tw_demo_sponsor', email: 'eva.horakova@northwind.example' },
  { role: 'owner', token: 'tw_demo_owner', email: 'martin.novak@northwind.example' },
  { role: 'planner', token: 'tw_demo_planner', email: 'tomas.dvorak@northwind.example' },
  { role: 'viewer', token: 'tw_demo_viewer', email: 'stefan.maier@northwind.example' },
  // A planner who sees only the Linz plant: what a site-scoped person sees and may do.
  { role: 'planner', token: 'tw_demo_planner_linz', email: 'lukas.gruber@northwind.example' },
];

/** The machine token of the demo plant's gateway, with which the live feed sends its events (role ingest). */
export const DEMO_GATEWAY_TOKEN = 'tw_demo_gateway';

const cast = [
  { key: 'sponsor', name: 'Eva Horáková', email: 'eva.horakova@northwind.example', roles: ['sponsor', 'viewer'] },
  { key: 'martin', name: 'Martin Novák', email: 'martin.novak@northwind.example', roles: ['owner', 'viewer'] },
  { key: 'jana', name: 'Jana Svobodová', email: 'jana.svobodova@northwind.example', roles: ['owner', 'viewer'] },
  { key: 'tomas', name: 'Tomáš Dvořák', email: 'tomas.dvorak@northwind.example', roles: ['planner', 'viewer'] },
  { key: 'lukas', name: 'Lukas Gruber', email: 'lukas.gruber@northwind.example', roles: ['planner', 'viewer'] },
  { key: 'petra', name: 'Petra Králová', email: 'petra.kralova@northwind.example', roles: ['viewer'] },
  { key: 'karel', name: 'Karel Beneš', email: 'karel.benes@northwind.example', roles: ['viewer'] },
  { key: 'anna', name: 'Anna Huber', email: 'anna.huber@northwind.example', roles: ['owner', 'sponsor', 'viewer'] },
  { key: 'stefan', name: 'Stefan Maier', email: 'stefan.maier@northwind.example', roles: ['viewer'] },
] as const;

/** The demo's people who sign in, with their roles: the sign-in page lists them in demo mode. */
export function demoPeople(): { name: string; email: string; roles: readonly AccessRole[] }[] {
  return [{ name: 'Twin program office', email: demoTokens[0].email, roles: ['admin'] }, ...cast];
}

export interface DemoResult {
  programId: string;
  tokens: { role: AccessRole; token: string; name: string }[];
}

/** Seeds the demo into an empty database, dated relative to `now`. */
export async function seedDemoPlant(db: Db, now: Date): Promise<DemoResult> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const admin = await createPersonWithToken(
      tx,
      { name: 'Twin program office', email: demoTokens[0].email, roles: ['admin'] },
      'admin',
      demoTokens[0].token,
    );
    const actor: Actor = { personId: admin.personId, name: 'Twin program office', role: 'admin', tokenId: 'seed', ...wholeInstallation };
    const w: Write = { tx, actor, now };
    const at = (instant: Date): Write => ({ tx, actor, now: instant });
    // Days of the demo program's calendar, as its reviews, periods and uses are kept.
    const today = dateIn(now, demoZone);

    const person: Record<string, string> = {};
    for (const p of cast) person[p.key] = (await createPerson(w, { name: p.name, email: p.email, roles: [...p.roles] })).id;
    // Everyone signs in with the demo password too.
    for (const [id, email] of [[admin.personId, demoTokens[0].email], ...cast.map((p) => [person[p.key], p.email])]) {
      await setPasswordDirectly(w, id, DEMO_PASSWORD, email);
    }
    const tokens: DemoResult['tokens'] = [{ role: 'admin', token: demoTokens[0].token, name: 'Twin program office' }];
    for (const t of demoTokens.slice(1)) {
      const p = cast.find((c) => c.email === t.email);
      if (!p) continue;
      await createToken(tx, person[p.key], t.role, t.token);
      tokens.push({ role: t.role, token: t.token, name: p.name });
    }

    const plant = await createDemoPlant(w);
    // Everyone works for Northwind; Lukas plans the Linz plant only.
    for (const p of cast) {
      const scope: Scope =
        p.key === 'lukas' ? { kind: 'sites', siteIds: [plant.siteIds.linz] } : { kind: 'enterprise', enterpriseId: plant.enterpriseId };
      await updatePerson(w, person[p.key], { scope });
    }
    // The plant's edge gateway: a machine identity that may only send events, for both sites.
    const gateway = await createPerson(w, {
      name: 'Northwind edge gateway',
      email: 'edge.gateway@northwind.example',
      roles: ['ingest'],
      scope: { kind: 'enterprise', enterpriseId: plant.enterpriseId },
    });
    await createToken(tx, gateway.id, 'ingest', DEMO_GATEWAY_TOKEN);
    tokens.push({ role: 'ingest', token: DEMO_GATEWAY_TOKEN, name: 'Northwind edge gateway (the live feed)' });
    const goLive = `${addMonths(today, -5).slice(0, 7)}-01`;
    const program = await createProgram(w, {
      enterpriseId: plant.enterpriseId,
      name: 'Brno & Linz line performance twin',
      description:
        'Digital twin of the crankshaft, gearbox and pump lines: constraint forecasts, buffer and maintenance-window decisions, changeover sequencing.',
      sponsorId: person.sponsor,
      siteIds: [plant.siteIds.brno, plant.siteIds.linz],
      goLiveDate: goLive,
      valueWindowMonths: 12,
      shiftsPerDay: 3,
      workingDaysPerWeek: 5,
    });

    const group = async (
      kind: Parameters<typeof createUserGroup>[2]['kind'],
      name: string,
      valuePath: string,
      expectedFrequency: Parameters<typeof createUserGroup>[2]['expectedFrequency'],
      members: string[],
      route: string[],
    ) =>
      (
        await createUserGroup(w, program.id, {
          kind,
          name,
          valuePath,
          expectedFrequency,
          memberIds: members.map((k) => person[k]),
          escalationRoute: route.map((k) => person[k]),
        })
      ).id;
    const groups = {
      operators: await group(
        'operators',
        'Machining shift leaders',
        'Knows at shift start which machine will constrain output and where to send the flying maintenance crew.',
        'per_shift',
        ['petra', 'karel'],
        ['petra', 'martin', 'sponsor'],
      ),
      planners: await group(
        'planners',
        'Production planners',
        'Checks buffers, maintenance windows and changeover sequences against the twin before releasing the plan.',
        'daily',
        ['tomas', 'lukas'],
        ['tomas', 'martin', 'sponsor'],
      ),
      reliability: await group(
        'reliability_engineers',
        'Reliability engineers',
        'Schedules preventive maintenance where it costs the least output.',
        'weekly',
        ['jana'],
        ['jana', 'martin', 'sponsor'],
      ),
      managers: await group(
        'plant_managers',
        'Plant management',
        'Reviews constraint and OEE trends weekly and decides on investments.',
        'weekly',
        ['martin', 'anna'],
        ['martin', 'sponsor'],
      ),
      finance: await group(
        'finance',
        'Plant controlling',
        'Confirms the value of the improvements against the baselines each month.',
        'monthly',
        ['stefan'],
        ['stefan', 'sponsor'],
      ),
    };

    const useCase = async (
      title: string,
      question: string,
      scope: { lineId: string },
      decisionFrequency: 'per_shift' | 'daily' | 'weekly' | 'monthly',
      ownerId: string | null,
      groupIds: string[],
    ) =>
      (
        await createUseCase(at(new Date(`${goLive}T08:00:00Z`)), program.id, {
          title,
          question,
          scope,
          decisionFrequency,
          ownerId,
          groupIds,
        })
      ).id;
    const cases = {
      constraint: await useCase(
        'Next-shift constraint',
        'Which machine will constrain output on crankshaft line 1 next shift?',
        { lineId: plant.lineIds['crankshaft-1'] },
        'per_shift',
        person.martin,
        [groups.operators, groups.planners, groups.managers],
      ),
      buffer: await useCase(
        'Buffer before hardening',
        'What buffer level before OP40 induction hardening minimises lost output without raising WIP?',
        { lineId: plant.lineIds['crankshaft-1'] },
        'weekly',
        person.martin,
        [groups.planners],
      ),
      maintenance: await useCase(
        'Gearbox maintenance window',
        'When should next week’s preventive maintenance window on the gearbox line be scheduled?',
        { lineId: plant.lineIds['gearbox-assembly'] },
        'weekly',
        person.jana,
        [groups.reliability, groups.planners],
      ),
      changeover: await useCase(
        'Pump changeover sequence',
        'Which changeover sequence for next week’s pump mix keeps line 2 on takt?',
        { lineId: plant.lineIds['pump-2'] },
        'weekly',
        null,
        [groups.planners],
      ),
    };

    const random = seededRandom(20261125);
    const kpiIds: Record<string, string> = {};
    for (const k of demoKpis) {
      const kpi = await createKpi(at(new Date(`${goLive}T09:00:00Z`)), cases[k.useCase], {
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        reviewCadence: 'monthly',
        ownerId: person[k.owner],
        baseline:
          k.baseline === null
            ? null
            : { value: k.baseline, periodStart: addMonths(goLive, -3), periodEnd: addDays(goLive, -1), source: k.baselineSource },
        target: { value: k.target, date: addMonths(goLive, 12) },
        annualValuePerUnit: k.annualValuePerUnit,
        currency: k.annualValuePerUnit ? 'EUR' : null,
      });
      kpiIds[k.name] = kpi.id;
      // Monthly values walk from baseline toward the target at the KPI's pace, with noise.
      for (let m = 0; m < k.monthsMeasured; m++) {
        const start = addMonths(goLive, m - 1);
        const end = addDays(addMonths(start, 1), -1);
        const value = Math.round((demoKpiLevel(k, m) + (random() - 0.5) * k.noise) * 10) / 10;
        await recordMeasurement(at(new Date(`${addDays(end, 3)}T10:00:00Z`)), kpi.id, {
          periodStart: start,
          periodEnd: end,
          value,
          source: k.measurementSource,
        });
      }
    }

    await transitionUseCase(at(new Date(`${addDays(goLive, 14)}T08:00:00Z`)), cases.constraint, {
      to: 'piloting',
      note: 'Pilot on shift A',
    });
    await transitionUseCase(at(new Date(`${addDays(goLive, 60)}T08:00:00Z`)), cases.constraint, {
      to: 'operational',
      note: 'All three shifts use the forecast at handover',
    });
    await transitionUseCase(at(new Date(`${addDays(goLive, 45)}T08:00:00Z`)), cases.buffer, {
      to: 'piloting',
      note: 'Trial with 12 and 20 parts',
    });
    await transitionUseCase(at(new Date(`${addDays(goLive, 75)}T08:00:00Z`)), cases.maintenance, { to: 'piloting' });

    // A quarter over before the first review below, which records a milestone due in it as missed
    // (a milestone not yet due cannot be missed).
    const previousQuarter = quarterOf(addMonths(today, -6));
    const milestone = async (title: string, criterion: string, quarter: string, owner: string, useCaseId: string | null) =>
      (
        await createMilestone(at(new Date(`${goLive}T10:00:00Z`)), program.id, {
          title,
          criterion,
          due: { quarter },
          ownerId: person[owner],
          useCaseId,
        })
      ).id;
    const ms = {
      forecastLive: await milestone(
        'Constraint forecast live on crankshaft line 1',
        'The shift handover sheet shows the twin’s constraint forecast on every shift for four weeks',
        previousQuarter,
        'martin',
        cases.constraint,
      ),
      plannersDaily: await milestone(
        'Planners check the plan against the twin daily',
        'Both planners run the twin check before plan release on 4 of 5 working days',
        previousQuarter,
        'tomas',
        cases.buffer,
      ),
      bufferDecision: await milestone(
        'Buffer size decided from the pilot',
        'Buffer before OP40 set from the twin’s comparison and confirmed by two weeks of output',
        quarterOf(today),
        'martin',
        cases.buffer,
      ),
      maintenanceWindows: await milestone(
        'Maintenance windows scheduled from the twin',
        'Eight consecutive weekly windows on the gearbox line chosen with the twin',
        quarterOf(addMonths(today, 3)),
        'jana',
        cases.maintenance,
      ),
      // Missed once so far: the next review that misses it again puts it at risk.
      energyBaseline: await milestone(
        'Energy baseline signed off by controlling',
        'Plant controlling signs off the kWh per good crankshaft baseline from a full month of meter data',
        previousQuarter,
        'martin',
        cases.constraint,
      ),
      linzJoins: await milestone(
        'Linz pump line operational',
        'One Linz use case operational with an owner and a measured KPI',
        quarterOf(addMonths(today, 6)),
        'anna',
        cases.changeover,
      ),
    };

    const review1 = addDays(`${addMonths(today, -2).slice(0, 7)}-01`, -1);
    const review2 = addDays(`${addMonths(today, -1).slice(0, 7)}-01`, -1);
    await createReview(at(new Date(`${review1}T15:00:00Z`)), program.id, {
      heldOn: review1,
      summary: 'Constraint forecast in use on all shifts. Planners skip the twin check when the plan is late.',
      items: [
        { milestoneId: ms.forecastLive, status: 'met', note: 'Handover sheets of weeks 1–4 show the forecast on every shift' },
        { milestoneId: ms.plannersDaily, status: 'missed', note: 'Used on 2 of 5 days; the plan is released before the twin data refresh' },
        { milestoneId: ms.bufferDecision, status: 'planned' },
        { milestoneId: ms.maintenanceWindows, status: 'planned' },
        { milestoneId: ms.energyBaseline, status: 'planned', note: 'Waiting for a full month of meter data' },
        { milestoneId: ms.linzJoins, status: 'planned' },
      ],
    });
    await createReview(at(new Date(`${review2}T15:00:00Z`)), program.id, {
      heldOn: review2,
      summary:
        'Planner adoption still low; MES refresh moved earlier but not yet effective. Linz has no owner for the changeover use case.',
      items: [
        { milestoneId: ms.plannersDaily, status: 'missed', note: 'Used on 2 of 5 days again' },
        { milestoneId: ms.bufferDecision, status: 'planned', note: 'Pilot running with 12 and 20 parts' },
        { milestoneId: ms.maintenanceWindows, status: 'planned' },
        { milestoneId: ms.energyBaseline, status: 'missed', note: 'Meter data of two days missing; not signed off' },
        { milestoneId: ms.linzJoins, status: 'deferred', note: 'No owner yet for the changeover use case' },
      ],
    });

    // Usage over the last eight weeks: shift leaders below their per-shift expectation, planners
    // on track until they fell behind two weeks ago, the others at their rhythm.
    const usage: { useCase: keyof typeof cases; group: keyof typeof groups; person: string; perWeek: (week: number) => number }[] = [
      { useCase: 'constraint', group: 'operators', person: 'petra', perWeek: () => 6 },
      { useCase: 'constraint', group: 'operators', person: 'karel', perWeek: () => 5 },
      { useCase: 'buffer', group: 'planners', person: 'tomas', perWeek: (wk) => (wk >= 6 ? 1 : 4) },
      { useCase: 'constraint', group: 'planners', person: 'lukas', perWeek: (wk) => (wk >= 6 ? 1 : 2) },
      { useCase: 'maintenance', group: 'reliability', person: 'jana', perWeek: () => 1 },
      { useCase: 'constraint', group: 'managers', person: 'martin', perWeek: () => 1 },
      { useCase: 'constraint', group: 'finance', person: 'stefan', perWeek: (wk) => (wk % 4 === 3 ? 1 : 0) },
    ];
    const firstMonday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 7 * 7);
    for (let week = 0; week < 8; week++) {
      for (const u of usage) {
        for (let i = 0; i < u.perWeek(week); i++) {
          const day = addDays(firstMonday, week * 7 + Math.min(4, Math.floor(random() * 5)));
          const hour = 6 + Math.floor(random() * 14);
          const when = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`);
          if (when.getTime() > now.getTime()) continue;
          await recordUsage(at(when), cases[u.useCase], { personId: person[u.person], groupId: groups[u.group] });
        }
      }
    }
    const owner = (key: 'martin' | 'jana') => ({ id: person[key], name: cast.find((p) => p.key === key)!.name });
    await seedDemoDecisions(tx, { now, zone: demoZone, goLive, cases, kpiIds, person: { martin: owner('martin'), jana: owner('jana') } });
    // Before the data sources exist: the demo gives them their freshness itself.
    await seedDemoOrders(w, plant.lineIds);
    await seedDemoOperations({
      tx,
      now,
      programId: program.id,
      admin: actor,
      lineIds: plant.lineIds,
      siteIds: plant.siteIds,
      groups,
      cases,
      kpiIds,
      milestones: ms,
      person: Object.fromEntries(cast.map((p) => [p.key, { id: person[p.key], name: p.name, role: p.roles[0] }])),
    });
    await seedDemoShopFloor(w, plant.siteIds);
    await seedDemoLineModels(w, plant.lineIds);
    await seedDemoLineTasks(w, plant.lineIds['gearbox-assembly']);
    await seedDemoQuestions(w, cases, plant.lineIds);
    return { programId: program.id, tokens };
  });
}
