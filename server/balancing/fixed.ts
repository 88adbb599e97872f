/**
 * Fixed stations against precedence: stations run in line order, so a task cannot be fixed
 * to an earlier station than any of its (transitive) predecessors. Reported with both tasks.
 */
import { BalancingInputError } from './errors.ts';
import { topologicalOrder, type IndexedTasks } from './precedence.ts';

/** A fixed task may not come after a successor's fixed station (stations run in line order). */
export function checkFixedAgainstPrecedence(tasks: IndexedTasks, fixedTask: Int32Array): void {
  const latestBefore = new Int32Array(tasks.ids.length);
  const source = new Int32Array(tasks.ids.length).fill(-1);
  for (const j of topologicalOrder(tasks)) {
    for (const p of tasks.preds[j]) {
      const s = fixedTask[p] > latestBefore[p] ? fixedTask[p] : latestBefore[p];
      if (s > latestBefore[j]) {
        latestBefore[j] = s;
        source[j] = fixedTask[p] >= latestBefore[p] ? p : source[p];
      }
    }
    if (fixedTask[j] !== 0 && latestBefore[j] > fixedTask[j]) {
      const p = source[j];
      throw new BalancingInputError(
        'constraints.fixed',
        `task "${tasks.ids[j]}" is fixed to station ${fixedTask[j]}, but its predecessor "${tasks.ids[p]}" is fixed to station ${fixedTask[p]}`,
      );
    }
  }
}
