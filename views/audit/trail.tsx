import type { Translate } from '../../server/web/i18n.ts';
import { dateTime, duration } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { roleWords } from '../people/model.ts';
import { actionWords, fieldWords, type FieldChange } from './changes.ts';

/** One entry of an entity's audit trail, as the trail shows it. */
export interface AuditEntryView {
  id: string;
  at: Date;
  /** Who acted; null for the system itself (a sweep). */
  actor: string | null;
  actorRole: string | null;
  action: string;
  changes: FieldChange[];
}

export interface AuditTrailProps {
  t: Translate;
  now: Date;
  /** The time zone the times are written in. */
  zone: string;
  entries: AuditEntryView[];
  csvHref: string;
}

const knownActions = ['create', 'update', 'delete', 'archive', 'restore', 'revoke'] as const;

function actionText(t: Translate, action: string): string {
  const known = knownActions.find((a) => a === action);
  return known ? t(`admin.audit.action.${known}`) : actionWords(action);
}

/** When, in the zone and in words ("3 h ago", "in 2 d"); the ISO instant in `datetime` keeps the words current. */
export function When({ t, at, now, zone }: { t: Translate; at: Date; now: Date; zone: string }) {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const iso = at.toISOString();
  return (
    <>
      <span class="audit-at">
        {dateTime(at, zone)} <span class="muted small">{zone}</span>
      </span>
      <br />
      {seconds > 0 ? (
        <time class="muted small" datetime={iso} data-countdown data-future={t('time.in')} data-past={t('time.ago')} title={iso}>
          {t('time.in', { age: duration(seconds) })}
        </time>
      ) : (
        <time class="muted small" datetime={iso} data-age data-template={t('time.ago')} title={iso}>
          {t('time.ago', { age: duration(-seconds) })}
        </time>
      )}
    </>
  );
}

/** A field's change in words: "status: planned → met"; for a creation what it was set to, for a deletion what it held. */
function Change({ t, change }: { t: Translate; change: FieldChange }) {
  const { field, before, after } = change;
  return (
    <li>
      <span class="audit-field" title={field}>
        {fieldWords(field)}
      </span>
      :{' '}
      {before !== undefined && after !== undefined ? (
        <>
          <span class="visually-hidden">{t('admin.audit.from')} </span>
          <span class="audit-before">{before}</span> <span aria-hidden="true">→</span>
          <span class="visually-hidden"> {t('admin.audit.to')}</span> <span class="audit-after">{after}</span>
        </>
      ) : after !== undefined ? (
        <span class="audit-after">{after}</span>
      ) : (
        <span class="audit-before">
          {t('admin.audit.was')} {before}
        </span>
      )}
    </li>
  );
}

/**
 * An entity's audit trail, newest first: who did what when, and what each change made of its
 * fields. The page and the lazily loaded tab (`AuditTab`) show the same fragment.
 */
export function AuditTrail({ t, now, zone, entries, csvHref }: AuditTrailProps) {
  if (!entries.length) return <EmptyState message={t('admin.audit.empty')} />;
  const newestFirst = [...entries].reverse();
  return (
    <div class="audit-trail">
      <p class="muted small">{t('admin.audit.count', { count: entries.length })}</p>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((e) => (
              <tr id={`audit-entry-${e.id}`}>
                <td>
                  <When t={t} at={e.at} now={now} zone={zone} />
                </td>
                <td>
                  {e.actor ?? t('admin.audit.system')}
                  {e.actorRole && <span class="muted small"> ({roleWords(t, e.actorRole)})</span>}
                </td>
                <th scope="row">
                  <span class="badge info">{actionText(t, e.action)}</span>
                </th>
                <td>
                  {e.changes.length ? (
                    <ul class="audit-changes">
                      {e.changes.map((change) => (
                        <Change t={t} change={change} />
                      ))}
                    </ul>
                  ) : (
                    <span class="muted">{t('admin.audit.noFields')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
