/**
 * Exponential and normal variates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat
 * Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000), in the floating-point
 * form of Doornik (2005) used by Rust's rand_distr: 256 layers, one 64-bit draw per variate on
 * the fast path (the low 8 bits pick the layer, the top 53 the position), no logarithm there.
 * Exact: the wedge and tail cases fall back to rejection against the density.
 */
import { pZiggurat } from './layout';
import { nextBits, uniform } from './rng';

const LAYERS: i32 = 256;
const EXP_R: f64 = 7.69711747013104972;
const EXP_V: f64 = 0.0039496598225815571993;
const NORM_R: f64 = 3.6541528853610088;
const NORM_V: f64 = 0.00492867323399;
const TABLE: usize = <usize>(LAYERS + 1) << 3;
const STEP: f64 = 1.1102230246251565e-16; // 2^-53

@inline function expX(i: i32): f64 { return load<f64>(pZiggurat + (<usize>i << 3)); }
@inline function expF(i: i32): f64 { return load<f64>(pZiggurat + TABLE + (<usize>i << 3)); }
@inline function normX(i: i32): f64 { return load<f64>(pZiggurat + 2 * TABLE + (<usize>i << 3)); }
@inline function normF(i: i32): f64 { return load<f64>(pZiggurat + 3 * TABLE + (<usize>i << 3)); }

/** Layer edges x_i and densities f(x_i): x_0 = V/f(R), x_1 = R, x_{i+1} = f⁻¹(f(x_i) + V/x_i). */
function build(at: usize, r: f64, v: f64, normal: bool): void {
  store<f64>(at, v / (normal ? Math.exp(-0.5 * r * r) : Math.exp(-r)));
  store<f64>(at, r, 8);
  for (let i = 1; i < LAYERS; i++) {
    const x = load<f64>(at + (<usize>i << 3));
    const y = (normal ? Math.exp(-0.5 * x * x) : Math.exp(-x)) + v / x;
    // The last edge is 0 up to rounding; clamp it there.
    const next = y >= 1 ? 0 : normal ? Math.sqrt(-2 * Math.log(y)) : -Math.log(y);
    store<f64>(at + (<usize>(i + 1) << 3), i + 1 == LAYERS ? 0 : next);
  }
  for (let i = 0; i <= LAYERS; i++) {
    const x = load<f64>(at + (<usize>i << 3));
    store<f64>(at + TABLE + (<usize>i << 3), normal ? Math.exp(-0.5 * x * x) : Math.exp(-x));
  }
}

/** Fills both tables (once per instance; a few hundred exp/log calls). */
export function zigguratInit(): void {
  build(pZiggurat, EXP_R, EXP_V, false);
  build(pZiggurat + 2 * TABLE, NORM_R, NORM_V, true);
}

/** Exponential with mean 1: the rectangle test inline, the rest out of line. */
@inline export function standardExponential(stream: i32): f64 {
  const bits = nextBits(stream);
  const i = <i32>(bits & 0xff);
  const x = <f64>(<i64>(bits >> 11)) * STEP * expX(i);
  return x < expX(i + 1) ? x : exponentialWedgeOrTail(stream, i, x);
}

function exponentialWedgeOrTail(stream: i32, i: i32, x: f64): f64 {
  while (true) {
    if (i == 0) return EXP_R - Math.log(uniform(stream));
    if (expF(i + 1) + (expF(i) - expF(i + 1)) * uniform(stream) < Math.exp(-x)) return x;
    const bits = nextBits(stream);
    i = <i32>(bits & 0xff);
    x = <f64>(<i64>(bits >> 11)) * STEP * expX(i);
    if (x < expX(i + 1)) return x;
  }
}

/** Standard normal: the rectangle test inline, the rest out of line. */
@inline export function standardNormal(stream: i32): f64 {
  const bits = nextBits(stream);
  const i = <i32>(bits & 0xff);
  const u = 2 * <f64>(<i64>(bits >> 11)) * STEP - 1;
  const x = u * normX(i);
  return Math.abs(x) < normX(i + 1) ? x : normalWedgeOrTail(stream, i, u, x);
}

function normalWedgeOrTail(stream: i32, i: i32, u: f64, x: f64): f64 {
  while (true) {
    if (i == 0) {
      // Tail beyond R (Marsaglia 1964).
      let tx: f64 = 1;
      let ty: f64 = 0;
      while (-2 * ty < tx * tx) {
        tx = Math.log(uniform(stream)) / NORM_R;
        ty = Math.log(uniform(stream));
      }
      return u < 0 ? tx - NORM_R : NORM_R - tx;
    }
    if (normF(i + 1) + (normF(i) - normF(i + 1)) * uniform(stream) < Math.exp(-0.5 * x * x)) return x;
    const bits = nextBits(stream);
    i = <i32>(bits & 0xff);
    u = 2 * <f64>(<i64>(bits >> 11)) * STEP - 1;
    x = u * normX(i);
    if (Math.abs(x) < normX(i + 1)) return x;
  }
}
