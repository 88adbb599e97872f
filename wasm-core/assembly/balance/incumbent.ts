/**
 * The best solution found so far, shared by both search directions and kept in forward
 * station numbers. `limit` is the number of stations a new solution must beat: the best
 * solution's count, or (before one exists) the cap given by the caller.
 */
import { allocI32 } from "./arena";
import { hasBit } from "./bits";
import { Context } from "./context";
import { at } from "./layout";
import { bitsOf, levelOf, parentOf } from "./records";

export let limit: i32 = 0;
export let found: bool = false;
/** i32[n] forward station (1-based) of each task in the best solution. */
export let best: usize = 0;
let scratch: usize = 0;
let used: usize = 0;

/**
 * Resets the incumbent for an instance of n tasks: solutions must use fewer than `cap`
 * stations, and no station number exceeds `maxLevels`.
 */
export function resetIncumbent(n: i32, cap: i32, maxLevels: i32): void {
  if (best == 0) {
    best = allocI32(n);
    scratch = allocI32(n);
    used = allocI32(maxLevels + 2);
  }
  limit = cap;
  found = false;
}

/**
 * Offers a solution in search numbering (`stations` i32[n] for graph direction `reversed`)
 * with `count` stations. Stations left empty are closed up unless tasks are fixed.
 * Returns true if it became the incumbent.
 */
export function offer(stations: usize, n: i32, count: i32, reversed: bool, compact: bool): bool {
  let m = count;
  if (compact) m = closeUpEmptyStations(stations, n, count);
  if (m >= limit) return false;
  for (let j = 0; j < n; j++) {
    const s = at(stations, j);
    store<i32>(best + (<usize>j << 2), reversed ? m + 1 - s : s);
  }
  limit = m;
  found = true;
  return true;
}

function closeUpEmptyStations(stations: usize, n: i32, count: i32): i32 {
  for (let s = 0; s <= count; s++) store<i32>(used + (<usize>s << 2), 0);
  for (let j = 0; j < n; j++) store<i32>(used + (<usize>at(stations, j) << 2), 1);
  let m = 0;
  for (let s = 1; s <= count; s++) {
    if (at(used, s) != 0) m++;
    store<i32>(used + (<usize>s << 2), m);
  }
  for (let j = 0; j < n; j++) store<i32>(stations + (<usize>j << 2), at(used, at(stations, j)));
  return m;
}

/**
 * Records the solution completed by the current load of `ctx` at station `ctx.station`:
 * the load's tasks get that station, earlier ones the level of the state that added them.
 */
export function offerFromSearch(ctx: Context): bool {
  const n = ctx.n;
  for (let j = 0; j < n; j++) {
    store<i32>(scratch + (<usize>j << 2), hasBit(ctx.inLoad, j) ? ctx.station : 0);
  }
  let id = ctx.parentId;
  while (id >= 0) {
    const rec = ctx.store.record(id);
    const parent = parentOf(rec);
    const level = levelOf(rec);
    const bits = bitsOf(rec);
    const parentBits = parent >= 0 ? bitsOf(ctx.store.record(parent)) : 0;
    for (let j = 0; j < n; j++) {
      if (hasBit(bits, j) && (parentBits == 0 || !hasBit(parentBits, j))) {
        store<i32>(scratch + (<usize>j << 2), level);
      }
    }
    id = parent;
  }
  return offer(scratch, n, ctx.station, ctx.g.reversed, ctx.g.fixed == 0);
}

/** Scratch i32[n] for heuristics to build candidate solutions in. */
export function candidateBuffer(): usize {
  return scratch;
}
