/**
 * The bin-packing LP bound applied to the whole instance (see lpbound.ts), seeded with the
 * stations of the incumbent: those patterns are already near-optimal columns, which spares
 * most of the slow tail of column generation. Run only when the cheap bounds leave a gap.
 */
import { allocI32 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";
import { clearPatterns, lpLowerBound, seedPattern } from "./lpbound";
import { LpBound } from "./simplex";
import { MAX_LP_ROWS, sizeClasses } from "./sizeclasses";

/** Knapsack cell updates one root LP may spend (well under 0.1 s). */
const ROOT_LP_WORK: f64 = 5e7;

/**
 * LP lower bound on the stations at `cycle`; stops once it exceeds `target`. `stations`
 * (i32[n], 1-based, `count` stations) seeds the columns, or is 0.
 */
export function rootLpBound(g: Graph, cycle: i32, target: i32, stations: usize, count: i32): i32 {
  const s = sizeClasses(g);
  if (s.distinct > MAX_LP_ROWS) return 0;
  let chunks = 0;
  for (let i = 0; i < s.distinct; i++) chunks += 32 - clz<i32>(at(s.counts, i));
  if (<f64>chunks * <f64>(cycle + 64) > 64e6) return 0;
  const lp = new LpBound(s.distinct, cycle, chunks, 4 * s.distinct + count + 2000);
  memory.copy(lp.sizes, s.sizes, <usize>s.distinct << 2);
  memory.copy(lp.demand, s.counts, <usize>s.distinct << 2);
  clearPatterns(lp);
  if (stations != 0) {
    const pattern = allocI32(s.distinct * (count + 1));
    for (let j = 0; j < g.n; j++) {
      const p = pattern + (<usize>(at(stations, j) * s.distinct + at(s.classOf, j)) << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
    for (let k = 1; k <= count; k++) seedPattern(lp, pattern + (<usize>(k * s.distinct) << 2));
  }
  return lpLowerBound(lp, target, ROOT_LP_WORK);
}
