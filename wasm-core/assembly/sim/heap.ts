/**
 * The event queue: an indexed binary heap over one slot per machine. A machine has at most one
 * pending event (the earlier of its activity end and its next failure), so the heap never grows
 * or allocates; a machine with nothing pending keeps the key +∞. Entries hold (time, machine)
 * side by side so comparisons never chase an index. Ties order by machine index, which makes
 * the event order, and so every result, deterministic (SimPy orders by (time, priority,
 * sequence) for the same reason).
 */
import { nMachines, pHeap, pPos } from './layout';

@inline function entryAt(i: i32): usize {
  return pHeap + (<usize>i << 4);
}

@inline function place(i: i32, k: f64, m: i32): void {
  const e = entryAt(i);
  store<f64>(e, k, 0);
  store<i32>(e, m, 8);
  store<i32>(pPos + (<usize>m << 2), i);
}

/** Strict (time, machine) order, without branches (heap comparisons are coin flips). */
@inline function before(ka: f64, a: i32, kb: f64, b: i32): bool {
  return <bool>(<i32>(ka < kb) | (<i32>(ka == kb) & <i32>(a < b)));
}

/** Every machine in the heap with key +∞, in index order (already a valid heap). */
export function heapReset(): void {
  for (let m = 0; m < nMachines; m++) place(m, Infinity, m);
}

/** The machine with the earliest pending event. */
@inline export function heapTop(): i32 {
  return load<i32>(pHeap, 8);
}

/** Time of the earliest pending event (+∞ when nothing is pending). */
@inline export function heapTopTime(): f64 {
  return load<f64>(pHeap, 0);
}

function siftUp(i: i32, k: f64, m: i32): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = entryAt(parent);
    const pk = load<f64>(p, 0);
    const pm = load<i32>(p, 8);
    if (!before(k, m, pk, pm)) break;
    place(i, pk, pm);
    i = parent;
  }
  place(i, k, m);
}

function siftDown(i: i32, k: f64, m: i32): void {
  const n = nMachines;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    const c = entryAt(child);
    let ck = load<f64>(c, 0);
    let cm = load<i32>(c, 8);
    if (child + 1 < n) {
      // Pick the earlier child with selects, not a branch.
      const rk = load<f64>(c, 16);
      const rm = load<i32>(c, 24);
      const right = before(rk, rm, ck, cm);
      child += <i32>right;
      ck = select<f64>(rk, ck, right);
      cm = select<i32>(rm, cm, right);
    }
    if (!before(ck, cm, k, m)) break;
    place(i, ck, cm);
    i = child;
  }
  place(i, k, m);
}

/** Sets machine m's event time and restores heap order. */
@inline export function heapSet(m: i32, k: f64): void {
  const i = load<i32>(pPos + (<usize>m << 2));
  const old = load<f64>(entryAt(i), 0);
  if (k < old) siftUp(i, k, m);
  else if (k > old) siftDown(i, k, m);
}
