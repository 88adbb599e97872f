/**
 * The start of every exact run: priority-rule and Hoffmann heuristics on the forward and the
 * reversed graph, each offered to the incumbent. A good first solution decides how much of
 * the tree the bounds can cut (Sewell & Jacobson 2012 start from a randomised Hoffmann).
 */
import { now } from "./clock";
import { Graph } from "./graph";
import { greedyBalance } from "./greedy";
import { hoffmannBalance } from "./hoffmann";
import { candidateBuffer, limit, offer } from "./incumbent";
import { allocPriorities, fillPriorities, RULE_COUNT, RULE_POSITIONAL_WEIGHT, seedRules } from "./rules";

let prio: usize = 0;
let prioSize: i32 = 0;

/** Loads per station Hoffmann's heuristic may enumerate. */
const HOFFMANN_LEAVES: i32 = 150;
/** Randomised repetitions of the greedy rules per direction. */
const NOISY_ROUNDS: i32 = 12;

let deadline: f64 = Infinity;

/**
 * Runs the heuristics on `fw` (and `bw` if given) for cycle time `cycle` until one reaches
 * `lowerBound`. The first rule always runs; the others stop at `until` (a `now()` time).
 */
export function runHeuristics(fw: Graph, bw: Graph | null, cycle: i32, lowerBound: i32, until: f64): void {
  if (prioSize < fw.n) {
    prio = allocPriorities(fw.n);
    prioSize = fw.n;
  }
  deadline = until;
  seedRules(0x2545f4914f6cdd1d);
  runOn(fw, cycle, lowerBound);
  if (bw != null && limit > lowerBound) runOn(bw, cycle, lowerBound);
}

@inline function keepGoing(lowerBound: i32): bool {
  return limit > lowerBound && now() <= deadline;
}

function runOn(g: Graph, cycle: i32, lowerBound: i32): void {
  const out = candidateBuffer();
  for (let rule = 0; rule < RULE_COUNT && (rule == 0 || keepGoing(lowerBound)); rule++) {
    fillPriorities(g, rule, 0, prio);
    // The very first run always finishes, so that every instance gets a solution.
    const until = rule == 0 && !g.reversed ? Infinity : deadline;
    tryOffer(g, greedyBalance(g, cycle, prio, out, limit, until), out);
  }
  for (let round = 0; round < NOISY_ROUNDS && keepGoing(lowerBound); round++) {
    fillPriorities(g, RULE_POSITIONAL_WEIGHT + (round & 3), 0.1 + 0.02 * <f64>(round >> 2), prio);
    tryOffer(g, greedyBalance(g, cycle, prio, out, limit, deadline), out);
  }
  // Hoffmann over BB&R's grid of weights, candidates in positional-weight order.
  fillPriorities(g, RULE_POSITIONAL_WEIGHT, 0, prio);
  for (let a = 0; a < 3 && keepGoing(lowerBound); a++) {
    for (let b = 0; b < 2 && keepGoing(lowerBound); b++) {
      for (let c = 0; c < 2 && keepGoing(lowerBound); c++) {
        const count = hoffmannBalance(g, cycle, prio, prio, 0.01 * <f64>a, 0.01 * <f64>b, 0.02 * <f64>c, out, limit, HOFFMANN_LEAVES, deadline);
        tryOffer(g, count, out);
      }
    }
  }
}

function tryOffer(g: Graph, count: i32, out: usize): void {
  if (count < limit) offer(out, g.n, count, g.reversed, g.fixed == 0);
}
