/**
 * Linear-memory allocation for the balancing core. The stub runtime is a bump allocator and
 * every run gets a fresh instance, so memory handed out here was never written before and is
 * already zero: no clearing is needed. A budget caps what the search may take, so a search
 * that outgrows it stops and reports "not proven" instead of trapping on `memory.grow`.
 */

/** Most bytes the core takes from linear memory (1.5 GiB of the 4 GiB a wasm32 memory allows). */
export const MEMORY_BUDGET: usize = 1536 << 20;

let reserved: usize = 0;

/**
 * Allocates `bytes` zeroed bytes (rounded up to 16, 16-byte aligned), or returns 0 if the budget
 * would be exceeded.
 */
export function tryAlloc(bytes: usize): usize {
  const size = (bytes + 15) & ~(<usize>15);
  if (size > MEMORY_BUDGET - reserved || size >= (<usize>1 << 30) - 64) return 0;
  reserved += size;
  return heap.alloc(size);
}

/** Allocates memory the run cannot do without (instance-sized arrays); traps if over budget. */
export function mustAlloc(bytes: usize): usize {
  const ptr = tryAlloc(bytes);
  if (ptr == 0 && bytes > 0) abort("balance core: instance too large for the memory budget");
  return ptr;
}

/** Allocates `count` zeroed i32 values. */
export function allocI32(count: i32): usize {
  return mustAlloc(<usize>max(count, 1) << 2);
}

/** Allocates `count` zeroed u64 words. */
export function allocU64(count: i32): usize {
  return mustAlloc(<usize>max(count, 1) << 3);
}
