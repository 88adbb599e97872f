/**
 * The figures a planner reads first off a balance: how many stations, which one is the
 * bottleneck, how much idle time, efficiency and smoothness, and whether it is proven optimal,
 * in words; and, with a current balance beside a proposed one, what changes.
 */
import type { Translate } from '../../server/web/i18n.ts';
import type { BalanceSummary } from '../../server/balancing/pageModel.ts';
import { TableTools } from '../components/tableTools.tsx';
import { num, secs } from './format.ts';

const pct = (share: number) => `${num(100 * share)} %`;

/** The proof status as a badge (a word, not only a colour) and a sentence with the bound. */
export function ProofStatus({ s, t }: { s: BalanceSummary; t: Translate }) {
  const proven = s.proof === 'proven';
  const values = { stations: s.stations, achieved: num(s.achieved, 3), bound: num(s.lowerBound, 3), ms: num(s.elapsedMs, 0) };
  return (
    <span class="balance-proof">
      <span class={`badge ${proven ? 'ok' : 'warn'}`}>{t(proven ? 'balance.proof.proven' : 'balance.proof.bound')}</span>{' '}
      <span class="small">{t(`balance.proof.${s.proof}.${s.boundOf}`, values)}</span>
    </span>
  );
}

/** The headline figures of one balance, as a description list. */
export function BalanceFigures({ s, t }: { s: BalanceSummary; t: Translate }) {
  return (
    <dl class="balance-figures">
      <div>
        <dt>{t('balance.fig.stations')}</dt>
        <dd>
          <strong>{s.stations}</strong>
          {s.workplaces !== s.stations && <span class="small"> {t('balance.fig.workplaces', { workplaces: s.workplaces })}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('balance.fig.cycle')}</dt>
        <dd>
          <strong>{secs(s.cycleTime)}</strong>
          {s.taktTime !== undefined && <span class="small"> {t('balance.fig.takt', { takt: secs(s.taktTime) })}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('balance.fig.bottleneck')}</dt>
        <dd>
          <strong>{t('balance.fig.bottleneckStation', { station: s.bottleneck.station })}</strong>{' '}
          <span class="small">{t('balance.fig.bottleneckLoad', { load: secs(s.bottleneck.load), share: pct(s.bottleneck.share) })}</span>
        </dd>
      </div>
      <div>
        <dt>{t('balance.fig.idle')}</dt>
        <dd>
          <strong>{secs(s.totalIdle)}</strong> <span class="small">{t('balance.fig.perCycle')}</span>
        </dd>
      </div>
      <div>
        <dt>{t('balance.fig.efficiency')}</dt>
        <dd>
          <strong>{pct(s.lineEfficiency)}</strong>
        </dd>
      </div>
      <div>
        <dt>{t('balance.fig.smoothness')}</dt>
        <dd>
          <strong>{num(s.smoothnessIndex)}</strong> <span class="small">{t('balance.fig.smoothnessHint')}</span>
        </dd>
      </div>
      <div class="wide">
        <dt>{t('balance.fig.proof')}</dt>
        <dd>
          <ProofStatus s={s} t={t} />
        </dd>
      </div>
    </dl>
  );
}

/** A figure of the comparison: its label, its value on each side (numbers, for the CSV too) and how to write it. */
interface ComparisonRow {
  key: string;
  label: string;
  current: number | string;
  proposed: number | string;
  text: (v: number | string) => string;
  /** True when a smaller value is the better one (for the words of the change). */
  lowerIsBetter?: boolean;
}

/** The figures of the current and the proposed balance, side by side with the change. */
export function comparisonRows(current: BalanceSummary, proposed: BalanceSummary, t: Translate): ComparisonRow[] {
  const n = (v: number | string) => (typeof v === 'number' ? num(v) : v);
  const s = (v: number | string) => (typeof v === 'number' ? secs(v) : v);
  const p = (v: number | string) => (typeof v === 'number' ? pct(v) : v);
  const proof = (x: BalanceSummary) => t(x.proof === 'proven' ? 'balance.proof.proven' : 'balance.proof.bound');
  return [
    {
      key: 'stations',
      label: t('balance.fig.stations'),
      current: current.stations,
      proposed: proposed.stations,
      text: n,
      lowerIsBetter: true,
    },
    ...(current.workplaces !== current.stations || proposed.workplaces !== proposed.stations
      ? [
          {
            key: 'workplaces',
            label: t('balance.fig.workplacesLabel'),
            current: current.workplaces,
            proposed: proposed.workplaces,
            text: n,
            lowerIsBetter: true,
          },
        ]
      : []),
    {
      key: 'cycleTime',
      label: t('balance.fig.cycle'),
      current: current.cycleTime,
      proposed: proposed.cycleTime,
      text: s,
      lowerIsBetter: true,
    },
    {
      key: 'bottleneckLoad',
      label: t('balance.fig.bottleneckLabel'),
      current: current.bottleneck.load,
      proposed: proposed.bottleneck.load,
      text: s,
      lowerIsBetter: true,
    },
    {
      key: 'totalIdle',
      label: t('balance.fig.idle'),
      current: current.totalIdle,
      proposed: proposed.totalIdle,
      text: s,
      lowerIsBetter: true,
    },
    {
      key: 'lineEfficiency',
      label: t('balance.fig.efficiency'),
      current: current.lineEfficiency,
      proposed: proposed.lineEfficiency,
      text: p,
    },
    {
      key: 'smoothnessIndex',
      label: t('balance.fig.smoothness'),
      current: current.smoothnessIndex,
      proposed: proposed.smoothnessIndex,
      text: n,
      lowerIsBetter: true,
    },
    { key: 'proof', label: t('balance.fig.proof'), current: proof(current), proposed: proof(proposed), text: (v) => String(v) },
  ];
}

/** The change of a figure in words and sign: `−1 (better)`. */
function change(row: ComparisonRow, t: Translate): string {
  if (typeof row.current !== 'number' || typeof row.proposed !== 'number') return row.current === row.proposed ? t('balance.cmp.same') : '';
  const d = row.proposed - row.current;
  if (Math.abs(d) < 1e-9) return t('balance.cmp.same');
  const better = row.lowerIsBetter ? d < 0 : d > 0;
  const amount = row.key === 'lineEfficiency' ? `${num(100 * d)} pp` : num(d);
  return `${d > 0 ? '+' : ''}${amount} (${t(better ? 'balance.cmp.better' : 'balance.cmp.worse')})`;
}

export function Comparison({ rows, t, csvHref }: { rows: ComparisonRow[]; t: Translate; csvHref: string }) {
  return (
    <div class="balance-comparison">
      <h3 id="balance-comparison-heading">{t('balance.cmp.heading')}</h3>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table aria-labelledby="balance-comparison-heading">
          <thead>
            <tr>
              <th scope="col">{t('balance.cmp.figure')}</th>
              <th scope="col" class="num">
                {t('balance.cmp.current')}
              </th>
              <th scope="col" class="num">
                {t('balance.cmp.proposed')}
              </th>
              <th scope="col" class="num">
                {t('balance.cmp.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num">{r.text(r.current)}</td>
                <td class="num">{r.text(r.proposed)}</td>
                <td class="num">{change(r, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
