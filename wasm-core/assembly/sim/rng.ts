/**
 * Random streams: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", 2018), one 32-byte state per stream, seeded through SplitMix64 as its authors
 * recommend. A stream's seed depends only on (base seed, replication, purpose, station, slot),
 * never on its storage index, so a model variant with an extra machine or another buffer size
 * keeps the same draws for every stream the two share (common random numbers).
 */
import { nStations, pStreams, RECORD_SHIFT } from './layout';

export const PURPOSE_MIX: u64 = 1;
export const PURPOSE_PROCESS: u64 = 2;
export const PURPOSE_FAILURE: u64 = 3;
export const PURPOSE_REPAIR: u64 = 4;

/** SplitMix64 output function (Steele, Lea & Flood 2014). */
@inline function mix64(x: u64): u64 {
  let z = x + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Stream index of the product-mix draws. */
@inline export function mixStream(): i32 {
  return 0;
}

/** Stream index of station k's processing-time draws (shared by its parallel machines). */
@inline export function processStream(k: i32): i32 {
  return 1 + k;
}

/** Stream index of machine m's times to failure. */
@inline export function failureStream(m: i32): i32 {
  return 1 + nStations + 2 * m;
}

/** Stream index of machine m's repair times. */
@inline export function repairStream(m: i32): i32 {
  return 2 + nStations + 2 * m;
}

/** Seeds stream `id` from the replication key and its identity (purpose, station, slot). */
export function seedStream(id: i32, replicationKey: u64, purpose: u64, station: i32, slot: i32): void {
  let x = mix64(replicationKey ^ mix64((purpose << 48) | (<u64>station << 24) | <u64>slot));
  const at = pStreams + (<usize>id << RECORD_SHIFT);
  for (let i: usize = 0; i < 4; i++) {
    x = mix64(x);
    store<u64>(at + (i << 3), x);
  }
}

/** Key of one replication: the base seed and replication number mixed twice. */
export function replicationKey(seed: u64, replication: u64): u64 {
  return mix64(mix64(seed) ^ replication);
}

/** Next 64 random bits of stream `id`. */
@inline export function nextBits(id: i32): u64 {
  const at = pStreams + (<usize>id << RECORD_SHIFT);
  let s0 = load<u64>(at, 0);
  let s1 = load<u64>(at, 8);
  let s2 = load<u64>(at, 16);
  let s3 = load<u64>(at, 24);
  const result = rotl<u64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u64>(s3, 45);
  store<u64>(at, s0, 0);
  store<u64>(at, s1, 8);
  store<u64>(at, s2, 16);
  store<u64>(at, s3, 24);
  return result;
}

/** Uniform draw in the open interval (0, 1): 53 random bits, shifted by half a step. */
@inline export function uniform(id: i32): f64 {
  // Signed conversion: the value fits in 53 bits, and it is the cheaper instruction.
  return <f64>(<i64>(nextBits(id) >> 11)) * 1.1102230246251565e-16 + 5.551115123125783e-17;
}
