/**
 * Random SALBP instances in the style of Otto, Otto & Scholl (SALBPGen, EJOR 228, 2013): a
 * precedence graph of a chosen order strength and task times from one of their distribution
 * shapes, so that the solver's effort rules can be tuned and tested on instances that are not
 * Scholl's. Deterministic for a seed.
 *
 * Graph: tasks in a random topological order; arcs i → j (i before j) are drawn with a bias to
 * short spans, as real graphs have (most arcs join tasks close in the assembly sequence), and each
 * arc not already implied is added until the order strength — the share of task pairs ordered by
 * the transitive closure, |closure| ÷ (n(n−1)/2) — reaches the target.
 * Times, integers in [1, c] for the cycle time c (1000 by default):
 *   uniform      uniform on [1, c/2]
 *   peak-bottom  normal, mean 0.1c, sd 0.05c (many short tasks)
 *   peak-middle  normal, mean 0.5c, sd 0.1c (tasks of half a cycle)
 *   bimodal      80 % from peak-bottom, 20 % from peak-middle
 * (the shapes are Otto's; the parameters are this generator's own and documented here).
 */

import { seededRandom } from '../core/random.ts';

export type TimeShape = 'uniform' | 'peak-bottom' | 'peak-middle' | 'bimodal';
export const timeShapes: readonly TimeShape[] = ['uniform', 'peak-bottom', 'peak-middle', 'bimodal'];

export interface GeneratorSettings {
  tasks: number;
  /** Target order strength, in [0, 1). */
  orderStrength: number;
  times: TimeShape;
  seed: number;
  cycleTime?: number;
}

export interface GeneratedInstance {
  name: string;
  cycleTime: number;
  /** The order strength reached (at least the target, by at most one arc's worth). */
  orderStrength: number;
  tasks: { id: string; time: number; predecessors: string[] }[];
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

function drawTime(shape: TimeShape, c: number, u: () => number): number {
  const clamp = (x: number) => Math.min(c, Math.max(1, Math.round(x)));
  switch (shape) {
    case 'uniform':
      return 1 + Math.floor(u() * Math.floor(c / 2));
    case 'peak-bottom':
      return clamp(c * (0.1 + 0.05 * normal(u)));
    case 'peak-middle':
      return clamp(c * (0.5 + 0.1 * normal(u)));
    case 'bimodal':
      return u() < 0.8 ? drawTime('peak-bottom', c, u) : drawTime('peak-middle', c, u);
  }
}

/** Makes one instance; see the module comment. */
export function generateInstance(settings: GeneratorSettings): GeneratedInstance {
  const n = settings.tasks;
  const c = settings.cycleTime ?? 1000;
  if (!Number.isInteger(n) || n < 2 || n > 5000) throw new RangeError('tasks must be an integer from 2 to 5000');
  if (!(settings.orderStrength >= 0 && settings.orderStrength < 1)) throw new RangeError('orderStrength must lie in [0, 1)');
  const u = seededRandom(settings.seed);
  // Position p holds task order[p]; arcs go from lower to higher positions.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const words = (n + 31) >>> 5;
  // reach[p] holds the positions reachable from position p.
  const reach = Array.from({ length: n }, () => new Uint32Array(words));
  const has = (row: Uint32Array, q: number) => (row[q >>> 5] >>> (q & 31)) & 1;
  const set = (row: Uint32Array, q: number) => (row[q >>> 5] |= 1 << (q & 31));
  const pairs = (n * (n - 1)) / 2;
  const target = Math.ceil(settings.orderStrength * pairs);
  let ordered = 0;
  const arcs: [number, number][] = [];
  // A span drawn geometric-like around a few tasks, widened as the graph fills up.
  let misses = 0;
  while (ordered < target) {
    const p = Math.floor(u() * (n - 1));
    const reachLeft = n - 1 - p;
    const mean = Math.max(1.5, Math.min(reachLeft, 2 + misses / 50));
    const span = Math.min(reachLeft, 1 + Math.floor(-mean * Math.log(1 - u())));
    const q = p + span;
    if (has(reach[p], q)) {
      misses++;
      continue;
    }
    misses = 0;
    arcs.push([p, q]);
    // Everything that reaches p (and p) now reaches q and all that q reaches.
    const sources = [p];
    for (let a = 0; a < p; a++) if (has(reach[a], p)) sources.push(a);
    const targets = [q];
    for (let b = q + 1; b < n; b++) if (has(reach[q], b)) targets.push(b);
    for (const a of sources) {
      for (const b of targets) {
        if (!has(reach[a], b)) {
          set(reach[a], b);
          ordered++;
        }
      }
    }
  }
  const ids = order.map((task) => `t${task + 1}`);
  const preds: string[][] = Array.from({ length: n }, () => []);
  for (const [p, q] of arcs) preds[order[q]].push(ids[p]);
  const tasks = Array.from({ length: n }, (_, task) => ({ id: `t${task + 1}`, time: 0, predecessors: preds[task].sort() }));
  for (const t of tasks) t.time = drawTime(settings.times, c, u);
  return {
    name: `n${n}-os${Math.round(settings.orderStrength * 100)}-${settings.times}-s${settings.seed}`,
    cycleTime: c,
    orderStrength: ordered / pairs,
    tasks,
  };
}

export interface MixedModelInstance {
  name: string;
  cycleTime: number;
  models: { id: string; share: number }[];
  tasks: { id: string; times: Record<string, number>; predecessors: string[] }[];
}

/**
 * A mixed-model instance from a single-model one: model m's time of a task is its base time
 * scaled by a factor drawn uniformly from [0.6, 1.4] (at most the cycle time), and with
 * probability 0.15 zero (the model does not need the task; a task no model needs keeps its
 * base time for the first). Shares: 0.5, 0.3, 0.2 for three models (equal otherwise).
 * Deterministic for a seed.
 */
export function mixedModelInstance(base: GeneratedInstance, models: number, seed: number): MixedModelInstance {
  const u = seededRandom(seed);
  const ids = Array.from({ length: models }, (_, m) => String.fromCharCode(65 + m));
  const shares = models === 3 ? [0.5, 0.3, 0.2] : ids.map(() => 1 / models);
  const c = base.cycleTime;
  return {
    name: `${base.name}-m${models}`,
    cycleTime: c,
    models: ids.map((id, m) => ({ id, share: shares[m] })),
    tasks: base.tasks.map((t) => {
      const row: number[] = ids.map(() => (u() < 0.15 ? 0 : Math.min(c, Math.max(1, Math.round(t.time * (0.6 + 0.8 * u()))))));
      if (!row.some((x) => x > 0)) row[0] = t.time;
      return { id: t.id, times: Object.fromEntries(ids.map((id, m) => [id, row[m]])), predecessors: t.predecessors };
    }),
  };
}
