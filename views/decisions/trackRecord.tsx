/**
 * How well the twin's predictions held (server/decisions/trackRecord.ts), written once for the
 * pages that show it: a use case's record and a line's (figures with the rule and the advice),
 * and a program's (a row per use case).
 */
import type { TrackRecord, TrackRecordRule, Verdict } from '../../server/decisions/trackRecord.ts';
import { percent } from '../../server/web/format.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { decisionsUrl } from './model.tsx';

/** The figures of a record, whether its trend comes whole (a use case's, a line's) or as its label (a program's rows). */
export interface TrackRecordFigures {
  decisionsChecked: number;
  predictionsChecked: number;
  insideShare: number | null;
  meanRelativeBias: number | null;
  trend: TrackRecord['trend']['label'];
  verdict: Verdict;
}

/** A record with its rule and, when it is poor, what to recalibrate. */
export type TrackRecordWithAdvice = TrackRecord & { advice: string | null; recalibrate: readonly string[] };

export const insideText = (share: number | null) => (share === null ? '–' : percent(share, 0));
export const biasText = (bias: number | null) => (bias === null ? '–' : percent(bias, 1));

const verdictClass: Record<Verdict, string> = { good: 'ok', poor: 'bad', fair: 'queued', too_few: 'queued' };

/** The verdict as a badge, its word always written. */
export function VerdictBadge({ t, verdict }: { t: Translate; verdict: Verdict }) {
  return <span class={`badge ${verdictClass[verdict]}`}>{t(`ucd.verdict.${verdict}`)}</span>;
}

/** The figures as a list of facts: checked, inside the interval, bias, trend, verdict. */
export function TrackRecordFacts({ t, figures }: { t: Translate; figures: TrackRecordFigures }) {
  return (
    <dl class="facts">
      <dt>{t('ucd.record.checked')}</dt>
      <dd>{t('ucd.record.checkedValue', { decisions: figures.decisionsChecked, predictions: figures.predictionsChecked })}</dd>
      <dt>{t('ucd.record.inside')}</dt>
      <dd>{insideText(figures.insideShare)}</dd>
      <dt>{t('ucd.record.bias')}</dt>
      <dd>{biasText(figures.meanRelativeBias)}</dd>
      <dt>{t('ucd.record.trend')}</dt>
      <dd>{t(`ucd.trend.${figures.trend}`)}</dd>
      <dt>{t('ucd.record.verdict')}</dt>
      <dd>
        <VerdictBadge t={t} verdict={figures.verdict} />
      </dd>
    </dl>
  );
}

/** The rule a record is judged by, in percent. */
export function TrackRecordRuleNote({ t, rule }: { t: Translate; rule: TrackRecordRule }) {
  return (
    <p class="small muted">
      {t('ucd.record.rule', {
        min: rule.minChecked,
        poor: Math.round(rule.poorBelowInsideShare * 100),
        poorBias: Math.round(rule.poorAboveRelativeBias * 100),
        good: Math.round(rule.goodFromInsideShare * 100),
        goodBias: Math.round(rule.goodUpToRelativeBias * 100),
      })}
    </p>
  );
}

/** One record whole: its figures, the rule it is judged by, and the advice of a poor one. */
export function TrackRecordDetails({ t, record }: { t: Translate; record: TrackRecordWithAdvice }) {
  return (
    <>
      <TrackRecordFacts t={t} figures={{ ...record, trend: record.trend.label }} />
      <TrackRecordRuleNote t={t} rule={record.rule} />
      {record.advice && <p class="form-error">{record.advice}</p>}
      {record.recalibrate.map((lineId, i) => (
        // Where a line's calibration is started: its simulation page's validation section.
        <p>
          <a class="button" href={`/lines/${lineId}/simulate#sim-validation`}>
            {t('tr.calibrate')}
            {record.recalibrate.length > 1 ? ` (${i + 1})` : ''}
          </a>
        </p>
      ))}
    </>
  );
}

/** A row of the table: a use case's record. */
export type TrackRecordRow = TrackRecordFigures & { useCaseId: string; title: string };

/** Records side by side, a row per use case linked to its page (where its decisions are listed). */
export function TrackRecordTable({ t, rows, label }: { t: Translate; rows: readonly TrackRecordRow[]; label: string }) {
  return (
    <div class="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('tr.col.useCase')}</th>
            <th scope="col">{t('ucd.record.checked')}</th>
            <th scope="col" class="num">
              {t('ucd.record.inside')}
            </th>
            <th scope="col" class="num">
              {t('ucd.record.bias')}
            </th>
            <th scope="col">{t('ucd.record.trend')}</th>
            <th scope="col">{t('ucd.record.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`track-record-${r.useCaseId}`}>
              <th scope="row">
                <a href={decisionsUrl(r.useCaseId)}>{r.title}</a>
              </th>
              <td>{t('ucd.record.checkedValue', { decisions: r.decisionsChecked, predictions: r.predictionsChecked })}</td>
              <td class="num">{insideText(r.insideShare)}</td>
              <td class="num">{biasText(r.meanRelativeBias)}</td>
              <td>{t(`ucd.trend.${r.trend}`)}</td>
              <td>
                <VerdictBadge t={t} verdict={r.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
