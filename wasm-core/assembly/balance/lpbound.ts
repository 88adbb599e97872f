/**
 * The linear-programming bound of bin packing (Gilmore & Gomory 1961), the strongest of the
 * bin-packing bounds: min Σ x_p over bin patterns p covering every size's multiplicity.
 * Solved by column generation: the dense revised simplex of simplex.ts, priced by the
 * knapsack of knapsack.ts after any seeded patterns. Every dual vector y gives Farley's
 * bound d·y / K(y), K(y) the best pattern value, so the bound stays valid when the work cap
 * stops the iteration early. Valid lower bound: ⌈LP⌉. It proves e.g. Wee-mag c = 54 needs 31
 * stations at the root, where the counting bounds stop at 30.
 */
import { bestPattern } from "./knapsack";
import { EPS, LpBound, f, n32, pivot, refactor, rhs, setF } from "./simplex";

/**
 * Lower bound on the bins for `rows` sizes (lp.sizes, lp.demand filled by the caller), stopping
 * as soon as it exceeds `target` or the knapsack work passes `maxWork` cell updates.
 */
export function lpLowerBound(lp: LpBound, target: i32, maxWork: f64): i32 {
  const m = lp.rows;
  const c = lp.knap.capacity;
  const seeds = lp.poolSize;
  lp.knap.work = 0;
  lp.optimal = false;
  // Start from one single-size pattern per row: a diagonal, feasible basis.
  memory.fill(lp.binv, 0, <usize>(m * m) << 3);
  for (let i = 0; i < m; i++) {
    const per = min(n32(lp.demand, i), c / n32(lp.sizes, i));
    const k = addPattern(lp);
    store<i32>(lp.pool + (<usize>(k * m + i) << 2), per);
    store<i32>(lp.basis + (<usize>i << 2), k);
    setF(lp.binv, i * m + i, 1.0 / <f64>per);
    // Demands are perturbed by distinct tiny amounts: the LP is massively degenerate
    // (most demands are 1) and would otherwise cycle. Farley's bound uses the true demands.
    setF(lp.xB, i, rhs(lp, i) / <f64>per);
  }
  let best = 0;
  for (let iteration = 0; iteration < MAX_PIVOTS; iteration++) {
    // Rebuild B⁻¹ from the basis now and then: dense updates drift numerically.
    if (iteration % REFACTOR_EVERY == REFACTOR_EVERY - 1 && !refactor(lp)) return best;
    // Effort in the knapsack's unit (one table cell): the dense simplex costs about m² per pivot.
    lp.knap.work += <f64>(m * m);
    // Duals y = c_B · B⁻¹ (pattern columns cost 1, surplus columns 0).
    let dy: f64 = 0;
    for (let j = 0; j < m; j++) {
      let v: f64 = 0;
      for (let k = 0; k < m; k++) if (n32(lp.basis, k) >= 0) v += f(lp.binv, k * m + j);
      setF(lp.y, j, v);
      dy += v * <f64>n32(lp.demand, j);
    }
    // The restricted master's value is an upper bound on the LP optimum: once it is at most
    // the target, the LP cannot prove more, so stop.
    let primal: f64 = 0;
    for (let k = 0; k < m; k++) if (n32(lp.basis, k) >= 0) primal += f(lp.xB, k);
    if (primal <= <f64>target + 1e-7) return best;
    let negative = -1;
    for (let i = 0; i < m && negative < 0; i++) if (f(lp.y, i) < -EPS) negative = i;
    if (negative >= 0) {
      if (!pivot(lp, -1 - negative)) return best;
      continue;
    }
    const seeded = bestSeed(lp, seeds);
    if (seeded >= 0) {
      if (!pivot(lp, seeded)) return best;
      continue;
    }
    const value = bestPattern(lp.knap, m, lp.sizes, lp.demand, lp.y, lp.pattern);
    const farley = value > EPS ? dy / value : 0;
    best = max(best, <i32>Math.ceil(farley - 1e-7));
    if (value <= 1 + EPS) {
      lp.optimal = true;
      return best;
    }
    if (best > target || lp.knap.work > maxWork || lp.poolSize >= lp.poolCap) return best;
    const entering = addPattern(lp);
    memory.copy(lp.pool + (<usize>(entering * m) << 2), lp.pattern, <usize>m << 2);
    if (!pivot(lp, entering)) return best;
  }
  return best;
}

/** Degenerate cycling is cut off here; the Farley bound found so far stays valid. */
const MAX_PIVOTS: i32 = 2000;
const REFACTOR_EVERY: i32 = 40;

/** Forgets all patterns; seeds added next are priced before any knapsack is solved. */
export function clearPatterns(lp: LpBound): void {
  lp.poolSize = 0;
}

/** Adds a known pattern (i32 counts per row), e.g. a station of the incumbent solution. */
export function seedPattern(lp: LpBound, counts: usize): void {
  if (lp.poolSize >= lp.poolCap - lp.rows) return;
  memory.copy(lp.pool + (<usize>(addPattern(lp) * lp.rows) << 2), counts, <usize>lp.rows << 2);
}

/** The seed with the most negative reduced cost 1 − y·p, or −1: pricing that costs no knapsack. */
function bestSeed(lp: LpBound, seeds: i32): i32 {
  let bestK = -1;
  let bestValue: f64 = 1 + 1e-7;
  for (let k = 0; k < seeds; k++) {
    let v: f64 = 0;
    for (let i = 0; i < lp.rows; i++) v += f(lp.y, i) * <f64>n32(lp.pool, k * lp.rows + i);
    if (v > bestValue) {
      bestValue = v;
      bestK = k;
    }
  }
  return bestK;
}

function addPattern(lp: LpBound): i32 {
  const k = lp.poolSize++;
  memory.fill(lp.pool + (<usize>(k * lp.rows) << 2), 0, <usize>lp.rows << 2);
  return k;
}
