import type { AppDeps } from './deps.ts';
import { escalateOverdue } from './escalations/index.ts';
import { sweepFreshness } from './dataSources/index.ts';
import { defaultIngestSettings, maintainPartitions } from './events/index.ts';
import { deliverNotifications, sweepNotifications, type DeliveryOutcome } from './notifications/index.ts';
import { sweepLiveMeasurements } from './kpis/index.ts';
import { sweepDecisionChecks } from './decisions/index.ts';

// Partitions are kept once an hour (and at the first sweep): days are made two ahead.
const PARTITION_INTERVAL_MS = 3_600_000;
// Live measurements and decision checks once an hour (and at the first sweep): periods end at
// midnight and checks fall due on the hour at best, and each reads days of machine events.
const LIVE_INTERVAL_MS = 3_600_000;

export interface Sweeper {
  /** Runs one sweep now (also what the timer does). */
  runOnce(): Promise<{ stale: number; escalated: number; notified: DeliveryOutcome; measured: number; checked: number }>;
  stop(): Promise<void>;
}

/**
 * Runs the freshness, escalation and notification sweeps every `intervalMs` and then delivers the
 * notifications due; hourly, the partition upkeep, the automatic measurements of KPIs fed by live
 * data and the live checks of decisions that fell due. The timer only decides *when*
 * to look: what is due lives in the database, so a restart loses nothing, and the sweeps lock
 * what they take, so several instances can run this side by side.
 */
export function startSweeper(deps: AppDeps, intervalMs: number, log: (line: string) => void = console.log): Sweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let partitionsKeptAt = -Infinity;
  let liveSweptAt = -Infinity;

  async function runOnce() {
    const now = deps.clock();
    if (now.getTime() - partitionsKeptAt >= PARTITION_INTERVAL_MS) {
      const kept = await maintainPartitions(deps.db, now, (deps.ingest ?? defaultIngestSettings).retentionDays);
      partitionsKeptAt = now.getTime();
      if (kept.dropped.length) log(`retention: dropped the machine events of ${kept.dropped.length} day(s) (${kept.dropped.join(', ')})`);
    }
    const freshness = await sweepFreshness(deps.db, now);
    const steps = await escalateOverdue(deps.db, now);
    const stale = freshness.filter((f) => f.raised).length;
    if (stale || steps.length)
      log(`sweep: ${stale} stale-source escalation(s) raised, ${steps.length} overdue escalation(s) moved along their route`);
    // After the sweeps, so that what they queued goes out in the same pass.
    await sweepNotifications(deps.db, now);
    const notified = await deliverNotifications(deps, now);
    if (notified.sent || notified.failed || notified.undeliverable)
      log(
        `notifications: ${notified.sent} sent, ${notified.retrying} to retry, ${notified.failed} failed, ${notified.undeliverable} undeliverable`,
      );
    // Last, and on its own: reading days of machine events must never hold up an escalation, and
    // a failure here waits for the next hour instead of failing every pass.
    let measured = 0;
    let checked = 0;
    if (now.getTime() - liveSweptAt >= LIVE_INTERVAL_MS) {
      liveSweptAt = now.getTime();
      try {
        const retention = (deps.ingest ?? defaultIngestSettings).retentionDays;
        const kpis = await sweepLiveMeasurements(deps.db, now, retention);
        measured = kpis.reduce((n, o) => n + o.recorded.length, 0);
        const checks = await sweepDecisionChecks(deps.db, now);
        checked = checks.checked;
        for (const k of kpis.filter((o) => o.error)) log(`live data: KPI ${k.kpiId} not measured: ${k.error}`);
        for (const f of checks.failed) log(`live data: prediction ${f.predictionId} not checked: ${f.error}`);
      } catch (err) {
        log(`live data sweep failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (measured || checked) log(`live data: ${measured} KPI measurement(s) recorded, ${checked} decision prediction(s) checked`);
    }
    return { stale, escalated: steps.length, notified, measured, checked };
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err) => log(`sweep failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
