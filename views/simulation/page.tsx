import type { Child } from 'hono/jsx';
import type { LineHeading } from '../../server/metrics/lineSources.ts';
import type { FieldErrors } from '../../server/web/forms.ts';
import { LineLinks } from '../components/lineLinks.tsx';
import { SimulateForm, type SimulateFormProps } from './form.tsx';
import type { RunRow, RunSummary, SimViewContext } from './model.tsx';
import { RunsList } from './runs.tsx';
import { RUN_STATUS_ID, RunStatus } from './status.tsx';
import { ValidationSection } from './validation.tsx';

export interface SimulatePageProps {
  line: LineHeading;
  ctx: SimViewContext;
  form: Omit<SimulateFormProps, 'ctx'>;
  /** The calibration form's errors and values when it was refused. */
  calibrate: { errors?: FieldErrors; values?: Record<string, string> };
  /** The run asked for (`?run=`), shown with its progress or result. */
  run: RunRow | null;
  calibration: RunRow | null;
  runs: RunSummary[];
  /** The "Record this decision" form of the run shown, when it is a succeeded comparison. */
  decision?: Child;
}

/**
 * A line's simulation: the form that runs the current, the calibrated or a proposed line (or
 * compares them), the chosen run's progress and result, how well the twin matches the line, and
 * the line's recent runs.
 */
export function SimulatePage({ line, ctx, form, calibrate, run, calibration, runs, decision }: SimulatePageProps) {
  const { t } = ctx;
  return (
    <>
      <LineLinks line={line} t={t} pages={['line', 'balance', 'questions']} />
      <section class="card" aria-labelledby="sim-form-heading">
        <h2 id="sim-form-heading">{t('line.sim.form.heading')}</h2>
        <p class="small muted">{t('line.sim.form.intro')}</p>
        {ctx.mayRun ? <SimulateForm ctx={ctx} {...form} /> : <p class="empty">{t('line.sim.readOnly')}</p>}
      </section>
      {run ? <RunStatus run={run} ctx={ctx} decision={decision} /> : <div id={RUN_STATUS_ID}></div>}
      <ValidationSection calibration={calibration} ctx={ctx} {...calibrate} />
      <RunsList runs={runs} ctx={ctx} />
    </>
  );
}
