/**
 * Transitive closure of a precedence graph as bit rows: successors (reach) and predecessors
 * (ancestors) of every task, n·⌈n/64⌉ words each. Dominance, station windows and positional
 * weights all read them; one pass over the arcs in (reverse) topological order builds each.
 */
import { allocU64 } from "./arena";
import { setBit } from "./bits";
import { Graph } from "./graph";
import { at } from "./layout";

/** Transitive successors, in reverse topological order: reach(v) = ∪ ({s} ∪ reach(s)). */
export function computeReach(g: Graph): void {
  const words = g.words;
  const rowBytes = <usize>words << 3;
  g.reach = allocU64(g.n * words);
  for (let k = g.n - 1; k >= 0; k--) {
    const v = at(g.order, k);
    const row = g.reach + <usize>v * rowBytes;
    for (let e = at(g.succOff, v); e < at(g.succOff, v + 1); e++) {
      const s = at(g.succTgt, e);
      const srow = g.reach + <usize>s * rowBytes;
      for (let w = 0; w < words; w++) {
        const o = <usize>w << 3;
        store<u64>(row + o, load<u64>(row + o) | load<u64>(srow + o));
      }
      setBit(row, s);
    }
  }
}

/** Transitive predecessors, in topological order: anc(v) = ∪ ({p} ∪ anc(p)). */
export function computeAncestors(g: Graph): void {
  const words = g.words;
  const rowBytes = <usize>words << 3;
  g.ancestors = allocU64(g.n * words);
  for (let k = 0; k < g.n; k++) {
    const v = at(g.order, k);
    const row = g.ancestors + <usize>v * rowBytes;
    for (let e = at(g.predOff, v); e < at(g.predOff, v + 1); e++) {
      const p = at(g.predTgt, e);
      const prow = g.ancestors + <usize>p * rowBytes;
      for (let w = 0; w < words; w++) {
        const o = <usize>w << 3;
        store<u64>(row + o, load<u64>(row + o) | load<u64>(prow + o));
      }
      setBit(row, p);
    }
  }
}
