/**
 * Jackson's task-dominance rule in the strengthened form of Scholl & Klein (1997), as used by
 * BB&R (Sewell & Jacobson 2012): task i potentially dominates task j if they are not related
 * by precedence, t_i ≥ t_j and every successor of j is a successor of i (ties on time and
 * successor set broken by index). If a station load holds j while i is available, not in the
 * load and t_i − t_j fits into the idle time, swapping them gives a solution at least as good,
 * so that load need not be explored.
 */
import { allocI32, allocU64 } from "./arena";
import { countBits, setBit } from "./bits";
import { Graph, reaches } from "./graph";
import { at } from "./layout";

/** Instances above this size skip the rule: building it is quadratic and such runs are heuristic. */
const MAX_TASKS_FOR_DOMINANCE: i32 = 3000;

/** Dominator rows: row j is the set of tasks that potentially dominate task j. */
export class Dominators {
  /** u64[n·words]; 0 when the rule is off. */
  rows: usize = 0;
  /** i32[n]: 1 when row j is non-empty. */
  any: usize = 0;
}

/** Tasks with a fixed station or a must-not-share partner are left out: a swap could break them. */
function isSwappable(g: Graph, j: i32): bool {
  if (g.fixed != 0 && at(g.fixed, j) != 0) return false;
  if (g.confOff != 0 && at(g.confOff, j + 1) > at(g.confOff, j)) return false;
  return true;
}

/** Builds the dominator rows of a graph. */
export function buildDominators(g: Graph): Dominators {
  const d = new Dominators();
  const n = g.n;
  if (n > MAX_TASKS_FOR_DOMINANCE) return d;
  const words = g.words;
  const rowBytes = <usize>words << 3;
  d.rows = allocU64(n * words);
  d.any = allocI32(n);
  const reachCount = allocI32(n);
  for (let j = 0; j < n; j++) {
    store<i32>(reachCount + (<usize>j << 2), countBits(g.reach + <usize>j * rowBytes, words));
  }
  for (let j = 0; j < n; j++) {
    if (!isSwappable(g, j)) continue;
    const tj = at(g.times, j);
    for (let i = 0; i < n; i++) {
      if (i == j) continue;
      const ti = at(g.times, i);
      if (ti < tj || reaches(g, i, j) || reaches(g, j, i) || !isSwappable(g, i)) continue;
      let covers = true;
      for (let e = at(g.succOff, j); e < at(g.succOff, j + 1); e++) {
        if (!reaches(g, i, at(g.succTgt, e))) {
          covers = false;
          break;
        }
      }
      if (!covers) continue;
      // reach(i) ⊇ reach(j) here, so equal counts mean equal successor sets.
      const sameSuccessors = at(reachCount, i) == at(reachCount, j);
      if (ti == tj && sameSuccessors && i > j) continue;
      setBit(d.rows + <usize>j * rowBytes, i);
      store<i32>(d.any + (<usize>j << 2), 1);
    }
  }
  return d;
}
