import type { Child } from 'hono/jsx';
import { ProgressBar } from '../charts/progress.tsx';
import { Alert } from '../components/alert.tsx';
import { scenarioRows, statusClass, type CalibrationResult, type RunRow, type SimViewContext } from './model.tsx';
import { ScenarioTable, StateShares } from './results.tsx';
import { ValidationFigures } from './validation.tsx';

export const RUN_STATUS_ID = 'run-status';

/** The status fragment of a run: what the progress bar asks for every second until the run is done. */
export function runStatusUrl(lineId: string, runId: string): string {
  return `/lines/${lineId}/simulate/runs/${runId}`;
}

/** The page showing a run (its result once done): where a plain form post lands. */
export function runPageUrl(lineId: string, runId: string): string {
  return `/lines/${lineId}/simulate?run=${runId}`;
}

function Heading({ run, ctx }: { run: RunRow; ctx: SimViewContext }) {
  return (
    <h2 id="run-status-heading">
      {run.title} <span class={`badge ${statusClass(run.status)}`}>{ctx.t(`line.sim.status.${run.status}`)}</span>
    </h2>
  );
}

/** A succeeded run: the scenario comparison, then each scenario's state shares; a calibration's validation. */
function Result({ run, ctx }: { run: RunRow; ctx: SimViewContext }) {
  const { t } = ctx;
  if (run.kind === 'calibration')
    return (
      <>
        <ValidationFigures result={run.result as CalibrationResult} ctx={ctx} />
        <p class="small muted">{t('line.sim.calibration.use')}</p>
      </>
    );
  const rows = scenarioRows(run);
  return (
    <>
      <h3>{t('line.sim.comparison')}</h3>
      <ScenarioTable run={run} ctx={ctx} csvHref={`${runPageUrl(ctx.lineId, run.id)}&format=csv&table=scenarios`} />
      <h3>{t('line.sim.states')}</h3>
      <div class="sim-states-list">
        {rows.map((row, i) => (
          <StateShares row={row} index={i} ctx={ctx} />
        ))}
      </div>
    </>
  );
}

/**
 * A run as it stands: queued or running, a progress bar that asks for this fragment again every
 * second (htmx swaps the answer in its place, so it stops asking once the run is done); done, its
 * result; failed or cancelled, why. `oob` marks it for an out-of-band swap beside another answer.
 * Another page's runs (the questions') name their own fragment and page URLs and result.
 */
export function RunStatus({
  run,
  ctx,
  oob,
  urls,
  result,
  decision,
}: {
  run: RunRow;
  ctx: SimViewContext;
  oob?: boolean;
  urls?: { poll: string; page: string };
  result?: Child;
  /** The "Record this decision" form of a succeeded comparison. */
  decision?: Child;
}) {
  const { t } = ctx;
  const busy = run.status === 'queued' || run.status === 'running';
  const pct = Math.round(run.progress * 100);
  return (
    <section
      id={RUN_STATUS_ID}
      class="card"
      aria-labelledby="run-status-heading"
      hx-get={busy ? (urls?.poll ?? runStatusUrl(ctx.lineId, run.id)) : undefined}
      hx-trigger={busy ? 'every 1s' : undefined}
      hx-swap={busy ? 'outerHTML' : undefined}
      hx-swap-oob={oob ? 'true' : undefined}
    >
      <Heading run={run} ctx={ctx} />
      {busy && (
        <>
          <ProgressBar
            id="run-progress"
            label={t('line.sim.progress.label')}
            fraction={run.progress}
            words={
              run.status === 'queued'
                ? t('line.sim.progress.queued', { pct })
                : t('line.sim.progress.running', { pct, note: run.progressNote || t('line.sim.progress.started') })
            }
          />
          <p class="small muted">
            <a href={urls?.page ?? runPageUrl(ctx.lineId, run.id)}>{t('line.sim.progress.reload')}</a>
          </p>
        </>
      )}
      {run.status === 'succeeded' && (result ?? <Result run={run} ctx={ctx} />)}
      {run.status === 'succeeded' && decision}
      {run.status === 'failed' && (
        <Alert kind="error" title={t('line.sim.failed')} message={String((run.error as { message?: string } | null)?.message ?? '')} />
      )}
      {run.status === 'cancelled' && <Alert kind="notice" title={t('line.sim.cancelled')} />}
    </section>
  );
}
