import { duration, figure, percent } from '../../server/web/format.ts';
import { StackedBars, type StackRow } from '../charts/stackedBars.tsx';
import { TableTools } from '../components/tableTools.tsx';
import {
  machineName,
  perHour,
  scenarioRows,
  seconds,
  withInterval,
  type RunRow,
  type ScenarioRow,
  type SimViewContext,
  type SimulationResult,
} from './model.tsx';

const STATES = ['processing', 'starved', 'blocked', 'down', 'changeover', 'other'] as const;

type StateTimes = Pick<SimulationResult['machines'][number], 'processing' | 'starved' | 'blocked' | 'down' | 'changeover'>;

/** Each machine's time shares, with what the five simulated states leave (planned stops) as `other`. */
export function stateShares(m: StateTimes): Record<(typeof STATES)[number], number> {
  const known = m.processing + m.starved + m.blocked + m.down + m.changeover;
  return {
    processing: m.processing,
    starved: m.starved,
    blocked: m.blocked,
    down: m.down,
    changeover: m.changeover,
    other: Math.max(0, 1 - known),
  };
}

/** The bottleneck of a result in words: the station, how long alone and shifting, and a close second if the bottleneck moves. */
export function bottleneckText(result: SimulationResult, ctx: SimViewContext): string {
  const { t } = ctx;
  const total = (m: SimulationResult['machines'][number]) => m.soleBottleneck + m.shiftingBottleneck;
  const ranked = [...result.machines].sort((a, b) => total(b) - total(a));
  const top = ranked.find((m) => m.name === result.bottleneck) ?? ranked[0];
  if (!top) return '';
  const text = t('line.sim.bottleneck.text', {
    station: machineName(top.name, ctx),
    sole: percent(top.soleBottleneck, 0),
    shifting: percent(top.shiftingBottleneck, 0),
  });
  const second = ranked.find((m) => m !== top);
  return second && total(second) >= 0.5 * total(top) && total(second) > 0
    ? `${text} ${t('line.sim.bottleneck.moves', { other: machineName(second.name, ctx), share: percent(total(second), 0) })}`
    : text;
}

/** The verdict on a variant's throughput against the baseline, from its paired 95 % interval. */
function verdict(row: ScenarioRow, ctx: SimViewContext) {
  const { t } = ctx;
  if (!row.variant) return <span class="muted">{t('line.sim.baseline')}</span>;
  const d = row.variant.difference.throughput;
  if (d.ciLow > 0) return <span class="badge ok">{t('line.sim.verdict.higher')}</span>;
  if (d.ciHigh < 0) return <span class="badge bad">{t('line.sim.verdict.lower')}</span>;
  return <span class="badge info">{t('line.sim.verdict.unclear')}</span>;
}

/** The energy side of a variant: its peak against the site's limit (the trade-off flag) and the energy per part. */
function energyFlag(row: ScenarioRow, limit: number | null, ctx: SimViewContext) {
  const { t } = ctx;
  if (!row.variant)
    return limit === null ? <span class="muted">{t('line.sim.energy.noLimit')}</span> : <>{t('line.sim.energy.limit', { limit })}</>;
  if (row.variant.peakLimitExceeded) return <span class="badge bad">{t('line.sim.energy.tradeOff')}</span>;
  if (limit === null || !row.result.energy)
    return <span class="muted">{t(row.result.energy ? 'line.sim.energy.noLimit' : 'line.sim.energy.noData')}</span>;
  return <span class="badge ok">{t('line.sim.energy.within', { limit })}</span>;
}

