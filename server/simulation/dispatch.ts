/**
 * Runs a set of replications of one or more plans, on the worker pool or in this thread, and
 * reports progress: replications done of the total, and within each replication its
 * simulated time against the horizon.
 */
import { setMaxListeners } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { abortError } from './errors.ts';
import type { RunPlan } from './plan.ts';
import { runPooled } from './pool.ts';
import { runReplication, type ReplicationSummary } from './replication.ts';

export interface SimulationProgress {
  replicationsDone: number;
  replicationsTotal: number;
  /** The replication this report is about, and its simulated time. */
  replication: number;
  simulatedTime: number;
  horizon: number;
  /** Share of all work done, 0 to 1. */
  fraction: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SimulationProgress) => void;
  /** Run in this thread instead of the worker pool (small runs, tests, the single-core bench). */
  inline?: boolean;
}

/** One unit of work: replication `replication` of `plan`. */
export interface ReplicationJob {
  plan: RunPlan;
  replication: number;
}

/** Runs the jobs (in parallel on the pool unless `inline`); results in job order. */
export async function runJobs(
  jobs: ReplicationJob[],
  options: RunOptions = {},
  alreadyDone = 0,
  total = jobs.length,
): Promise<ReplicationSummary[]> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const share = jobs.map(() => 0);
  let done = alreadyDone;
  const report = (i: number, simulatedTime: number) => {
    const job = jobs[i];
    share[i] = simulatedTime / job.plan.horizon;
    onProgress?.({
      replicationsDone: done,
      replicationsTotal: total,
      replication: job.replication,
      simulatedTime,
      horizon: job.plan.horizon,
      fraction: (alreadyDone + share.reduce((a, b) => a + b, 0)) / total,
    });
  };
  const finished = (i: number) => (summary: ReplicationSummary) => {
    done++;
    report(i, jobs[i].plan.horizon);
    return summary;
  };
  if (!options.inline) {
    // One failed replication cancels its siblings instead of leaving them to run on.
    const siblings = new AbortController();
    // The pool listens once per queued task.
    setMaxListeners(jobs.length + 10, siblings.signal);
    const cancel = () => siblings.abort(signal?.reason);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await Promise.all(
        jobs.map((job, i) =>
          runPooled(job.plan, job.replication, { signal: siblings.signal, onChunk: (t) => report(i, t) }).then(
            finished(i),
            (err: unknown) => {
              siblings.abort();
              throw err;
            },
          ),
        ),
      );
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }
  const results: ReplicationSummary[] = [];
  for (const [i, job] of jobs.entries()) {
    const summary = await runReplication(job.plan, job.replication, async (t) => {
      report(i, t);
      // Let timers and abort handlers run between chunks.
      await nextTurn();
      if (signal?.aborted) throw abortError(signal);
    });
    results.push(finished(i)(summary));
  }
  return results;
}
