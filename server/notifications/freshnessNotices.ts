import { and, eq, ne } from 'drizzle-orm';
import { dataSources, escalations, people, programs } from '../../db/schema/index.ts';
import type { WriteContext } from '../core/write.ts';
import { freshness } from '../dataSources/freshness.ts';
import { notify } from './outbox.ts';

type SourceRow = typeof dataSources.$inferSelect;

/** What the freshness check did to one source (the part of its outcome this needs). */
export interface FreshnessStep {
  raised: string | null;
  noted: 'data_flowing' | 'data_stale_again' | null;
}

/**
 * Tells of a source that went stale: when the check raised its escalation, or when it turned
 * stale again while that escalation was still open. The escalation's assignee is told, whoever
 * it is with by now (handed over, or escalated along its route); when that is no longer the
 * source's owner, the owner is told apart that their source is stale again and who has the
 * escalation. A source that stays stale is told once per spell, however often the sweep looks.
 */
export async function notifyFreshness(w: WriteContext, source: SourceRow, step: FreshnessStep): Promise<void> {
  if (!step.raised && step.noted !== 'data_stale_again') return;
  const [escalation] = await w.tx
    .select({ id: escalations.id, assigneeId: escalations.assigneeId, assignee: people.name })
    .from(escalations)
    .innerJoin(people, eq(people.id, escalations.assigneeId))
    .where(
      step.raised
        ? eq(escalations.id, step.raised)
        : and(eq(escalations.subjectId, source.id), eq(escalations.origin, 'freshness'), ne(escalations.status, 'resolved')),
    );
  if (!escalation) return;
  const escalationId = escalation.id;
  const [program] = await w.tx.select({ name: programs.name }).from(programs).where(eq(programs.id, source.programId));
  const f = freshness(source, w.now);
  const key = `data_source_stale:${source.id}:${escalationId}:${step.raised ? 'raised' : w.now.toISOString()}`;
  const stale = `The data source '${source.name}' of ${program?.name ?? 'its program'} is stale (${f.reason}). Use cases that depend on it show degraded trust until data flows again`;
  const event = {
    kind: 'data_source_stale' as const,
    subject: `Data source stale: ${source.name}`,
    link: `/escalations/${escalationId}`,
    fields: {
      dataSourceId: source.id,
      dataSource: source.name,
      kind: source.kind,
      programId: source.programId,
      escalationId,
      assigneeId: escalation.assigneeId,
      reason: f.reason,
      again: !step.raised,
      programLink: `/programs/${source.programId}`,
    },
  };
  await notify(w, { ...event, key, body: `${stale}; the escalation is yours to resolve.` }, [escalation.assigneeId]);
  if (source.ownerId && source.ownerId !== escalation.assigneeId) {
    await notify(w, { ...event, key: `${key}:owner`, body: `${stale}. Its escalation is with ${escalation.assignee}.` }, [source.ownerId]);
  }
}
