/**
 * SALBP-1: given the cycle time, minimise the number of stations. Heuristics give the first
 * incumbent, then branch, bound and remember closes the gap to the root lower bound or runs
 * out of time, in which case the best solution and the best proven bound are returned.
 */
import { now } from "./clock";
import { Context } from "./context";
import { exactLowerBound, exactProven, runExact } from "./exact";
import { runHeuristics } from "./heuristics";
import { rootLpBound } from "./rootlp";
import { best, found, limit, resetIncumbent } from "./incumbent";
import { assignmentAt, taskCount } from "./layout";
import { STATUS_BAD_INPUT, STATUS_CYCLIC, STATUS_INFEASIBLE, STATUS_SOLVED, STATUS_UNKNOWN, setResult } from "./result";
import { backward, forward, inputIsWellFormed, rootBound, setUp, timesFit, zobrist } from "./setup";

/** Deadline in `now()` milliseconds for a limit in ms (≤ 0 means none). */
export function deadlineFor(timeLimitMs: f64): f64 {
  return timeLimitMs > 0 ? now() + timeLimitMs : Infinity;
}

/**
 * Solves SALBP-1 for `cycle`; `maxStations` > 0 caps the station count. Returns a status
 * from result.ts; the assignment is written to the layout's assignment region.
 */
export function solveStations(cycle: i32, maxStations: i32, timeLimitMs: f64): i32 {
  const deadline = deadlineFor(timeLimitMs);
  if (!inputIsWellFormed()) return STATUS_BAD_INPUT;
  if (!setUp()) return STATUS_CYCLIC;
  const fw = forward!;
  if (cycle <= 0 || !timesFit(fw, cycle)) return STATUS_BAD_INPUT;
  const n = taskCount;
  const cap = maxStations > 0 ? maxStations + 1 : n + fw.maxFixed + 1;
  resetIncumbent(n, cap, n + fw.maxFixed + 2);
  let rootLB = rootBound(fw, cycle);
  if (rootLB >= cap) {
    setResult(0, cycle, rootLB, true);
    return STATUS_INFEASIBLE;
  }
  runHeuristics(fw, backward, cycle, rootLB, deadline);
  if (limit > rootLB) rootLB = max(rootLB, rootLpBound(fw, cycle, limit - 1, found ? best : 0, limit));
  let proven = limit <= rootLB;
  let lowerBound = min(rootLB, limit);
  if (!proven) {
    const f = new Context(fw, cycle, zobrist, cap);
    const b = backward != null ? new Context(backward!, cycle, zobrist, cap) : null;
    runExact(f, b, cycle, rootLB, deadline);
    proven = exactProven;
    lowerBound = proven ? limit : min(exactLowerBound, limit);
    if (lowerBound >= limit) proven = true;
  }
  return finish(cycle, proven, lowerBound);
}

function finish(cycle: i32, proven: bool, lowerBound: i32): i32 {
  if (!found) {
    setResult(0, cycle, lowerBound, proven);
    return proven ? STATUS_INFEASIBLE : STATUS_UNKNOWN;
  }
  memory.copy(assignmentAt, best, <usize>taskCount << 2);
  setResult(limit, cycle, lowerBound, proven);
  return STATUS_SOLVED;
}
