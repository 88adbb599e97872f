/**
 * The dense revised simplex under the bin-packing LP (lpbound.ts): one row per distinct size,
 * B⁻¹ kept explicitly (rows ≤ MAX_LP_ROWS, so a dense update is cheap), surplus columns for
 * the ≥ rows, and a Gauss–Jordan refactorisation every few dozen pivots because dense updates
 * drift. Demands are perturbed by distinct tiny amounts: the LP is massively degenerate (most
 * demands are 1) and would otherwise cycle.
 */
import { allocI32, allocU64 } from "./arena";
import { Knapsack, buildKnapsack } from "./knapsack";

export const EPS: f64 = 1e-9;

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

@inline export function f(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline export function setF(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** Perturbed demand of row i. */
@inline export function rhs(lp: LpBound, i: i32): f64 {
  return <f64>load<i32>(lp.demand + (<usize>i << 2)) + 1e-6 * <f64>(i + 1) / <f64>lp.rows;
}

@inline export function n32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Brings column `col` into the basis (ratio test, then a dense update of B⁻¹); false if unbounded. */
export function pivot(lp: LpBound, col: i32): bool {
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
export function refactor(lp: LpBound): bool {
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
