/**
 * Heap sort of task lists by an f64 key per task, largest key first; O(n log n) so that
 * set-up stays cheap on 10,000-task instances. Callers fold tie-breaks into the key.
 */
import { at } from "./layout";

@inline function keyOf(keys: usize, list: usize, k: i32): f64 {
  return load<f64>(keys + (<usize>at(list, k) << 3));
}

@inline function swap(list: usize, a: i32, b: i32): void {
  const pa = list + (<usize>a << 2);
  const pb = list + (<usize>b << 2);
  const v = load<i32>(pa);
  store<i32>(pa, load<i32>(pb));
  store<i32>(pb, v);
}

/** Min-heap sift-down, so that popping the smallest to the back leaves a descending list. */
function siftDown(list: usize, keys: usize, root: i32, size: i32): void {
  let k = root;
  while (true) {
    let child = 2 * k + 1;
    if (child >= size) return;
    if (child + 1 < size && keyOf(keys, list, child + 1) < keyOf(keys, list, child)) child++;
    if (keyOf(keys, list, k) <= keyOf(keys, list, child)) return;
    swap(list, k, child);
    k = child;
  }
}

/** Sorts the task ids in `list` (i32[n]) by `keys` (f64 per task id), largest first. */
export function sortByKeyDesc(list: usize, n: i32, keys: usize): void {
  for (let k = (n >> 1) - 1; k >= 0; k--) siftDown(list, keys, k, n);
  for (let end = n - 1; end > 0; end--) {
    swap(list, 0, end);
    siftDown(list, keys, 0, end);
  }
}
