/**
 * Lower bounds on the cycle time of SALBP-2 with m stations (see Scholl & Becker 2006): the longest
 * task, ⌈Σt / m⌉, the pigeonhole bounds on the longest tasks, and the smallest cycle time at
 * which the SALBP-1 root bound no longer exceeds m (that bound falls as the cycle time grows,
 * so a binary search finds it).
 */
import { allocI32 } from "./arena";
import { Graph } from "./graph";
import { at } from "./layout";
import { rootBound } from "./setup";

/**
 * Lower bound on the cycle time: the longest task, ⌈Σt / m⌉, for k ≥ 1 the k+1 smallest of
 * the km + 1 longest tasks (some station holds k+1 of them), and the smallest c whose root
 * station bound does not exceed m.
 */
export function cycleLowerBound(g: Graph, m: i32): i32 {
  let lo = max(g.maxTime, <i32>((<i64>g.totalTime + m - 1) / m));
  const sorted = allocI32(g.n);
  for (let j = 0; j < g.n; j++) store<i32>(sorted + (<usize>j << 2), at(g.times, j));
  sortDesc(sorted, g.n);
  for (let k = 1; k * m < g.n; k++) {
    let sum = 0;
    for (let i = k * m - k; i <= k * m; i++) sum += at(sorted, i);
    lo = max(lo, sum);
  }
  let hi = max(lo, g.totalTime);
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    if (rootBound(g, mid) <= m) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sortDesc(list: usize, n: i32): void {
  for (let k = 1; k < n; k++) {
    const v = at(list, k);
    let p = k - 1;
    while (p >= 0 && at(list, p) < v) {
      store<i32>(list + (<usize>(p + 1) << 2), at(list, p));
      p--;
    }
    store<i32>(list + (<usize>(p + 1) << 2), v);
  }
}
