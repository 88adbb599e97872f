/**
 * Everything one search direction works with: the graph and its rule tables, the state store
 * and queue, and the scratch arrays of the node being expanded. All arrays are allocated once,
 * sized to the instance, so the hot loop never allocates.
 */
import { allocI32, allocU64 } from "./arena";
import { BoundTables, buildBounds } from "./bounds";
import { Dominators, buildDominators } from "./dominance";
import { FillTable, buildFillTable } from "./fill";
import { Graph } from "./graph";
import { NodeLp, buildNodeLp } from "./nodelp";
import { at } from "./layout";
import { LevelQueue } from "./queue";
import { StateStore } from "./states";
import { WindowBound, buildWindows } from "./windows";

/** Above this size the per-state window bound costs more than it saves. */
const MAX_TASKS_FOR_WINDOWS: i32 = 3000;
import { priorityRanks } from "./rules";

export class Context {
  g: Graph;
  dom: Dominators;
  bounds: BoundTables;
  /** Subset-sum table of the expansion in progress (fill.ts). */
  fill: FillTable;
  /** Bin-packing LP at nodes; null with many distinct times. */
  nodeLp: NodeLp | null = null;
  /** Station-window bound tables; null above MAX_TASKS_FOR_WINDOWS tasks. */
  windows: WindowBound | null = null;
  store: StateStore;
  queue: LevelQueue;
  cycle: i32;
  n: i32;
  words: i32;
  /** u64[n] Zobrist keys, shared by both directions. */
  zobrist: usize;
  /** i32 list of tasks with a fixed station (forward direction only). */
  fixedTasks: usize = 0;
  fixedCount: i32 = 0;
  /** Whether a station holding only tasks without successors may be pruned (see children.ts). */
  sinkRule: bool;

  // Scratch of the node being expanded.
  cur: usize;
  inLoad: usize;
  eligBits: usize;
  deg: usize;
  elig: usize;
  loadList: usize;
  confCount: usize;
  loadSize: i32 = 0;
  parentId: i32 = 0;
  parentHash: u64 = 0;
  station: i32 = 0;
  remTime: i32 = 0;
  remHalves: i32 = 0;
  remSixths: i32 = 0;
  unassignedWithSucc: i32 = 0;
  /** Whether the window heads were computed for the state being expanded. */
  headsReady: bool = false;
  assignedCount: i32 = 0;
  loadTime: i32 = 0;
  loadHalves: i32 = 0;
  loadSixths: i32 = 0;
  loadWithSucc: i32 = 0;
  loadHash: u64 = 0;

  // Progress and limits.
  /** Loads one expansion may examine (0 = all); a capped run is a heuristic dive. */
  leafCap: i64 = 0;
  nodeLeaves: i64 = 0;
  /** Some expansion was cut short by leafCap, so exhausting the queue proves nothing. */
  capHit: bool = false;
  /** Load count at which the expansion in progress yields to the other direction (0 = never);
   *  the state is queued again and the allowance doubles, so no direction can hog the time. */
  preemptAt: i64 = 0;
  expansionAllowance: i64 = 0;
  preempted: bool = false;
  /** f64[n] sort key of each task: minus its priority rank (eligible lists are sorted by it). */
  rankKey: usize = 0;
  expanded: i64 = 0;
  leaves: i64 = 0;
  deadline: f64 = 0;
  /** Set when the time limit stopped the search (possibly inside an expansion). */
  stopped: bool = false;
  /** Bound of the node whose expansion was interrupted, for the reported lower bound. */
  interruptedBound: i32 = 0x7fffffff;

  /** Prepares a fresh search with cycle time `cycle`, reusing the memory of earlier ones. */
  reset(cycle: i32, leafCap: i64): void {
    this.leafCap = leafCap;
    this.capHit = false;
    this.expansionAllowance = 200000;
    this.preempted = false;
    if (cycle != this.cycle) {
      this.bounds = buildBounds(this.g, cycle);
      if (this.windows != null) this.windows = buildWindows(this.g, cycle);
      this.nodeLp = buildNodeLp(this.g, cycle);
      this.fill = buildFillTable(cycle);
    }
    this.cycle = cycle;
    this.store.reset();
    this.queue.reset();
    this.expanded = 0;
    this.leaves = 0;
    this.stopped = false;
    this.interruptedBound = 0x7fffffff;
  }

  constructor(g: Graph, cycle: i32, zobrist: usize, levels: i32) {
    this.g = g;
    this.cycle = cycle;
    this.n = g.n;
    this.words = g.words;
    this.zobrist = zobrist;
    this.dom = buildDominators(g);
    this.bounds = buildBounds(g, cycle);
    if (g.n <= MAX_TASKS_FOR_WINDOWS) this.windows = buildWindows(g, cycle);
    this.nodeLp = buildNodeLp(g, cycle);
    this.fill = buildFillTable(cycle);
    this.store = new StateStore(g.words);
    this.queue = new LevelQueue(levels);
    this.sinkRule = g.fixed == 0;
    const n = g.n;
    this.cur = allocU64(g.words);
    this.inLoad = allocU64(g.words);
    this.eligBits = allocU64(g.words);
    this.deg = allocI32(n);
    this.elig = allocI32(n);
    this.loadList = allocI32(n);
    this.confCount = allocI32(n);
    this.rankKey = priorityRanks(g);
    if (g.fixed != 0) {
      this.fixedTasks = allocI32(n);
      for (let j = 0; j < n; j++) {
        if (at(g.fixed, j) != 0) store<i32>(this.fixedTasks + (<usize>(this.fixedCount++) << 2), j);
      }
    }
  }
}
