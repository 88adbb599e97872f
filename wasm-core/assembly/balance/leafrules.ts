/**
 * Tests on a finished load that need more than its sums: stations forced by fixed tasks,
 * Jackson dominance (dominance.ts) against the tasks still available, and maximality when
 * must-not-share pairs make "fits" depend on the load.
 */
import { hasBit } from "./bits";
import { Context } from "./context";
import { at } from "./layout";

/** Stations needed by fixed tasks still open; a fixed task left behind makes it infeasible. */
export function fixedStationBound(ctx: Context): i32 {
  let bound = 0;
  for (let k = 0; k < ctx.fixedCount; k++) {
    const f = at(ctx.fixedTasks, k);
    if (hasBit(ctx.cur, f) || hasBit(ctx.inLoad, f)) continue;
    const s = at(ctx.g.fixed, f);
    if (s <= ctx.station) return 0x7fff;
    if (s > bound) bound = s;
  }
  return bound;
}

/** Jackson dominance: an available task outside the load dominates one inside and fits. */
export function isDominated(ctx: Context, rem: i32): bool {
  const times = ctx.g.times;
  const words = ctx.words;
  const rowBytes = <usize>words << 3;
  for (let k = 0; k < ctx.loadSize; k++) {
    const j = at(ctx.loadList, k);
    if (at(ctx.dom.any, j) == 0) continue;
    const row = ctx.dom.rows + <usize>j * rowBytes;
    const slack = at(times, j) + rem;
    for (let w = 0; w < words; w++) {
      let x = load<u64>(row + (<usize>w << 3)) & load<u64>(ctx.eligBits + (<usize>w << 3));
      while (x != 0) {
        const i = (w << 6) + <i32>ctz<u64>(x);
        x &= x - 1;
        if (at(times, i) <= slack) return true;
      }
    }
  }
  return false;
}

/** Whether no available task outside the load fits (used when must-not-share pairs exist). */
export function isMaximalWithConflicts(ctx: Context, rem: i32): bool {
  const times = ctx.g.times;
  for (let w = 0; w < ctx.words; w++) {
    let x = load<u64>(ctx.eligBits + (<usize>w << 3));
    while (x != 0) {
      const i = (w << 6) + <i32>ctz<u64>(x);
      x &= x - 1;
      if (at(times, i) <= rem && at(ctx.confCount, i) == 0) return false;
    }
  }
  return true;
}
