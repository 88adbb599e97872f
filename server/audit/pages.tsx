import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { auditEntityTypes, type AuditEntityType } from '../core/write.ts';
import { csvResponse, isFragment, pageContext, renderPage, signedInFor, wantsCsv } from '../web/index.ts';
import { AuditPage } from '../../views/audit/page.tsx';
import { AuditTrail, type AuditEntryView } from '../../views/audit/trail.tsx';
import { auditHref } from '../../views/audit/auditTab.tsx';
import { changesOf, valueText } from '../../views/audit/changes.ts';
import { auditTrail } from './auditLog.ts';

/**
 * The audit trail of one entity (`/audit/{entityType}/{entityId}`), under the API's policy and the
 * domain's read check: a page, and the fragment every entity page's history tab loads.
 */
export const auditPages = new Hono<AppEnv>();

const isEntityType = (type: string): type is AuditEntityType => (auditEntityTypes as readonly string[]).includes(type);

function zoneOf(asked: string | undefined): string {
  if (!asked || asked.length > 64) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en', { timeZone: asked }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** What the entity is called, from its latest snapshot (names, titles, labels), for the page's heading. */
function labelOf(rows: { before: unknown; after: unknown }[]): string | undefined {
  for (const r of [...rows].reverse()) {
    const snapshot = (r.after ?? r.before) as Record<string, unknown> | null;
    const label = snapshot && [snapshot.name, snapshot.title, snapshot.label, snapshot.code].find((v) => typeof v === 'string' && v);
    if (label) return label as string;
  }
  return undefined;
}

auditPages.get('/audit/:entityType/:entityId', async (c) => {
  const actor = signedInFor(c, 'audit:read');
  const ctx = pageContext(c, actor);
  const { entityType, entityId } = c.req.param();
  if (!isEntityType(entityType) || entityId.length > 100) throw new NotFoundError(`no audit trail of a '${entityType.slice(0, 40)}'`);
  const rows = await auditTrail(c.var.deps.db, actor, entityType, entityId);
  const entries: AuditEntryView[] = rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at),
    actor: r.actorName ?? (r.actorId ? r.actorId : null),
    actorRole: r.actorRole,
    action: r.action,
    changes: changesOf(r.before, r.after),
  }));
  const zone = zoneOf(c.req.query('zone'));
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `audit-${entityType}-${entityId}`,
      columns: ['entry', 'at', 'actor', 'actor_role', 'action', 'field', 'before', 'after'],
      // One row per changed field, so a spreadsheet can filter by field.
      rows: entries.flatMap((e) => {
        const head = [e.id, e.at, e.actor ?? 'system', e.actorRole, e.action];
        return e.changes.length ? e.changes.map((ch) => [...head, ch.field, ch.before, ch.after]) : [[...head, null, null, null]];
      }),
    });
  const csvHref = `${auditHref(entityType, entityId)}?format=csv`;
  const trail = { t: ctx.t, now: ctx.now, zone, entries, csvHref };
  if (isFragment(c)) return c.html(<AuditTrail {...trail} />);
  const label = labelOf(rows);
  return renderPage(
    c,
    ctx,
    { title: ctx.t('admin.audit.title', { name: label ?? valueText(entityId) }) },
    <AuditPage entityType={entityType} entityId={entityId} label={label} {...trail} />,
  );
});
