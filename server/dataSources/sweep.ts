import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dataSources, escalations, programs } from '../../db/schema/index.ts';
import { addEvent, raiseEscalation } from '../escalations/index.ts';
import { freshness } from './freshness.ts';
import { audit, type WriteContext } from '../core/write.ts';
import { notifyFreshness } from '../notifications/freshnessNotices.ts';

type SourceRow = typeof dataSources.$inferSelect;

// Near-real-time sources stop the twin at once; batch systems hurt later.
const severityByKind: Record<SourceRow['kind'], 'high' | 'normal'> = {
  plc_sensor: 'high',
  historian: 'high',
  mes: 'high',
  maintenance: 'normal',
  quality: 'normal',
  erp: 'normal',
  other: 'normal',
};

export interface FreshnessOutcome {
  dataSourceId: string;
  status: string;
  raised: string | null;
  noted: 'data_flowing' | 'data_stale_again' | null;
}

/**
 * Acts on one source's freshness: a stale source gets one escalation to its owner (the partial
 * unique index makes a duplicate impossible while one is unresolved); when data flows again the
 * open escalation gets a note — the owner still resolves it; if it turns stale again, another note.
 */
export async function checkSourceFreshness(w: WriteContext, source: SourceRow): Promise<FreshnessOutcome> {
  const f = freshness(source, w.now);
  const outcome: FreshnessOutcome = { dataSourceId: source.id, status: f.status, raised: null, noted: null };
  const [open] = await w.tx
    .select()
    .from(escalations)
    .where(and(eq(escalations.subjectId, source.id), eq(escalations.origin, 'freshness'), ne(escalations.status, 'resolved')))
    .for('update');
  if (f.status === 'stale') {
    if (!open) {
      const raised = await raiseEscalation(
        w,
        {
          subjectType: 'data_source',
          subjectId: source.id,
          severity: severityByKind[source.kind],
          title: `Data source '${source.name}' is stale`,
          description: `Freshness check: ${f.reason}. Use cases that depend on it show degraded trust until data flows again.`,
        },
        'freshness',
      );
      outcome.raised = raised?.id ?? null;
    } else if (open.dataRestoredAt) {
      await w.tx.update(escalations).set({ dataRestoredAt: null, updatedAt: w.now }).where(eq(escalations.id, open.id));
      await addEvent(w, open.id, 'data_stale_again', { note: `Stale again: ${f.reason}` });
      outcome.noted = 'data_stale_again';
    }
  } else if (f.status === 'fresh' && open && !open.dataRestoredAt) {
    const [after] = await w.tx
      .update(escalations)
      .set({ dataRestoredAt: w.now, updatedAt: w.now })
      .where(eq(escalations.id, open.id))
      .returning();
    await addEvent(w, open.id, 'data_flowing', {
      note: `Data from '${source.name}' is flowing again (${f.reason}); resolve once the cause is fixed`,
    });
    await audit(w, { entityType: 'escalation', entityId: open.id, action: 'data-flowing', before: open, after });
    outcome.noted = 'data_flowing';
  }
  await notifyFreshness(w, source, outcome);
  return outcome;
}

/** Checks every data source in use (neither it nor its program archived), each in its own transaction. */
export async function sweepFreshness(db: Db, now: Date): Promise<FreshnessOutcome[]> {
  const sources = await db
    .select({ id: dataSources.id })
    .from(dataSources)
    .innerJoin(programs, eq(programs.id, dataSources.programId))
    .where(and(isNull(dataSources.archivedAt), isNull(programs.archivedAt)));
  const outcomes: FreshnessOutcome[] = [];
  for (const { id } of sources) {
    outcomes.push(
      await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const [source] = await tx.select().from(dataSources).where(eq(dataSources.id, id)).for('update');
        return checkSourceFreshness({ tx, actor: null, now }, source);
      }),
    );
  }
  return outcomes;
}
