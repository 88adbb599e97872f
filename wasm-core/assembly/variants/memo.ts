/**
 * What the search learned about a state: the set of tasks on the stations closed so far (and,
 * when tasks are fixed to stations, how many stations that took), with a lower bound on the
 * cost of completing it. A state explored to the end without beating the incumbent proves
 * that completing it costs at least (incumbent − cost so far); reached again at a cost that
 * cannot beat the incumbent with that bound, it is pruned. Keys are compared in full, so a
 * hash collision never prunes. Open addressing in a table sized once; when it is full, new
 * states are no longer remembered (the search stays exact, only slower).
 *
 * Entry: u64 hash, f64 bound, i32 stations, i32 key offset (into the key pool, in words),
 * i32 generation (an entry of an older generation is empty: clearing is one increment).
 */
import { tryAlloc } from "../balance/arena";

const ENTRY: usize = 32;
const TABLE_BYTES: usize = 96 << 20;
const KEY_BYTES: usize = 160 << 20;

let table: usize = 0;
let mask: u32 = 0;
let keys: usize = 0;
let keyWords: i32 = 0;
let keyCap: i32 = 0;
let keyTop: i32 = 0;
let count: u32 = 0;
let stateWords: i32 = 0;
let generation: i32 = 0;

/** Sizes the table for states of `words` u64 words; returns false if no memory is left. */
export function memoSetup(words: i32, n: i32): bool {
  stateWords = words;
  // A small instance has few states: no point in touching a large table.
  const most: usize = <usize>1 << <usize>min(22, n + 2);
  let slots: usize = 1 << 10;
  while (slots < most && slots * ENTRY * 2 <= TABLE_BYTES && slots * 2 * (<usize>words << 3) <= KEY_BYTES) slots <<= 1;
  table = tryAlloc(slots * ENTRY);
  keys = tryAlloc(slots * (<usize>words << 3));
  if (table == 0 || keys == 0) return false;
  mask = <u32>slots - 1;
  keyCap = <i32>slots;
  keyWords = words;
  memoClear();
  return true;
}

/** Forgets every state (a new cycle time makes old bounds meaningless). */
export function memoClear(): void {
  generation++;
  keyTop = 0;
  count = 0;
}

@inline function mix(hash: u64, stations: i32): u64 {
  return hash ^ (<u64>stations * 0xc2b2ae3d27d4eb4f);
}

function sameKey(slotAt: usize, state: usize, stations: i32): bool {
  if (load<i32>(slotAt + 16) != stations) return false;
  const key = keys + (<usize>load<i32>(slotAt + 20) << 3);
  for (let w = 0; w < stateWords; w++) {
    const o = <usize>w << 3;
    if (load<u64>(key + o) != load<u64>(state + o)) return false;
  }
  return true;
}

/** The slot of a state, or of the empty slot where it would go. */
function slotOf(hash: u64, state: usize, stations: i32): usize {
  const h = mix(hash, stations);
  let i = <u32>h & mask;
  while (true) {
    const at = table + <usize>i * ENTRY;
    if (load<i32>(at + 24) != generation) return at;
    if (load<u64>(at) == h && sameKey(at, state, stations)) return at;
    i = (i + 1) & mask;
  }
}

/** The remembered completion bound of a state, or −1 if it is not remembered. */
export function memoBound(hash: u64, state: usize, stations: i32): f64 {
  const at = slotOf(hash, state, stations);
  return load<i32>(at + 24) != generation ? -1 : load<f64>(at + 8);
}

/** Remembers (or raises) the completion bound of a state. */
export function memoRemember(hash: u64, state: usize, stations: i32, bound: f64): void {
  const at = slotOf(hash, state, stations);
  if (load<i32>(at + 24) == generation) {
    if (bound > load<f64>(at + 8)) store<f64>(at + 8, bound);
    return;
  }
  // Keep the table at most three-quarters full, so probes stay short.
  if ((count + 1) * 4 > (mask + 1) * 3 || keyTop >= keyCap) return;
  store<u64>(at, mix(hash, stations));
  store<f64>(at + 8, bound);
  store<i32>(at + 16, stations);
  store<i32>(at + 20, keyTop * keyWords);
  store<i32>(at + 24, generation);
  memory.copy(keys + (<usize>(keyTop * keyWords) << 3), state, <usize>keyWords << 3);
  keyTop++;
  count++;
}

/** States remembered. */
export function memoCount(): i32 {
  return <i32>count;
}
