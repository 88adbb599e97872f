/**
 * The linear-programming bound of bin packing (Gilmore & Gomory 1961), the strongest of the
 * bin-packing bounds: min Σ x_p over bin patterns p covering every size's multiplicity.
 * Solved by column generation with a dense revised simplex (one row per distinct size,
 * surplus columns for the ≥ rows) and knapsack pricing. Every dual vector y gives Farley's
 * bound d·y / K(y), K(y) the best pattern value, so the bound stays valid when the work cap
 * stops the iteration early. Valid lower bound: ⌈LP⌉. It proves e.g. Wee-mag c = 54 needs 31
 * stations at the root, where the counting bounds stop at 30.
 */
import { allocI32, allocU64 } from "./arena";
import { Knapsack, bestPattern, buildKnapsack } from "./knapsack";

const EPS: f64 = 1e-9;

export class LpBound {
  rows: i32 = 0;
  sizes: usize = 0;
  demand: usize = 0;
  /** Dense basis inverse (rows × rows), basic values, basic column ids, duals. */
  binv: usize = 0;
  xB: usize = 0;
  basis: usize = 0;
  y: usize = 0;
  dir: usize = 0;
  /** Scratch for refactorisation: rows × 2·rows. */
  work: usize = 0;
  /** Pattern pool: column id k ≥ 0 is pattern k (i32[rows]); −1 − i is the surplus of row i. */
  pool: usize = 0;
  poolSize: i32 = 0;
  poolCap: i32 = 0;
  pattern: usize = 0;
  knap: Knapsack;
  /** Whether the last run ended at the LP optimum (so its bound is the best it can give). */
  optimal: bool = false;

  constructor(rows: i32, capacity: i32, maxChunks: i32, poolCap: i32) {
    this.rows = rows;
    this.sizes = allocI32(rows);
    this.demand = allocI32(rows);
    this.binv = allocU64(rows * rows);
    this.xB = allocU64(rows);
    this.basis = allocI32(rows);
    this.y = allocU64(rows);
    this.dir = allocU64(rows);
    this.work = allocU64(2 * rows * rows);
    this.poolCap = poolCap;
    this.pool = allocI32(poolCap * rows);
    this.pattern = allocI32(rows);
    this.knap = buildKnapsack(capacity, maxChunks);
  }
}

@inline function f(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline function setF(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** Perturbed demand of row i (see lpLowerBound). */
@inline function rhs(lp: LpBound, i: i32): f64 {
  return <f64>load<i32>(lp.demand + (<usize>i << 2)) + 1e-6 * <f64>(i + 1) / <f64>lp.rows;
}

@inline function n32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

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

/** Brings column `col` into the basis (ratio test, then a dense update of B⁻¹); false if unbounded. */
function pivot(lp: LpBound, col: i32): bool {
  const m = lp.rows;
  for (let k = 0; k < m; k++) {
    let v: f64 = 0;
    if (col >= 0) {
      for (let i = 0; i < m; i++) v += f(lp.binv, k * m + i) * <f64>n32(lp.pool, col * m + i);
    } else {
      v = -f(lp.binv, k * m + (-1 - col));
    }
    setF(lp.dir, k, v);
  }
  let leave = -1;
  let ratio: f64 = Infinity;
  for (let k = 0; k < m; k++) {
    const d = f(lp.dir, k);
    if (d > EPS) {
      const r = f(lp.xB, k) / d;
      if (r < ratio - EPS) {
        ratio = r;
        leave = k;
      }
    }
  }
  if (leave < 0) return false;
  const dl = f(lp.dir, leave);
  for (let j = 0; j < m; j++) setF(lp.binv, leave * m + j, f(lp.binv, leave * m + j) / dl);
  setF(lp.xB, leave, f(lp.xB, leave) / dl);
  for (let k = 0; k < m; k++) {
    if (k == leave) continue;
    const d = f(lp.dir, k);
    if (d == 0) continue;
    for (let j = 0; j < m; j++) setF(lp.binv, k * m + j, f(lp.binv, k * m + j) - d * f(lp.binv, leave * m + j));
    setF(lp.xB, k, f(lp.xB, k) - d * f(lp.xB, leave));
  }
  store<i32>(lp.basis + (<usize>leave << 2), col);
  return true;
}


/**
 * Recomputes B⁻¹ by Gauss–Jordan elimination with partial pivoting (into lp.dir-sized scratch
 * rows of the pool's spare space is avoided: the basis matrix is rebuilt in lp.binv's place
 * from a copy), then x_B = B⁻¹·d. False if the basis has become singular.
 */
function refactor(lp: LpBound): bool {
  const m = lp.rows;
  const a = lp.work;
  // a = [B | I]
  for (let k = 0; k < m; k++) {
    const col = n32(lp.basis, k);
    for (let i = 0; i < m; i++) {
      const v = col >= 0 ? <f64>n32(lp.pool, col * m + i) : (i == -1 - col ? -1.0 : 0.0);
      setF(a, i * 2 * m + k, v);
      setF(a, i * 2 * m + m + k, i == k ? 1.0 : 0.0);
    }
  }
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(f(a, r * 2 * m + c)) > Math.abs(f(a, p * 2 * m + c))) p = r;
    const pv = f(a, p * 2 * m + c);
    if (Math.abs(pv) < 1e-12) return false;
    if (p != c) {
      for (let j = 0; j < 2 * m; j++) {
        const t = f(a, c * 2 * m + j);
        setF(a, c * 2 * m + j, f(a, p * 2 * m + j));
        setF(a, p * 2 * m + j, t);
      }
    }
    for (let j = 0; j < 2 * m; j++) setF(a, c * 2 * m + j, f(a, c * 2 * m + j) / pv);
    for (let r = 0; r < m; r++) {
      if (r == c) continue;
      const factor = f(a, r * 2 * m + c);
      if (factor == 0) continue;
      for (let j = 0; j < 2 * m; j++) setF(a, r * 2 * m + j, f(a, r * 2 * m + j) - factor * f(a, c * 2 * m + j));
    }
  }
  // Row i of B⁻¹ is row i of the right half (B⁻¹ maps row space to basis positions).
  for (let k = 0; k < m; k++) {
    let x: f64 = 0;
    for (let i = 0; i < m; i++) {
      const v = f(a, k * 2 * m + m + i);
      setF(lp.binv, k * m + i, v);
      x += v * rhs(lp, i);
    }
    setF(lp.xB, k, x);
  }
  return true;
}
