import type { AuditEntityType } from '../../server/core/write.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { AuditTrail, type AuditTrailProps } from './trail.tsx';

// The pages that show an entity, to go back to from its history.
const entityPages: Partial<Record<AuditEntityType, string>> = {
  program: '/programs/',
  use_case: '/use-cases/',
  line: '/lines/',
  escalation: '/escalations/',
  person: '/admin/people/',
};

/** The page of an entity, where there is one. */
export function entityHref(entityType: AuditEntityType, entityId: string): string | undefined {
  const base = entityPages[entityType];
  return base && `${base}${encodeURIComponent(entityId)}`;
}

/** The history of one entity as a page of its own: what it is, a way back to it, and its trail. */
export function AuditPage({
  entityType,
  entityId,
  label,
  ...trail
}: AuditTrailProps & { entityType: AuditEntityType; entityId: string; label?: string; t: Translate }) {
  const { t } = trail;
  const back = entityHref(entityType, entityId);
  return (
    <section class="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('admin.audit.trailOf', { type: entityType.replace(/_/g, ' '), name: label ?? entityId })}</h2>
      <p class="muted small">
        {t('admin.audit.idLine', { id: entityId })}
        {back && (
          <>
            {' · '}
            <a href={back}>{t('admin.audit.back')}</a>
          </>
        )}
      </p>
      <AuditTrail {...trail} />
    </section>
  );
}
