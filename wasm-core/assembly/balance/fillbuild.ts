/**
 * Building the fill table (fill.ts) of an expansion from the context: its rows are the
 * eligible tasks in list order, and its last row the subset sums of the tasks that could be
 * released within the station being opened.
 */
import { hasBit } from "./bits";
import { Context } from "./context";
import { reserveRows, resetRow, rowAt, shiftOr } from "./fill";
import { limit } from "./incumbent";
import { at } from "./layout";
import { fitsStation } from "./loads";

/**
 * Fills the subset-sum table (fill.ts) when the incumbent leaves this station less idle time
 * than a cycle: the eligible tasks by list position, plus every unassigned task that could be
 * released within this station (its head time, with all its unassigned predecessors, fits).
 */
export function prepareFill(ctx: Context, count: i32): void {
  const f = ctx.fill;
  const g = ctx.g;
  f.active = false;
  const maxIdle = <i64>(limit - ctx.station) * <i64>ctx.cycle - <i64>ctx.remTime;
  if (maxIdle >= <i64>ctx.cycle || !reserveRows(f, count + 1)) return;
  f.maxIdle = <i32>maxIdle;
  f.base = 0;
  f.count = count;
  resetRow(f, count);
  const pending = rowAt(f, count);
  for (let j = 0; j < ctx.n; j++) {
    if (hasBit(ctx.cur, j) || at(ctx.deg, j) == 0 || !fitsStation(ctx, j)) continue;
    const head = ctx.headsReady ? at(ctx.windows!.head, j) : at(g.times, j);
    if (head <= ctx.cycle) shiftOr(pending, pending, f.words, at(g.times, j));
  }
  for (let k = count - 1; k >= 0; k--) shiftOr(rowAt(f, k), rowAt(f, k + 1), f.words, at(g.times, at(ctx.elig, k)));
  f.active = true;
}
