/**
 * Bit sets over task indices, stored as little-endian u64 words in linear memory.
 * `words` is ⌈n / 64⌉ for an instance with n tasks.
 */

/** Whether bit `i` is set. */
@inline export function hasBit(set: usize, i: i32): bool {
  return ((load<u64>(set + (<usize>(i >>> 6) << 3)) >>> <u64>(i & 63)) & 1) != 0;
}

/** Sets bit `i`. */
@inline export function setBit(set: usize, i: i32): void {
  const p = set + (<usize>(i >>> 6) << 3);
  store<u64>(p, load<u64>(p) | (<u64>1 << <u64>(i & 63)));
}

/** Clears bit `i`. */
@inline export function clearBit(set: usize, i: i32): void {
  const p = set + (<usize>(i >>> 6) << 3);
  store<u64>(p, load<u64>(p) & ~(<u64>1 << <u64>(i & 63)));
}

/** Copies `words` words from `src` to `dst`. */
@inline export function copyBits(dst: usize, src: usize, words: i32): void {
  memory.copy(dst, src, <usize>words << 3);
}

/** Whether `a ∪ b` equals `c` (compares a candidate child state without building it). */
export function unionEquals(a: usize, b: usize, c: usize, words: i32): bool {
  for (let w = 0; w < words; w++) {
    const o = <usize>w << 3;
    if ((load<u64>(a + o) | load<u64>(b + o)) != load<u64>(c + o)) return false;
  }
  return true;
}

/** Number of set bits. */
export function countBits(set: usize, words: i32): i32 {
  let c: i32 = 0;
  for (let w = 0; w < words; w++) c += <i32>popcnt<u64>(load<u64>(set + (<usize>w << 3)));
  return c;
}
