import type { lineTrackRecord } from '../../server/decisions/index.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TrackRecordDetails } from '../decisions/trackRecord.tsx';
import type { LineViewContext } from './model.tsx';

export type LineTrackRecord = Awaited<ReturnType<typeof lineTrackRecord>>;

/**
 * How well the twin's predictions about the line held. Outside the live part: decisions are checked
 * once their period has passed, so polling every few seconds would only read them again.
 */
export function LineTrackRecordSection({ record, ctx }: { record: LineTrackRecord; ctx: LineViewContext }) {
  const { t } = ctx;
  return (
    <section id="line-track-record" class="card" aria-labelledby="line-track-record-heading">
      <h2 id="line-track-record-heading">{t('tr.line.heading')}</h2>
      <p class="small muted">{t('tr.line.intro')}</p>
      {record.predictionsChecked === 0 ? <EmptyState message={t('tr.none')} /> : <TrackRecordDetails t={t} record={record} />}
    </section>
  );
}
