/**
 * The demo plant's plans as its ERP and CMMS deliver them: a week of planned orders for each line
 * (one per product and working day, due at the end of the day's night shift, at about 80–90 % of
 * what the line's model makes in the day's 22.5 planned hours), and the work orders of the CMMS
 * export as it last arrived, four days ago — preventive work for the coming week with its effect
 * on the failure rate, a repair in progress, an inspection done. Imported as the API imports them,
 * before the data sources exist, so that the sources keep the freshness the demo gives them.
 */
import { addDays, dateIn, isoWeekday, wallTimeIn } from '../core/calendar.ts';
import type { Write } from '../core/write.ts';
import { lineHeading } from '../metrics/lineSources.ts';
import { importPlannedOrders, importWorkOrders, jsonItems } from '../orders/index.ts';

const HOUR = 3_600_000;

// Parts a working day: the crankshaft line's OP40 (1.72 min, 90 % available) makes about 700, the
// gearbox line's test (64 s) about 1100 less its changeovers, the pump line's pressure test (50 s) about 1500.
// The crankshaft and pump models make one product each; the gearbox line's makes GB6 and GB7, 70:30.
const dailyPlan: Record<string, { product: string; quantity: number }[]> = {
  'crankshaft-1': [{ product: 'CS16-R4', quantity: 600 }],
  'gearbox-assembly': [
    { product: 'GB6', quantity: 560 },
    { product: 'GB7', quantity: 240 },
  ],
  'pump-2': [{ product: 'CP25-60', quantity: 1200 }],
};
// A week's demand is never flat.
const dayFactor = [1, 0.95, 1.05, 1, 0.9];

export async function seedDemoOrders(w: Write, lineIds: Record<string, string>): Promise<void> {
  const zones: Record<string, string> = {};
  for (const [code, id] of Object.entries(lineIds)) zones[code] = (await lineHeading(w.tx, w.actor, id)).timezone;
  // The ERP's weekly plan came with its last delivery, 20 hours ago.
  const erp: Write = { ...w, now: new Date(w.now.getTime() - 20 * HOUR) };
  for (const [code, plan] of Object.entries(dailyPlan)) {
    const today = dateIn(w.now, zones[code]);
    const items = [];
    for (let d = 1; d <= 7; d++) {
      const day = addDays(today, d);
      const weekday = isoWeekday(day);
      if (weekday > 5) continue;
      for (const { product, quantity } of plan) {
        items.push({
          externalId: `PLO-${day.replaceAll('-', '')}-${product}`,
          product,
          quantity: Math.round((quantity * dayFactor[weekday - 1]) / 10) * 10,
          // The night shift that starts on the day ends at 06:00 the next morning.
          due: wallTimeIn(addDays(day, 1), 6 * 60, zones[code]).toISOString(),
        });
      }
    }
    await importPlannedOrders(erp, lineIds[code], jsonItems({ items }));
  }

  const cmms: Write = { ...w, now: new Date(w.now.getTime() - 96 * HOUR) };
  // A wall-clock time (minutes of the day, 06:00 by default) so many days from today, in the line's zone.
  const at = (code: string, days: number, minutes = 6 * 60) =>
    wallTimeIn(addDays(dateIn(w.now, zones[code]), days), minutes, zones[code]).toISOString();
  const ago = (hours: number) => new Date(cmms.now.getTime() - hours * HOUR).toISOString();
  const workOrders: Record<string, unknown[]> = {
    'crankshaft-1': [
      // Inductor coil change on the hardening cell, the line's least reliable station.
      {
        externalId: 'WO-24117',
        station: 'op40',
        kind: 'preventive',
        plannedMinutes: 150,
        earliestStart: at('crankshaft-1', 1),
        latestStart: at('crankshaft-1', 4),
        status: 'released',
        failureRateFactor: 0.55,
      },
      {
        externalId: 'WO-24121',
        station: 'op10',
        kind: 'preventive',
        plannedMinutes: 60,
        earliestStart: at('crankshaft-1', 2),
        latestStart: at('crankshaft-1', 6),
        failureRateFactor: 0.85,
      },
      {
        externalId: 'WO-24098',
        station: 'op50',
        kind: 'inspection',
        plannedMinutes: 45,
        earliestStart: ago(30),
        latestStart: ago(20),
        status: 'done',
        actualStart: ago(26),
        actualEnd: ago(25.2),
      },
    ],
    'gearbox-assembly': [
      {
        externalId: 'WO-24130',
        station: 'st06',
        kind: 'preventive',
        plannedMinutes: 90,
        earliestStart: at('gearbox-assembly', 1, 14 * 60),
        latestStart: at('gearbox-assembly', 5),
        failureRateFactor: 0.8,
      },
      // A leak on the shaft press, being repaired when the export ran.
      {
        externalId: 'WO-24133',
        station: 'st02',
        kind: 'corrective',
        plannedMinutes: 120,
        earliestStart: ago(3),
        latestStart: ago(3),
        status: 'in_progress',
        actualStart: ago(2.5),
      },
    ],
    'pump-2': [
      {
        externalId: 'WO-L-8812',
        station: 'p40',
        kind: 'preventive',
        plannedMinutes: 60,
        earliestStart: at('pump-2', 1),
        latestStart: at('pump-2', 4),
        failureRateFactor: 0.7,
      },
    ],
  };
  for (const [code, items] of Object.entries(workOrders)) await importWorkOrders(cmms, lineIds[code], jsonItems({ items }));
}
