import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { simulationRuns } from '../../db/schema/index.ts';
import type { AppDeps } from '../deps.ts';
import { compareScenarios, type ComparisonInput } from './compare.ts';
import type { SimulationProgress } from './dispatch.ts';
import { SimulationInputError, SimulationLimitError } from './errors.ts';
import { simulateModel } from './simulate.ts';

/** A running run beats its heartbeat this often; one silent for `STALE_AFTER_MS` is re-queued. */
const HEARTBEAT_MS = 1_000;
const STALE_AFTER_MS = 60_000;
/** Runs that crashed their instance this many times are failed rather than retried forever. */
const MAX_ATTEMPTS = 3;

type RunRow = typeof simulationRuns.$inferSelect;

export interface SimulationRunner {
  /** Claims and executes queued runs until none is left; resolves when done. */
  drain(): Promise<number>;
  /** Asks the runner to look for work now (after a submission). */
  wake(): void;
  stop(): Promise<void>;
}

/** Claims the oldest queued run, marking it running; SKIP LOCKED keeps instances apart. */
async function claim(db: Db, now: Date): Promise<RunRow | undefined> {
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select()
      .from(simulationRuns)
      .where(eq(simulationRuns.status, 'queued'))
      .orderBy(asc(simulationRuns.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return undefined;
    const [claimed] = await tx
      .update(simulationRuns)
      .set({ status: 'running', startedAt: now, heartbeatAt: now, attempts: next.attempts + 1, progressNote: 'started' })
      .where(eq(simulationRuns.id, next.id))
      .returning();
    return claimed;
  });
}

/** Puts runs whose instance stopped beating back in the queue (or fails them after repeated crashes). */
export async function requeueAbandoned(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  const abandoned = await db
    .select()
    .from(simulationRuns)
    .where(and(eq(simulationRuns.status, 'running'), lt(simulationRuns.heartbeatAt, cutoff)));
  for (const run of abandoned) {
    const fields =
      run.attempts >= MAX_ATTEMPTS
        ? {
            status: 'failed' as const,
            finishedAt: now,
            error: { type: 'abandoned', message: `the run stopped with its server ${run.attempts} times` },
          }
        : { status: 'queued' as const, progress: 0, progressNote: 're-queued: its server stopped while running it' };
    await db
      .update(simulationRuns)
      .set(fields)
      .where(and(eq(simulationRuns.id, run.id), eq(simulationRuns.status, 'running')));
  }
  return abandoned.length;
}

function describe(p: SimulationProgress): string {
  return `replication ${Math.min(p.replicationsDone + 1, p.replicationsTotal)} of ${p.replicationsTotal}`;
}

function errorOf(err: unknown): Record<string, unknown> {
  if (err instanceof SimulationInputError) return { type: 'invalid-model', message: err.message, issues: err.issues };
  if (err instanceof SimulationLimitError) return { type: 'limit', message: err.message, limit: err.limit, value: err.value };
  return { type: 'error', message: err instanceof Error ? err.message : String(err) };
}

/** Why a run is stopped when its server shuts down: it goes back to the queue, not to `cancelled`. */
const SHUTDOWN = 'server shutting down';

/**
 * Executes one claimed run, beating its heartbeat and watching for a cancel request. `abort` also
 * stops it when the server shuts down; the run then goes back to the queue for another instance.
 */
async function execute(deps: AppDeps, run: RunRow, abort = new AbortController()): Promise<void> {
  const { db, clock } = deps;
  let progress = { fraction: 0, note: 'started' };
  const beat = async () => {
    const [row] = await db
      .update(simulationRuns)
      .set({ heartbeatAt: clock(), progress: progress.fraction, progressNote: progress.note })
      .where(eq(simulationRuns.id, run.id))
      .returning({ cancelRequested: simulationRuns.cancelRequested });
    if (row?.cancelRequested) abort.abort(new DOMException('cancelled by request', 'AbortError'));
  };
  const timer = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  const options = { signal: abort.signal, onProgress: (p: SimulationProgress) => (progress = { fraction: p.fraction, note: describe(p) }) };
  try {
    await beat();
    const input = run.input as { model?: unknown } & ComparisonInput;
    let result: unknown;
    if (run.kind === 'calibration') {
      // Loaded here: calibration builds on simulation, not the other way round.
      const { calibrateLine } = await import('../calibration/index.ts');
      result = await calibrateLine(db, run.input as { lineId: string; from: string; to: string }, options);
    } else if (run.kind === 'next_shift' || run.kind === 'maintenance_plan' || run.kind === 'mix_scenario') {
      // Likewise for the plant's questions, which are answered from their stored input.
      const { answerQuestion } = await import('../questions/answer.ts');
      result = await answerQuestion(run.kind, run.input, options);
    } else {
      result = run.kind === 'comparison' ? await compareScenarios(input, options) : await simulateModel(input.model, options);
    }
    await db
      .update(simulationRuns)
      .set({ status: 'succeeded', progress: 1, progressNote: 'done', result, finishedAt: clock() })
      .where(eq(simulationRuns.id, run.id));
  } catch (err) {
    if (abort.signal.reason === SHUTDOWN) {
      // Not an attempt that failed: back to the queue as it was, for the next instance to take.
      await db
        .update(simulationRuns)
        .set({
          status: 'queued',
          progress: 0,
          progressNote: 're-queued: its server shut down while running it',
          startedAt: null,
          heartbeatAt: null,
          attempts: sql`greatest(${simulationRuns.attempts} - 1, 0)`,
        })
        .where(and(eq(simulationRuns.id, run.id), eq(simulationRuns.status, 'running')));
      return;
    }
    const cancelled = abort.signal.aborted;
    await db
      .update(simulationRuns)
      .set({
        status: cancelled ? 'cancelled' : 'failed',
        progressNote: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? null : errorOf(err),
        finishedAt: clock(),
      })
      .where(eq(simulationRuns.id, run.id));
  } finally {
    clearInterval(timer);
  }
}

/**
 * Runs queued simulations one at a time per instance (each already spreads its replications
 * over every core). The queue is the database: submissions survive restarts, and a run whose
 * instance died is re-queued by its stopped heartbeat.
 */
export function startSimulationRunner(deps: AppDeps, pollMs = 2_000): SimulationRunner {
  let stopped = false;
  let busy: Promise<number> | undefined;
  let current: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function drainOnce(): Promise<number> {
    let done = 0;
    await requeueAbandoned(deps.db, deps.clock());
    // Asked before each claim, so that a stopping runner does not take back the run it just returned.
    while (!stopped) {
      current = new AbortController();
      const run = await claim(deps.db, deps.clock());
      if (!run) break;
      await execute(deps, run, current);
      current = undefined;
      done++;
    }
    return done;
  }

  function drain(): Promise<number> {
    busy ??= drainOnce().finally(() => (busy = undefined));
    return busy;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(
      () =>
        void drain()
          .catch((err) => console.error('simulation runner failed', err))
          .finally(schedule),
      pollMs,
    );
    timer.unref();
  }
  schedule();

  return {
    drain,
    wake: () => void drain().catch((err) => console.error('simulation runner failed', err)),
    /** Stops taking runs; the one running goes back to the queue (graceful shutdown). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      current?.abort(SHUTDOWN);
      await busy?.catch(() => {});
    },
  };
}
