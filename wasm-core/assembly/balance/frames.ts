/**
 * Fill tables for the first levels of the load enumeration (see fill.ts). At a shallow frame
 * the candidates are known exactly: the eligible tasks from the frame's position on, plus the
 * tasks they can still release, i.e. those whose unassigned predecessors are all in the load,
 * among those candidates or themselves releasable. Successors of skipped tasks drop out, which
 * the expansion-wide table cannot know. Building costs O(n + arcs) plus the subset sums, so
 * only the top FRAME_TABLE_DEPTH levels, where subtrees are largest, get one.
 */
import { allocI32 } from "./arena";
import { hasBit } from "./bits";
import { Context } from "./context";
import { FillTable, buildFillTable, reserveRows, resetRow, rowAt, shiftOr } from "./fill";
import { at } from "./layout";

export const FRAME_TABLE_DEPTH: i32 = 3;

/** Per-depth tables and the marks used while building them. */
export class FrameTables {
  tables: StaticArray<FillTable>;
  candidate: usize;
  releasable: usize;
  stamp: i32 = 0;

  constructor(n: i32) {
    this.tables = new StaticArray<FillTable>(FRAME_TABLE_DEPTH);
    for (let d = 0; d < FRAME_TABLE_DEPTH; d++) this.tables[d] = buildFillTable(0);
    this.candidate = allocI32(n);
    this.releasable = allocI32(n);
  }
}

/**
 * Builds the table of the frame at load depth `depth` covering list positions start..count
 * with `rem` time left; returns it, or null if it could not be built.
 */
export function frameTable(ctx: Context, depth: i32, start: i32, count: i32, rem: i32, maxIdle: i32): FillTable | null {
  const ft = ctx.frames;
  const f = unchecked(ft.tables[depth]);
  f.words = (rem >>> 6) + 1;
  if (!reserveRows(f, count - start + 1)) return null;
  f.base = start;
  f.count = count;
  f.maxIdle = maxIdle;
  const stamp = ++ft.stamp;
  const g = ctx.g;
  for (let k = start; k < count; k++) store<i32>(ft.candidate + (<usize>at(ctx.elig, k) << 2), stamp);
  resetRow(f, count);
  const last = rowAt(f, count);
  for (let k = 0; k < ctx.n; k++) {
    const v = at(g.order, k);
    if (hasBit(ctx.cur, v) || hasBit(ctx.inLoad, v) || at(ctx.deg, v) == 0) continue;
    let ok = at(g.times, v) <= rem;
    for (let e = at(g.predOff, v); ok && e < at(g.predOff, v + 1); e++) {
      const p = at(g.predTgt, e);
      ok = hasBit(ctx.cur, p) || hasBit(ctx.inLoad, p) || at(ft.candidate, p) == stamp || at(ft.releasable, p) == stamp;
    }
    if (!ok) continue;
    store<i32>(ft.releasable + (<usize>v << 2), stamp);
    shiftOr(last, last, f.words, at(g.times, v));
  }
  for (let k = count - 1; k >= start; k--) {
    const t = at(g.times, at(ctx.elig, k));
    if (t <= rem) shiftOr(rowAt(f, k), rowAt(f, k + 1), f.words, t);
    else memory.copy(rowAt(f, k), rowAt(f, k + 1), <usize>f.words << 3);
  }
  f.active = true;
  return f;
}
