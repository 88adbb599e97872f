import type { Viewer } from './scope.ts';

/**
 * Reads kept for the length of a request that changes nothing (GET, HEAD): the plant's map and
 * the anchors of its entities cannot change under such a request, so the many lists and checks of
 * one page load each of them once (the portfolio loaded the site map nine times). A request that
 * writes never opts in, so that what it creates is seen by the reads after it. Keyed by the
 * request's own viewer object, so nothing outlives the request or crosses to another.
 */
const kept = new WeakMap<Viewer, Map<string, Promise<unknown>>>();

/** Lets this viewer's request keep its reads (call it for read-only requests only). */
export function keepReadsFor(viewer: Viewer): void {
  if (!kept.has(viewer)) kept.set(viewer, new Map());
}

/** `load()` once per key within a read-only request of this viewer; every time otherwise. */
export function readOnce<T>(viewer: Viewer, key: string, load: () => Promise<T>): Promise<T> {
  const reads = kept.get(viewer);
  if (!reads) return load();
  let read = reads.get(key) as Promise<T> | undefined;
  if (!read) {
    read = load();
    reads.set(key, read);
    // A failed read (not found, the database away) is not kept: the next one asks again.
    read.catch(() => reads.delete(key));
  }
  return read;
}
