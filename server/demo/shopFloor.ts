/**
 * The demo plant's shop-floor settings that the live feed reports against: three shifts Monday to
 * Friday with a half-hour break each (the program's own setting: 3 shifts, 5 working days; at the
 * weekend the lines stand in a planned stop, "no shift"), and each site's tree of stop reasons.
 */
import type { Write } from '../core/write.ts';
import { setSchedule } from '../schedules/schedules.ts';
import { setStopReasons, type StopReasonInput } from '../events/stopReasons.ts';

const weekdays = [1, 2, 3, 4, 5];
const threeShifts = [
  { name: 'Early', start: '06:00', end: '14:00', days: weekdays, breaks: [{ start: '10:00', end: '10:30', name: 'Break' }] },
  { name: 'Late', start: '14:00', end: '22:00', days: weekdays, breaks: [{ start: '18:00', end: '18:30', name: 'Break' }] },
  { name: 'Night', start: '22:00', end: '06:00', days: weekdays, breaks: [{ start: '02:00', end: '02:30', name: 'Break' }] },
];

const reasons: StopReasonInput[] = [
  { code: 'E-SPINDLE', name: 'Spindle or drive fault', stateClass: 'unplanned_stop', category: 'technical' },
  { code: 'E-TOOL', name: 'Tool breakage', stateClass: 'unplanned_stop', category: 'technical' },
  { code: 'E-HYDR', name: 'Hydraulics or coolant', stateClass: 'unplanned_stop', category: 'technical' },
  { code: 'M-PARTS', name: 'Waiting for parts or logistics', stateClass: 'unplanned_stop', category: 'material' },
  { code: 'Q-CHECK', name: 'Quality check after a deviation', stateClass: 'unplanned_stop', category: 'quality' },
  { code: 'S-CHANGE', name: 'Product changeover', stateClass: 'setup', category: 'changeover' },
  { code: 'S-CLEAN', name: 'Cleaning', stateClass: 'setup', category: 'cleaning' },
  { code: 'P-BREAK', name: 'Shift break', stateClass: 'planned_stop', category: 'break' },
  { code: 'P-NOSHIFT', name: 'No shift planned', stateClass: 'planned_stop', category: 'no_shift' },
  { code: 'P-MAINT', name: 'Planned maintenance', stateClass: 'planned_stop', category: 'planned_maintenance' },
];

export async function seedDemoShopFloor(w: Write, siteIds: Record<string, string>): Promise<void> {
  for (const siteId of Object.values(siteIds)) {
    await setSchedule(w, siteId, threeShifts);
    await setStopReasons(w, siteId, reasons);
  }
}
