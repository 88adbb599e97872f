/**
 * The result of the balance page, one fragment: the headline figures of the balance shown, the
 * Yamazumi of the current balance beside the proposed one with what changes, for a mixed-model
 * line a Yamazumi per model and the overload of a checked sequence, for a U-line its two legs,
 * and the assignment table. The page includes it; an htmx balance answers it.
 */
import type { Translate } from '../../server/web/i18n.ts';
import { dateTime } from '../../server/web/format.ts';
import { assignmentOf, summaryOf, yamazumiOf, type BalanceRun } from '../../server/balancing/pageModel.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { CsrfField } from '../components/field.tsx';
import { Yamazumi, yamazumiTop } from '../charts/yamazumi.tsx';
import { AssignmentTable } from './assignment.tsx';
import { BalanceFigures, Comparison, comparisonRows } from './summary.tsx';
import { ULegs } from './uLegs.tsx';
import { idPart, num, secs } from './format.ts';

export interface BalanceResultProps {
  t: Translate;
  zone: string;
  current?: BalanceRun;
  proposed?: BalanceRun;
  descriptions: ReadonlyMap<string, string>;
  /** The CSV link of a table of this result (`?run=…&format=csv&table=<name>`). */
  csvHref: (table: 'assignment' | 'comparison') => string;
  /** Where the balance shown is simulated as a model of its line (absent: the caller may not, or the line has no model). */
  simulate?: { action: string; csrf?: string };
}

/** A run's title, kind and time, under its chart. */
function RunCaption({ t, run, zone }: { t: Translate; run: BalanceRun; zone: string }) {
  const r = run.result;
  const what = [
    r.problem,
    r.layout === 'u' ? t('balance.kind.u') : '',
    r.models ? t('balance.kind.mixed', { models: r.models.map((m) => m.id).join(', ') }) : '',
    r.replicas ? t('balance.kind.parallel') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <p class="small muted">
      {run.title} · {what} · <time datetime={run.createdAt.toISOString()}>{dateTime(run.createdAt, zone)}</time>
    </p>
  );
}

export function BalanceResult({ t, zone, current, proposed, descriptions, csvHref, simulate }: BalanceResultProps) {
  const main = proposed ?? current;
  if (!main) {
    return (
      <section id="balance-result" class="card" aria-labelledby="balance-result-heading">
        <h2 id="balance-result-heading">{t('balance.result.heading')}</h2>
        <EmptyState message={t('balance.result.none')} />
      </section>
    );
  }
  const summary = summaryOf(main.result);
  const r = main.result;
  const { models, rows } = assignmentOf(main, descriptions);
  const charts = [current, proposed].flatMap((run) => (run ? [yamazumiOf(run, descriptions)] : []));
  // One time axis for both, so the same height is the same time.
  const top = Math.max(...charts.map(yamazumiTop));
  const chart = (run: BalanceRun, id: string, title: string) => (
    <div class="balance-chart">
      <h3>{title}</h3>
      <RunCaption t={t} run={run} zone={zone} />
      <Yamazumi id={id} title={title} data={yamazumiOf(run, descriptions)} t={t} top={top} />
    </div>
  );
  return (
    <section id="balance-result" class="card" aria-labelledby="balance-result-heading">
      <h2 id="balance-result-heading">{proposed ? t('balance.result.proposedHeading') : t('balance.result.currentHeading')}</h2>
      <BalanceFigures s={summary} t={t} />
      {simulate && (
        <form method="post" action={simulate.action} class="actions">
          <CsrfField token={simulate.csrf} />
          <button type="submit" class="secondary">
            {t('balance.result.simulate')}
          </button>
          <span class="small muted">{t('balance.result.simulateHint')}</span>
        </form>
      )}
      {proposed && current && (
        <Comparison rows={comparisonRows(summaryOf(current.result), summary, t)} t={t} csvHref={csvHref('comparison')} />
      )}
      <div class="grid balance-charts">
        {proposed && !current && (
          <div class="balance-chart">
            <h3>{t('balance.result.currentChart')}</h3>
            <EmptyState message={t('balance.result.noCurrent')} />
          </div>
        )}
        {current && chart(current, 'yamazumi-current', t('balance.result.currentChart'))}
        {proposed && chart(proposed, 'yamazumi-proposed', t('balance.result.proposedChart'))}
      </div>
      {!proposed && <p class="small muted">{t('balance.result.runToCompare')}</p>}
      {r.modelLoads && <PerModel t={t} run={main} descriptions={descriptions} />}
      {r.sequenceCheck && <SequenceCheck t={t} run={main} />}
      {r.legs && (
        <div class="balance-legs">
          <h3>{t('balance.legs.heading')}</h3>
          <ULegs id="balance-ulegs" title={t('balance.legs.heading')} data={yamazumiOf(main, descriptions)} t={t} />
        </div>
      )}
      <AssignmentTable t={t} models={models} rows={rows} csvHref={csvHref('assignment')} parallel={!!r.replicas} />
    </section>
  );
}