/** The scenarios side by side: throughput per hour with its 95 % interval, the paired difference, WIP, lead time, bottleneck and energy. */
export function ScenarioTable({
  run,
  ctx,
  csvHref,
}: {
  run: Pick<RunRow, 'kind' | 'title' | 'result'>;
  ctx: SimViewContext;
  csvHref: string;
}) {
  const { t } = ctx;
  const rows = scenarioRows(run);
  const limit = run.kind === 'comparison' ? ((run.result as { peakLimitKw: number | null }).peakLimitKw ?? null) : null;
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table class="sim-scenario-table">
          <thead>
            <tr>
              <th scope="col">{t('line.sim.col.scenario')}</th>
              <th scope="col" class="num">
                {t('line.sim.col.throughput')}
              </th>
              <th scope="col" class="num">
                {t('line.sim.col.difference')}
              </th>
              <th scope="col">{t('line.sim.col.verdict')}</th>
              <th scope="col" class="num">
                {t('line.sim.col.wip')}
              </th>
              <th scope="col" class="num">
                {t('line.sim.col.leadTime')}
              </th>
              <th scope="col">{t('line.sim.col.bottleneck')}</th>
              <th scope="col">{t('line.sim.col.energy')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const r = row.result;
              const d = row.variant?.difference;
              const base = rows[0].result.throughput.mean;
              return (
                <tr class={row.baseline && rows.length > 1 ? 'baseline-row' : undefined}>
                  <th scope="row">{row.name}</th>
                  <td class="num">{withInterval(r.throughput, perHour(1, r.timeUnit))}</td>
                  <td class="num">
                    {d
                      ? `${d.throughput.mean >= 0 ? '+' : ''}${withInterval(d.throughput, perHour(1, r.timeUnit))} (${d.throughput.mean >= 0 ? '+' : ''}${figure(base ? (100 * d.throughput.mean) / base : null, 1)} %)`
                      : '–'}
                  </td>
                  <td>{verdict(row, ctx)}</td>
                  <td class="num">{withInterval(r.wip, 1, 1)}</td>
                  <td class="num">{r.leadTime ? duration(seconds(r.leadTime.mean, r.timeUnit)) : '–'}</td>
                  <td>{machineName(r.bottleneck, ctx)}</td>
                  <td class="sim-energy">
                    {r.energy?.peakKw && (
                      <span class="block">
                        {t('line.sim.energy.peak', { peak: figure(r.energy.peakKw.mean, 0), max: figure(r.energy.peakKw.max, 0) })}
                      </span>
                    )}
                    {r.energy?.kwhPerPart && (
                      <span class="block">{t('line.sim.energy.perPart', { value: withInterval(r.energy.kwhPerPart, 1, 2) })}</span>
                    )}
                    {energyFlag(row, limit, ctx)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.variant?.warnings.length) && (
        <ul class="sim-warnings">
          {rows.flatMap((r) =>
            (r.variant?.warnings ?? []).map((w) => (
              <li>
                <strong>{r.name}:</strong> {w}
              </li>
            )),
          )}
        </ul>
      )}
      <p class="small muted">{t('line.sim.intervals', { replications: rows[0]?.result.replications ?? 0 })}</p>
    </>
  );
}

/** A station as the state chart draws it: its time in each state, its bottleneck shares, and a flag in words. */
export interface StationStates {
  label: string;
  times: StateTimes;
  sole: number;
  shifting: number;
  flag?: string;
}

/** Each station's time shares as stacked bars, the flagged one marked, with the figures and bottleneck shares folded under them. */
export function StateSharesChart({
  id,
  title,
  description,
  stations,
  ctx,
}: {
  id: string;
  title: string;
  description: string;
  stations: StationStates[];
  ctx: SimViewContext;
}) {
  const { t } = ctx;
  const keys = STATES.map((key) => ({ key, label: t(`line.sim.state.${key}`) }));
  const bars: StackRow[] = stations.map((s) => ({ label: s.label, values: stateShares(s.times), flag: s.flag }));
  return (
    <StackedBars
      id={id}
      title={title}
      description={description}
      keys={keys}
      rows={bars}
      figures={{
        label: t('chart.figures'),
        content: (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('line.sim.col.station')}</th>
                {keys.map((k) => (
                  <th scope="col" class="num">
                    {k.label}
                  </th>
                ))}
                <th scope="col" class="num">
                  {t('line.sim.col.sole')}
                </th>
                <th scope="col" class="num">
                  {t('line.sim.col.shifting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stations.map((m) => {
                const shares = stateShares(m.times);
                return (
                  <tr>
                    <th scope="row">{m.label}</th>
                    {STATES.map((s) => (
                      <td class="num">{percent(shares[s])}</td>
                    ))}
                    <td class="num">{percent(m.sole)}</td>
                    <td class="num">{percent(m.shifting)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ),
      }}
    />
  );
}

/** Each station's time shares in a scenario as stacked bars, the bottleneck marked and said in words. */
export function StateShares({ row, index, ctx }: { row: ScenarioRow; index: number; ctx: SimViewContext }) {
  const { t } = ctx;
  const r = row.result;
  const text = bottleneckText(r, ctx);
  return (
    <div class="sim-states">
      <h3>{row.name}</h3>
      <p>
        <strong>{text}</strong>
      </p>
      <StateSharesChart
        id={`sim-states-${index}`}
        title={t('line.sim.states.title', { scenario: row.name })}
        description={`${t('line.sim.states.desc', { stations: r.machines.length })} ${text}`}
        stations={r.machines.map((m) => ({
          label: machineName(m.name, ctx),
          times: m,
          sole: m.soleBottleneck,
          shifting: m.shiftingBottleneck,
          flag:
            m.name === r.bottleneck
              ? t('line.sim.bottleneck.flag', { sole: percent(m.soleBottleneck, 0), shifting: percent(m.shiftingBottleneck, 0) })
              : undefined,
        }))}
        ctx={ctx}
      />
    </div>
  );
}
