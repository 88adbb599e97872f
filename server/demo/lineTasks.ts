/**
 * The demo's gearbox assembly line: 20 tasks (seconds) with their precedence, the cover placed
 * and torqued at one station, the noise test fixed to the last station where its rig stands;
 * balanced to 95 % of takt for 420 gearboxes in two 7.5-hour shifts.
 */
import { solveBalancing } from '../balancing/index.ts';
import { lineProblem, recordBalancingRun, setLineTasks } from '../balancing/index.ts';
import type { Write } from '../core/write.ts';

const task = (id: string, description: string, time: number, predecessors: string[] = []) => ({ id, description, time, predecessors });

export const gearboxTasks = [
  task('T01', 'Load housing on pallet', 18),
  task('T02', 'Clean housing bores', 25, ['T01']),
  task('T03', 'Apply sealant to housing face', 20, ['T02']),
  task('T04', 'Press input shaft bearing', 32, ['T02']),
  task('T05', 'Press output shaft bearing', 30, ['T02']),
  task('T06', 'Pre-assemble input shaft (gears, circlip)', 45),
  task('T07', 'Pre-assemble output shaft', 50),
  task('T08', 'Insert input shaft', 28, ['T04', 'T06']),
  task('T09', 'Insert output shaft', 30, ['T05', 'T07']),
  task('T10', 'Fit shift forks', 35, ['T08', 'T09']),
  task('T11', 'Insert shift rail and detents', 26, ['T10']),
  task('T12', 'Fit differential', 40, ['T09']),
  task('T13', 'Check gear mesh and backlash', 22, ['T10', 'T12']),
  task('T14', 'Place cover', 15, ['T03', 'T11', 'T13']),
  task('T15', 'Torque cover bolts', 38, ['T14']),
  task('T16', 'Fit oil seals', 24, ['T15']),
  task('T17', 'Fill oil', 20, ['T16']),
  task('T18', 'Leak test', 45, ['T17']),
  task('T19', 'End-of-line noise test', 55, ['T18']),
  task('T20', 'Label and unload', 16, ['T19']),
];

export async function seedDemoLineTasks(w: Write, lineId: string): Promise<void> {
  await setLineTasks(w, lineId, {
    tasks: gearboxTasks,
    constraints: { fixed: [{ task: 'T19', station: 6 }], mustShare: [['T14', 'T15']], mustNotShare: [['T18', 'T19']] },
  });
  const problem = await lineProblem(w.tx, lineId, { demand: 420, availableTime: 2 * 7.5 * 3600, utilisation: 0.95 });
  await recordBalancingRun(w, { lineId, title: 'Gearbox line at 95 % of takt (420/day)', problem, result: solveBalancing(problem) });
}
