/** Zobrist keys for task sets: one well-spread u64 per task, from a fixed seed so that runs are deterministic. */
import { allocU64 } from "./arena";

/** Allocates and fills n keys (splitmix64 from `seed`). */
export function zobristKeys(n: i32, seed: u64): usize {
  const keys = allocU64(n);
  let x = seed;
  for (let j = 0; j < n; j++) {
    x += 0x9e3779b97f4a7c15;
    let z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    store<u64>(keys + (<usize>j << 3), z ^ (z >> 31));
  }
  return keys;
}
