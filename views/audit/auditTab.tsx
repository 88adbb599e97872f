import type { AuditEntityType } from '../../server/core/write.ts';
import { translator, type Translate } from '../../server/web/i18n.ts';

export interface AuditTabProps {
  entityType: AuditEntityType;
  entityId: string;
  t?: Translate;
  /** The time zone to write the times in (the site's or the program's); UTC when not given. */
  zone?: string;
}

/** The URL of an entity's audit trail: a page, and the fragment the tab loads. */
export function auditHref(entityType: AuditEntityType, entityId: string, zone?: string): string {
  const path = `/audit/${entityType}/${encodeURIComponent(entityId)}`;
  return zone ? `${path}?zone=${encodeURIComponent(zone)}` : path;
}

/**
 * An entity's history, folded away on its page: opening it loads the audit trail once (htmx,
 * `toggle once`), so the page itself pays nothing for it. Without script the link opens the
 * trail as a page. One line on any entity page: `<AuditTab entityType="kpi" entityId={kpi.id} />`.
 */
export function AuditTab({ entityType, entityId, t = translator('en'), zone }: AuditTabProps) {
  const id = `audit-${entityType}-${entityId.replace(/[^\w-]/g, '_')}`;
  const href = auditHref(entityType, entityId, zone);
  return (
    <section class="card audit-tab" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('admin.audit.tabTitle')}</h2>
      <details id={id} hx-get={href} hx-trigger="toggle once" hx-target={`#${id}-body`} hx-swap="innerHTML">
        <summary>{t('admin.audit.tabShow')}</summary>
        <div id={`${id}-body`} class="audit-body" aria-live="polite">
          <p class="muted">
            {t('admin.audit.loading')} <a href={href}>{t('admin.audit.openPage')}</a>
          </p>
        </div>
      </details>
    </section>
  );
}
