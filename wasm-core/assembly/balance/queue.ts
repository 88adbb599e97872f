/**
 * Cyclic best-first search (Kao, Sewell & Jacobson 2009; used by BB&R): one min-heap of open
 * states per number of stations used, visited round-robin, taking the best state of each
 * level in turn. It dives like depth-first search (every level gets a turn, so complete
 * solutions appear early) while choosing by quality like best-first search.
 * A heap entry packs (key << 32 | state id) into one u64, so ordering is one comparison.
 */
import { tryAlloc, allocI32 } from "./arena";

export class LevelQueue {
  levels: i32 = 0;
  /** i32[levels] heap base addresses, sizes and capacities. */
  bases: usize = 0;
  sizes: usize = 0;
  caps: usize = 0;
  cursor: i32 = -1;
  total: i32 = 0;
  full: bool = false;

  constructor(levels: i32) {
    this.levels = levels;
    this.bases = allocI32(levels);
    this.sizes = allocI32(levels);
    this.caps = allocI32(levels);
  }

  /** Empties every level, keeping the heap memory. */
  reset(): void {
    memory.fill(this.sizes, 0, <usize>this.levels << 2);
    this.cursor = -1;
    this.total = 0;
    this.full = false;
  }

  /** Adds a state; false when memory is exhausted. Keys must be in [0, 2³¹). */
  push(level: i32, key: i32, id: i32): bool {
    const off = <usize>level << 2;
    let size = load<i32>(this.sizes + off);
    let base = <usize>load<u32>(this.bases + off);
    const cap = load<i32>(this.caps + off);
    if (size == cap) {
      const newCap = cap == 0 ? 64 : cap * 2;
      const grown = tryAlloc(<usize>newCap << 3);
      if (grown == 0) {
        this.full = true;
        return false;
      }
      if (size > 0) memory.copy(grown, base, <usize>size << 3);
      base = grown;
      store<u32>(this.bases + off, <u32>grown);
      store<i32>(this.caps + off, newCap);
    }
    const entry = (<u64>key << 32) | <u64>id;
    let k = size;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const pe = load<u64>(base + (<usize>parent << 3));
      if (pe <= entry) break;
      store<u64>(base + (<usize>k << 3), pe);
      k = parent;
    }
    store<u64>(base + (<usize>k << 3), entry);
    store<i32>(this.sizes + off, size + 1);
    this.total++;
    return true;
  }

  /** Pops the best state of the next non-empty level below `limit`, round-robin; −1 if none. */
  popCyclic(limit: i32): i32 {
    const top = min(limit, this.levels);
    for (let step = 0; step < top; step++) {
      this.cursor = this.cursor + 1 >= top ? 0 : this.cursor + 1;
      if (load<i32>(this.sizes + (<usize>this.cursor << 2)) > 0) return this.popAt(this.cursor);
    }
    return -1;
  }

  /** Entries on levels at or above `limit` can never be expanded again. */
  dropFrom(limit: i32): void {
    for (let l = max(limit, 0); l < this.levels; l++) {
      this.total -= load<i32>(this.sizes + (<usize>l << 2));
      store<i32>(this.sizes + (<usize>l << 2), 0);
    }
  }

  /** Id of entry `k` of level `level` (for scanning the open states). */
  @inline idAt(level: i32, k: i32): i32 {
    const base = <usize>load<u32>(this.bases + (<usize>level << 2));
    return <i32>(load<u64>(base + (<usize>k << 3)) & 0xffffffff);
  }

  @inline sizeAt(level: i32): i32 {
    return load<i32>(this.sizes + (<usize>level << 2));
  }

  private popAt(level: i32): i32 {
    const off = <usize>level << 2;
    const base = <usize>load<u32>(this.bases + off);
    const size = load<i32>(this.sizes + off) - 1;
    const top = load<u64>(base);
    const last = load<u64>(base + (<usize>size << 3));
    let k = 0;
    while (true) {
      let child = 2 * k + 1;
      if (child >= size) break;
      let ce = load<u64>(base + (<usize>child << 3));
      if (child + 1 < size) {
        const re = load<u64>(base + (<usize>(child + 1) << 3));
        if (re < ce) {
          child++;
          ce = re;
        }
      }
      if (last <= ce) break;
      store<u64>(base + (<usize>k << 3), ce);
      k = child;
    }
    if (size > 0) store<u64>(base + (<usize>k << 3), last);
    store<i32>(this.sizes + off, size);
    this.total--;
    return <i32>(top & 0xffffffff);
  }
}
