import type { ProgramTrust } from '../../server/programs/evidence.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { percent } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TrackRecordRuleNote, TrackRecordTable } from '../decisions/trackRecord.tsx';

export const TRUST_ID = 'track-record';

/** The use cases' records summed; bias is left to the rows, as a row's mean leaves out predictions of 0. */
function overallOf(records: ProgramTrust['trackRecords']) {
  const checked = records.reduce((n, r) => n + r.predictionsChecked, 0);
  const inside = records.reduce((n, r) => n + r.inside, 0);
  const decisions = records.reduce((n, r) => n + r.decisionsChecked, 0);
  return { checked, inside, decisions, share: checked ? inside / checked : 0 };
}

/**
 * The sponsor's evidence of trust in the twin: how well the predictions of the program's use cases
 * held, all together and by use case, judged by the program's rule.
 */
export function TrustSection({ t, trust }: { t: Translate; trust: ProgramTrust }) {
  const records = trust.trackRecords;
  const overall = overallOf(records);
  return (
    <section id={TRUST_ID} class="card" aria-labelledby="track-record-heading">
      <h2 id="track-record-heading">{t('tr.program.heading')}</h2>
      <p class="small muted">{t('tr.program.intro')}</p>
      {!records.length ? (
        <EmptyState message={t('tr.none')} />
      ) : (
        <>
          <h3>{t('tr.overall')}</h3>
          <dl class="facts">
            <dt>{t('ucd.record.checked')}</dt>
            <dd>{t('ucd.record.checkedValue', { decisions: overall.decisions, predictions: overall.checked })}</dd>
            <dt>{t('tr.overall.inside')}</dt>
            <dd>{t('tr.overall.insideValue', { inside: overall.inside, checked: overall.checked, share: percent(overall.share, 0) })}</dd>
            <dt>{t('tr.overall.good')}</dt>
            <dd>{t('tr.overall.goodValue', { good: trust.evidence.length, count: records.length })}</dd>
          </dl>
          <h3>{t('tr.byUseCase')}</h3>
          <TrackRecordTable t={t} rows={records} label={t('tr.table')} />
          <p class="small muted">{t('tr.meaning')}</p>
        </>
      )}
      <TrackRecordRuleNote t={t} rule={trust.rule} />
    </section>
  );
}
