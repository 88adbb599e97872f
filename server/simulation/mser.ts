/**
 * MSER-5 warm-up detection (White 1997; White, Cobb & Spratt 2000; Franklin & White 2008):
 * average the output series in batches of 5, then delete the first d batches where d minimises
 * the marginal standard error MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)², searched over the
 * first half of the m batches (beyond it the statistic is unreliable).
 */

/** Observations to delete from the start of `series` (a multiple of `batch`). */
export function mserTruncation(series: readonly number[], batch = 5): number {
  const m = Math.floor(series.length / batch);
  if (m < 2) return 0;
  const z = Array.from({ length: m }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < batch; i++) sum += series[j * batch + i];
    return sum / batch;
  });
  // Walk d from the end towards 0, adding one batch mean at a time (Welford), so each MSER(d)
  // costs O(1) and stays exact for series with a large mean.
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let d = m - 1; d >= 0; d--) {
    count++;
    const delta = z[d] - mean;
    mean += delta / count;
    m2 += delta * (z[d] - mean);
    if (d <= Math.floor(m / 2)) {
      const value = m2 / (count * count);
      if (value <= bestValue) {
        bestValue = value;
        best = d;
      }
    }
  }
  return best * batch;
}
