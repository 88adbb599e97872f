/**
 * One early shift of one station, computed by hand: Thursday 3 December 2026, 06:00–14:00 in
 * Prague (05:00–13:00Z), a 30-minute break at 10:00, a microstop, a failure, a changeover, a
 * starved spell, 15 minutes of planned maintenance and 10 minutes without data. Shared by the
 * domain test and the API test, so that both are held to the same hand-computed figures.
 */
export const shiftStates: [hhmmUtc: string, state: string, reason?: string][] = [
  ['04:30', 'running'], // before the window: it is running at its start
  ['06:00', 'unplanned_stop', 'JAM'], // 60 s: a microstop
  ['06:01', 'running'],
  ['07:00', 'unplanned_stop', 'SPINDLE'], // 20 min: a failure
  ['07:20', 'setup', 'CHG'], // 10 min changeover
  ['07:30', 'running'],
  ['08:50', 'starved'], // 10 min waiting for parts
  ['09:00', 'planned_stop', '150000'], // the break, as the machine reports it
  ['09:30', 'running'],
  ['11:00', 'planned_stop', 'PM'], // 15 min planned maintenance inside the shift
  ['11:15', 'running'],
  ['12:30', 'offline'], // 10 min without data
  ['12:40', 'running'],
];

/** Running 384 min, microstop 1, failure 20, setup 10, starved 10, planned stop 15, offline 10. */
export const expectedElements = {
  POT: 28_800,
  PBT: 26_100, // 8 h − 30 min break − 15 min planned maintenance
  APT: 23_100, // running + the microstop
  ADET: 1_200,
  ADOT: 600,
  ASUT: 600,
  offline: 600,
  plannedDown: 2_700,
  PQ: 380,
  GQ: 370,
  SQ: 10,
};
