/**
 * The decisions the demo's owners took with the twin since go-live, each with its predicted effect
 * on the use case's KPIs, recorded when it was taken. The monthly measurements then check them
 * (server/decisions/outcome.ts), so the program and line pages show a track record made by the
 * same rule as real use: the constraint forecast's predictions mostly held, the buffer pilot's were
 * optimistic about blocked and starved time at OP40 (a poor record, whose early warning tells the
 * owner to recalibrate), the maintenance window's are too few to judge yet.
 *
 * The twin's runs of those months are not in the demo, so these are free-text decisions whose
 * predictions were typed in: each the level the KPI's trend was heading for (demoKpiLevel), within
 * a band of ±0.4 of its month-to-month noise, or for the buffer pilot 2.5 points below it.
 */
import type { Db } from '../../db/client.ts';
import { wholeInstallation } from '../access/scope.ts';
import { addDays, addMonths, midnightIn } from '../core/calendar.ts';
import type { Write } from '../core/write.ts';
import type { Actor } from '../deps.ts';
import { recordDecision } from '../decisions/index.ts';
import { demoKpiLevel, demoKpis } from './kpis.ts';

type DemoKpiName = (typeof demoKpis)[number]['name'];

interface DemoDecision {
  useCase: 'constraint' | 'buffer' | 'maintenance';
  /** Who took it: the use case's owner. */
  by: 'martin' | 'jana';
  /** Its effect day, as days after go-live, and the hour of the program's day it took effect at. */
  day: (goLive: string) => string;
  hour: number;
  text: string;
  note: string;
  /** The KPIs it predicts, and how far below the KPI's level the prediction was (the pilot's optimism). */
  predicts: { kpi: DemoKpiName; offset?: number }[];
}

const months = (n: number) => (goLive: string) => addMonths(goLive, n);
const days = (n: number) => (goLive: string) => addDays(goLive, n);

const demoDecisions: DemoDecision[] = [
  {
    useCase: 'constraint',
    by: 'martin',
    day: months(2),
    hour: 6,
    text: 'The flying maintenance crew stands by at OP30 grinding, the forecast constraint on most shifts',
    note: 'From the handover forecasts of the pilot weeks',
    predicts: [{ kpi: 'Line OEE' }, { kpi: 'Output per shift' }],
  },
  {
    useCase: 'buffer',
    by: 'martin',
    day: days(45),
    hour: 14,
    text: 'Buffer before OP40 induction hardening raised from 12 to 20 parts for the pilot',
    note: 'Pilot of the 20-part variant',
    predicts: [{ kpi: 'Blocked and starved time at OP40', offset: 2.5 }, { kpi: 'Work in process' }],
  },
  {
    useCase: 'constraint',
    by: 'martin',
    day: months(3),
    hour: 6,
    text: 'Dressing of the OP30 grinding wheel moved into the shift breaks',
    note: '',
    predicts: [{ kpi: 'Line OEE' }, { kpi: 'Unplanned downtime at the constraint' }],
  },
  {
    useCase: 'buffer',
    by: 'martin',
    day: days(75),
    hour: 14,
    text: 'Buffer before OP40 kept at 20 parts, the kanban limit of OP30 lowered by 4',
    note: 'Second month of the pilot',
    predicts: [{ kpi: 'Blocked and starved time at OP40', offset: 2.5 }, { kpi: 'Work in process' }],
  },
  {
    useCase: 'maintenance',
    by: 'jana',
    // After the use case moved to piloting that morning.
    day: days(75),
    hour: 13,
    text: 'The gearbox line’s preventive window moved to the Saturday early shift',
    note: 'No orders planned on Saturdays in October',
    predicts: [{ kpi: 'Output lost to maintenance' }, { kpi: 'Mean time between failures' }],
  },
  {
    useCase: 'constraint',
    by: 'martin',
    day: months(4),
    hour: 6,
    text: 'Handover starts with the forecast’s top station; OP20 in-process gauging taken off the cycle',
    note: '',
    predicts: [{ kpi: 'Line OEE' }, { kpi: 'Output per shift' }],
  },
];

/** The demo KPI's month (0: the one before go-live, as demo.ts counts them) that a day lies in. */
function monthOf(goLive: string, day: string): number {
  const [y0, m0] = goLive.split('-').map(Number);
  const [y, m] = day.split('-').map(Number);
  return (y - y0) * 12 + (m - m0) + 1;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Records the demo's decisions, each by its owner an hour before it took effect. Its predictions are
 * of the month its effect falls into (a monthly KPI's outcome: server/decisions/outcome.ts). One that
 * would be taken after `now` is left out: a decision is recorded when it is taken.
 */
export async function seedDemoDecisions(
  tx: Db,
  input: {
    now: Date;
    zone: string;
    goLive: string;
    cases: Record<DemoDecision['useCase'], string>;
    kpiIds: Record<string, string>;
    person: Record<DemoDecision['by'], { id: string; name: string }>;
  },
): Promise<void> {
  for (const d of demoDecisions) {
    const day = d.day(input.goLive);
    const effectiveFrom = new Date(midnightIn(day, input.zone).getTime() + d.hour * 3_600_000);
    const decidedAt = new Date(effectiveFrom.getTime() - 3_600_000);
    if (decidedAt > input.now) continue;
    const by = input.person[d.by];
    const actor: Actor = { personId: by.id, name: by.name, role: 'owner', tokenId: 'seed', ...wholeInstallation };
    const w: Write = { tx, actor, now: decidedAt };
    // Its outcome is the mean of the monthly periods that begin within a month of its effect: the
    // month it took effect in when that was on the 1st, else the next.
    const month = monthOf(input.goLive, day) + (Number(day.slice(8)) > 1 ? 1 : 0);
    await recordDecision(w, {
      useCaseId: input.cases[d.useCase],
      choice: { kind: 'free_text', text: d.text },
      basedOn: [],
      effectiveFrom: effectiveFrom.toISOString(),
      note: d.note,
      predictions: d.predicts.map(({ kpi, offset = 0 }) => {
        const k = demoKpis.find((x) => x.name === kpi)!;
        const value = round1(demoKpiLevel(k, month) - offset);
        const band = round1(0.4 * k.noise);
        return { kpiId: input.kpiIds[kpi], value, low: round1(value - band), high: round1(value + band) };
      }),
    });
  }
}
