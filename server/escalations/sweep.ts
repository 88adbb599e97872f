import { and, asc, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escalations } from '../../db/schema/index.ts';
import { addEvent } from './escalations.ts';
import { addHours, nextOnRoute } from './route.ts';
import { routeOf } from './subjects.ts';
import { audit, type SystemWrite } from '../core/write.ts';
import { notifyEscalated } from '../notifications/escalationNotices.ts';

export interface SweepOptions {
  /** Rows claimed per transaction. Small batches keep locks short. */
  batchSize?: number;
  /** Called after each row is updated, inside its transaction (tests inject crashes here). */
  afterEach?: (escalationId: string) => void | Promise<void>;
}

export interface EscalationStep {
  escalationId: string;
  fromAssigneeId: string;
  toAssigneeId: string | null;
}

/**
 * Moves every unresolved escalation past its due time to the next person on its group's route,
 * with a new due time. Driven only by what is stored: rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so concurrent sweeps (two server instances) take disjoint rows, and
 * each batch commits or rolls back as a whole, so a crash loses nothing and repeats nothing —
 * an escalated row has a future due time and is not picked again.
 */
export async function escalateOverdue(db: Db, now: Date, options: SweepOptions = {}): Promise<EscalationStep[]> {
  const batchSize = options.batchSize ?? 20;
  const steps: EscalationStep[] = [];
  for (;;) {
    const batch = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const w: SystemWrite = { tx, actor: null, now };
      const due = await tx
        .select()
        .from(escalations)
        .where(and(ne(escalations.status, 'resolved'), eq(escalations.autoEscalate, true), lt(escalations.dueAt, now)))
        .orderBy(asc(escalations.dueAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const done: EscalationStep[] = [];
      for (const before of due) {
        const next = nextOnRoute(await routeOf(tx, before.routeGroupId), before.assigneeId, before.routeStep);
        const fields = next
          ? {
              assigneeId: next.personId,
              routeStep: next.step,
              dueAt: addHours(now, before.slaHours),
              escalationCount: before.escalationCount + 1,
              updatedAt: now,
            }
          : { autoEscalate: false, updatedAt: now };
        const [after] = await tx.update(escalations).set(fields).where(eq(escalations.id, before.id)).returning();
        const note = next
          ? `SLA of ${before.slaHours} h passed unresolved; escalated to the next person on the route`
          : 'SLA passed unresolved and the escalation route is exhausted; it stays breached with the last person';
        await addEvent(w, before.id, 'escalated', { fromAssigneeId: before.assigneeId, toAssigneeId: next?.personId ?? null, note });
        await notifyEscalated(w, before, after);
        await audit(w, {
          entityType: 'escalation',
          entityId: before.id,
          action: next ? 'auto-escalate' : 'route-exhausted',
          before,
          after,
        });
        await options.afterEach?.(before.id);
        done.push({ escalationId: before.id, fromAssigneeId: before.assigneeId, toAssigneeId: next?.personId ?? null });
      }
      return done;
    });
    steps.push(...batch);
    if (batch.length < batchSize) return steps;
  }
}
