/**
 * The "remember" of branch, bound and remember: every generated state (the set of tasks
 * assigned to the stations opened so far) is kept once, with the fewest stations it has been
 * reached with. A state reached again with as many stations or more is dominated and dropped
 * (Sewell & Jacobson 2012, §3). Records live in chunks sized to the instance; the hash table
 * (open addressing, linear probing) doubles as it fills, and both stop growing at the memory
 * budget, after which the search reports that it could not finish.
 *
 * Record layout (8-byte aligned):
 *   +0  u64 hash   (Zobrist: XOR of the keys of the assigned tasks)
 *   +8  i32 parent (state the last station was added to, −1 for the root)
 *   +12 u16 level  (stations used)
 *   +14 u16 bound  (lower bound on the total stations; bit 15 = still open)
 *   +16 u64[words] assigned tasks
 */
import { tryAlloc, allocU64 } from "./arena";
import { unionEquals } from "./bits";
import { setBound, setLevel } from "./records";

const MAX_CHUNKS: i32 = 1 << 16;

export class StateStore {
  words: i32 = 0;
  recordBytes: usize = 0;
  chunkShift: i32 = 0;
  chunks: usize = 0;
  count: i32 = 0;
  table: usize = 0;
  tableMask: u32 = 0;
  /** Set when memory ran out: the caller must treat the search as unfinished. */
  full: bool = false;
  /** Whether the last `findOrAdd` found an existing record. */
  found: bool = false;

  constructor(words: i32) {
    this.words = words;
    this.recordBytes = 16 + (<usize>words << 3);
    let shift = 6;
    while (shift < 16 && (this.recordBytes << <usize>(shift + 1)) <= (<usize>1 << 20)) shift++;
    this.chunkShift = shift;
    this.chunks = allocU64(MAX_CHUNKS >> 1);
    this.tableMask = (1 << 12) - 1;
    this.table = allocU64(1 << 12);
  }

  /** Address of record `id`. */
  @inline record(id: i32): usize {
    const chunk = load<u32>(this.chunks + (<usize>(id >>> this.chunkShift) << 2));
    return <usize>chunk + <usize>(id & ((1 << this.chunkShift) - 1)) * this.recordBytes;
  }

  /**
   * Finds the state `base ∪ extra` (with Zobrist hash `hash`) or adds it with the given
   * fields. Returns its id (`found` tells which) or −1 when memory is exhausted.
   */
  findOrAdd(hash: u64, base: usize, extra: usize, parent: i32, level: i32, bound: i32): i32 {
    if ((<u32>this.count + 1) * 2 > this.tableMask && !this.grow()) return -1;
    const mask = this.tableMask;
    const tag = hash & 0xffffffff00000000;
    let slot = <u32>hash & mask;
    while (true) {
      const entry = load<u64>(this.table + (<usize>slot << 3));
      if (entry == 0) break;
      if ((entry & 0xffffffff00000000) == tag) {
        const id = <i32>(entry & 0xffffffff) - 1;
        const rec = this.record(id);
        if (load<u64>(rec) == hash && unionEquals(base, extra, rec + 16, this.words)) {
          this.found = true;
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if ((id & ((1 << this.chunkShift) - 1)) == 0) {
      const chunkIndex = id >>> this.chunkShift;
      if (chunkIndex >= MAX_CHUNKS) {
        this.full = true;
        return -1;
      }
      const slotAt = this.chunks + (<usize>chunkIndex << 2);
      if (load<u32>(slotAt) == 0) {
        // Chunks survive reset(), so a later run with another cycle time reuses them.
        const chunk = tryAlloc(this.recordBytes << <usize>this.chunkShift);
        if (chunk == 0) {
          this.full = true;
          return -1;
        }
        store<u32>(slotAt, <u32>chunk);
      }
    }
    this.count = id + 1;
    const rec = this.record(id);
    store<u64>(rec, hash);
    store<i32>(rec, parent, 8);
    for (let w = 0; w < this.words; w++) {
      const o = <usize>w << 3;
      store<u64>(rec + 16 + o, load<u64>(base + o) | load<u64>(extra + o));
    }
    setLevel(rec, level);
    setBound(rec, bound, true);
    store<u64>(this.table + (<usize>slot << 3), tag | <u64>(id + 1));
    this.found = false;
    return id;
  }

  /** Forgets every state but keeps the memory for the next run. */
  reset(): void {
    this.count = 0;
    this.full = false;
    memory.fill(this.table, 0, (<usize>this.tableMask + 1) << 3);
  }

  /** Doubles the table and re-inserts every record; false when memory is exhausted. */
  private grow(): bool {
    const size = (<usize>this.tableMask + 1) << 1;
    const table = tryAlloc(size << 3);
    if (table == 0) {
      this.full = true;
      return false;
    }
    const mask = <u32>(size - 1);
    for (let id = 0; id < this.count; id++) {
      const hash = load<u64>(this.record(id));
      let slot = <u32>hash & mask;
      while (load<u64>(table + (<usize>slot << 3)) != 0) slot = (slot + 1) & mask;
      store<u64>(table + (<usize>slot << 3), (hash & 0xffffffff00000000) | <u64>(id + 1));
    }
    this.table = table;
    this.tableMask = mask;
    return true;
  }
}
