/**
 * Piscina worker entry: runs one replication and streams its progress (simulated time after
 * each chunk) through the MessagePort the pool hands over with the task.
 */
import type { MessagePort } from 'node:worker_threads';
import type { RunPlan } from './plan.ts';
import { runReplication, type ReplicationSummary } from './replication.ts';

export interface ReplicationTask {
  plan: RunPlan;
  replication: number;
  progress?: MessagePort;
}

/** Progress message of a running replication; the last one has `done` set. */
export interface ChunkMessage {
  replication: number;
  simulatedTime: number;
  done?: boolean;
}

/** Runs one replication task; always ends its progress port with a `done` message. */
export default async function runReplicationTask(task: ReplicationTask): Promise<ReplicationSummary> {
  try {
    return await runReplication(task.plan, task.replication, (simulatedTime) => {
      task.progress?.postMessage({ replication: task.replication, simulatedTime } satisfies ChunkMessage);
    });
  } finally {
    task.progress?.postMessage({ replication: task.replication, simulatedTime: Number.NaN, done: true } satisfies ChunkMessage);
    task.progress?.close();
  }
}