/** A Yamazumi per model of a mixed-model line, each with its efficiency; and how unevenly the stations' work falls on the models. */
function PerModel({ t, run, descriptions }: { t: Translate; run: BalanceRun; descriptions: ReadonlyMap<string, string> }) {
  const r = run.result;
  const models = Object.keys(r.modelLoads!);
  const data = new Map(models.map((m) => [m, yamazumiOf(run, descriptions, m)]));
  const top = Math.max(...[...data.values()].map(yamazumiTop));
  return (
    <div class="balance-models">
      <h3>{t('balance.models.heading')}</h3>
      <p class="small">
        {t('balance.models.rule', { rule: t(r.mixedRule === 'average' ? 'balance.opt.average' : 'balance.opt.strict') })}
        {r.overloadTolerance !== undefined && ` ${t('balance.models.tolerance', { tolerance: `${num(100 * r.overloadTolerance)} %` })}`}
        {r.horizontalImbalance && ` ${t('balance.models.imbalance', { value: num(r.horizontalImbalance.total) })}`}
      </p>
      <div class="grid balance-charts">
        {models.map((m) => {
          const share = r.models?.find((x) => x.id === m)?.share;
          const title = t('balance.models.chart', {
            model: m,
            share: share !== undefined ? `${num(100 * share)} %` : '–',
            efficiency: `${num(100 * (r.modelEfficiency?.[m] ?? 0))} %`,
          });
          return (
            <div class="balance-chart">
              <h4>{title}</h4>
              <Yamazumi id={`yamazumi-model-${idPart(m)}`} title={title} data={data.get(m)!} t={t} top={top} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The work overload of the checked launch sequence, in words (per station it is a column of the assignment table). */
function SequenceCheck({ t, run }: { t: Translate; run: BalanceRun }) {
  const s = run.result.sequenceCheck!;
  const sequence = ((run.input as { sequence?: string[] } | null)?.sequence ?? []).join(', ');
  const none = s.totalOverload < 1e-9;
  return (
    <div class="balance-sequence">
      <h3>{t('balance.seq.heading')}</h3>
      <p>
        <span class={`badge ${none ? 'ok' : 'bad'}`}>{t(none ? 'balance.seq.noOverload' : 'balance.seq.overload')}</span>{' '}
        {t('balance.seq.summary', {
          sequence: sequence.length > 200 ? `${sequence.slice(0, 200)}…` : sequence,
          units: s.units,
          overload: secs(s.totalOverload),
          share: `${num(100 * s.overloadShare)} %`,
          affected: s.unitsWithOverload,
        })}
      </p>
      <p class="small muted">
        {t('balance.seq.window', { interval: secs(s.launchInterval), window: secs(s.stationWindow) })}{' '}
        {t(s.steady ? 'balance.seq.steady' : 'balance.seq.notSteady', { passes: s.passes })}
      </p>
    </div>
  );
}
