/**
 * Fill tables: which load times the rest of the enumeration can still reach. With little idle
 * time to spare (the incumbent's bound allows `maxIdle` per station), almost every maximal load
 * the plain enumeration visits is discarded afterwards. Per expansion, a subset-sum table over
 * the candidates, ignoring precedence (released successors count as free items, so it is a
 * relaxation), tells for each position of the eligible list which further load times the
 * positions from there on can add; a branch that cannot reach an idle time within both
 * `maxIdle` and the maximality limit is not entered.
 *
 * Row k (bits 0..c) holds the sums reachable with the eligible tasks from position k on plus
 * every task that might still be released in this station; row `count` holds the latter only.
 * (Tighter tables per enumeration frame, without the successors of skipped tasks, were tried:
 * they cut few loads and cost more than they saved.)
 */
import { tryAlloc } from "./arena";

/** Table words above which an expansion goes without (about 32 MiB). */
const MAX_TABLE_WORDS: i32 = 1 << 22;

export class FillTable {
  words: i32 = 0;
  rows: usize = 0;
  capacityWords: i32 = 0;
  /** Rows cover list positions base..count; row `count` holds the releasable tasks only. */
  base: i32 = 0;
  count: i32 = 0;
  maxIdle: i32 = 0;
  active: bool = false;
}

/** A table for cycle time `cycle`; its memory is taken on first use. */
export function buildFillTable(cycle: i32): FillTable {
  const f = new FillTable();
  f.words = (cycle >>> 6) + 1;
  return f;
}

/** Makes room for `rows` rows; false if that would exceed the table limit or memory. */
export function reserveRows(f: FillTable, rows: i32): bool {
  const need = rows * f.words;
  if (f.words <= 0) return false;
  if (rows > MAX_TABLE_WORDS / f.words) return false;
  if (need <= f.capacityWords) return true;
  const size = max(need, f.capacityWords * 2);
  const p = tryAlloc(<usize>size << 3);
  if (p == 0) return false;
  f.rows = p;
  f.capacityWords = size;
  return true;
}

/** Address of the row of list position k (base ≤ k ≤ count). */
@inline export function rowAt(f: FillTable, k: i32): usize {
  return f.rows + (<usize>((k - f.base) * f.words) << 3);
}

/** dst = src ∪ (src + shift), over `words` words (dst may equal src). */
export function shiftOr(dst: usize, src: usize, words: i32, shift: i32): void {
  const s = shift >>> 6;
  const b = <u64>(shift & 63);
  for (let w = words - 1; w >= 0; w--) {
    let v = load<u64>(src + (<usize>w << 3));
    if (w >= s) {
      v |= load<u64>(src + (<usize>(w - s) << 3)) << b;
      if (b != 0 && w > s) v |= load<u64>(src + (<usize>(w - s - 1) << 3)) >> (64 - b);
    }
    store<u64>(dst + (<usize>w << 3), v);
  }
}

/** Whether row k has a bit in [lo, hi] (lo ≤ hi, both within the row). */
@inline export function anyIn(f: FillTable, k: i32, lo: i32, hi: i32): bool {
  const row = rowAt(f, k);
  const first = lo >>> 6;
  const last = hi >>> 6;
  if (first == last) {
    // The usual case: a narrow window inside one word.
    const x = load<u64>(row + (<usize>first << 3)) >>> <u64>(lo & 63);
    return (x & ((<u64>2 << <u64>(hi - lo)) - 1)) != 0;
  }
  return anyInWords(row, first, last, lo, hi);
}

function anyInWords(row: usize, first: i32, last: i32, lo: i32, hi: i32): bool {
  for (let w = first; w <= last; w++) {
    let x = load<u64>(row + (<usize>w << 3));
    if (w == first) x &= ~(<u64>0) << <u64>(lo & 63);
    if (w == last && (hi & 63) != 63) x &= (<u64>1 << <u64>((hi & 63) + 1)) - 1;
    if (x != 0) return true;
  }
  return false;
}

/**
 * Whether positions from `position` on can bring the idle time `rem` into [0, T] with
 * T = min(maxIdle, minSkip − 1): some reachable sum lies in [rem − T, rem].
 */
@inline export function canFill(f: FillTable, position: i32, rem: i32, minSkip: i32): bool {
  const t = min(f.maxIdle, minSkip - 1);
  if (t < 0) return false;
  if (t >= rem) return true;
  return anyIn(f, min(position, f.count), rem - t, rem);
}

/** Clears row k to {0}. */
export function resetRow(f: FillTable, k: i32): void {
  const row = rowAt(f, k);
  memory.fill(row, 0, <usize>f.words << 3);
  store<u64>(row, 1);
}
