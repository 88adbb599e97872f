import { isId } from '../web/params.ts';
import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../core/errors.ts';
import { inTransaction } from '../core/write.ts';
import { allows } from '../auth/policies.ts';
import { submitCalibration } from '../calibration/calibrations.ts';
import { lineHeading } from '../metrics/lineSources.ts';
import { lineIdOf } from '../metrics/pages.tsx';
import { listStations } from '../plant/plant.ts';
import {
  csvResponse,
  domainFieldErrors,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { SimulateForm } from '../../views/simulation/form.tsx';
import type { RunRow, SimViewContext } from '../../views/simulation/model.tsx';
import { SimulatePage } from '../../views/simulation/page.tsx';
import { RunsList } from '../../views/simulation/runs.tsx';
import { RunStatus, runPageUrl, runStatusUrl } from '../../views/simulation/status.tsx';
import { DecisionForm } from '../../views/decisions/form.tsx';
import { decisionAction, decisionFormFor, decisionFormFragment, recordFromForm, type DecisionFormProps } from '../decisions/pages.tsx';
import { CalibrateForm } from '../../views/simulation/validation.tsx';
import { inTimeUnit, lineScenarioSources, submitLineModelRun } from './lineScenarios.ts';
import { SECONDS_PER_TIME_UNIT } from './modelSchema.ts';
import { baseLineOf, numberError, scenariosOf, simulateFormSchema, typed } from './pageForm.ts';
import { runCsv, runsCsv } from './pageCsv.ts';
import { getRun, listRuns, submitComparison, submitLineSimulation } from './runs.ts';
import { z } from 'zod';

/**
 * A line's simulation page, `/lines/{id}/simulate`: runs of the current (stored), the calibrated
 * or a proposed line, or a comparison of them, with a self-refreshing progress bar
 * (`/lines/{id}/simulate/runs/{runId}`), the results, the twin's validation and the recent runs.
 * Starting a run or a calibration takes the API's policy, `compute:run`.
 */
export const simulationPages = new Hono<AppEnv>();

const RECENT_RUNS = 15;

/** The line and what its views need to name its stations and write its times: all a polling progress bar reads. */
export async function lineView(c: Context<AppEnv>, actor: Actor, ctx: PageContext, id: string) {
  const { db } = c.var.deps;
  const line = await lineHeading(db, actor, id);
  const stations = await listStations(db, actor, id);
  const view: SimViewContext = {
    t: ctx.t,
    now: ctx.now,
    zone: line.timezone,
    lineId: id,
    stationNames: new Map(stations.map((s) => [s.code, s.name])),
    csrfToken: actor.csrfToken ?? '',
    mayRun: allows('compute:run', actor.role),
  };
  return { line, view };
}

/** Everything the page shows of a line, read with the person's scope. */
async function loadLine(c: Context<AppEnv>, actor: Actor, ctx: PageContext, id: string) {
  const { db } = c.var.deps;
  const { line, view } = await lineView(c, actor, ctx, id);
  const [sources, runs] = await Promise.all([lineScenarioSources(db, actor, id), listRuns(db, actor, { lineId: id })]);
  const calibrated = (sources.calibration?.result as { model?: Record<string, unknown> } | null)?.model ?? null;
  const current = sources.stored?.model ?? null;
  const base = baseLineOf(current, 'current') ?? baseLineOf(calibrated, 'calibrated');
  return { line, view, runs: runs.slice(0, RECENT_RUNS), calibration: sources.calibration, models: { current, calibrated }, base };
}

type Loaded = Awaited<ReturnType<typeof loadLine>>;

function unitOf(model: Record<string, unknown>): keyof typeof SECONDS_PER_TIME_UNIT {
  const unit = model.timeUnit as string | undefined;
  return unit && unit in SECONDS_PER_TIME_UNIT ? (unit as keyof typeof SECONDS_PER_TIME_UNIT) : 'min';
}

/** A run of this line the person sees (404 for another line's, so that the URL names nothing of it). */
async function runOfLine(c: Context<AppEnv>, actor: Actor, lineId: string, runId: string | undefined): Promise<RunRow> {
  if (!runId || !isId(runId)) throw new NotFoundError(`no simulation run '${runId ?? ''}'`);
  const run = await getRun(c.var.deps.db, actor, runId);
  if (run.lineId !== lineId) throw new NotFoundError(`no simulation run '${runId}' of this line`);
  return run;
}

function formProps(l: Loaded, errors?: FieldErrors, values?: Record<string, string>) {
  return { base: l.base, hasCurrent: l.models.current !== null, hasCalibrated: l.models.calibrated !== null, errors, values };
}

interface Refusal {
  form: 'simulate' | 'calibrate';
  errors: FieldErrors;
  values: Record<string, string>;
}

/** The decision form of a succeeded comparison of the line, for those who record decisions. */
async function comparisonDecision(c: Context<AppEnv>, ctx: PageContext, l: Pick<Loaded, 'line'>, run: RunRow | null, useCaseId?: string) {
  if (!run || run.kind !== 'comparison') return undefined;
  return decisionFormFor(c, ctx, { run, line: l.line, action: decisionAction(runStatusUrl(l.line.id, run.id)), useCaseId });
}

function decisionChild(ctx: PageContext, l: Pick<Loaded, 'line'>, form: DecisionFormProps | undefined) {
  return form && <DecisionForm {...form} ctx={{ t: ctx.t, csrfToken: ctx.actor.csrfToken ?? '', zone: l.line.timezone }} />;
}

/** The whole page, with a run shown, or with a form refused (422) and its field errors. */
function page(
  c: Context<AppEnv>,
  ctx: PageContext,
  l: Loaded,
  extra: { run?: RunRow | null; refusal?: Refusal; decision?: DecisionFormProps; status?: 200 | 422 },
) {
  const r = extra.refusal;
  return renderPage(
    c,
    ctx,
    { title: ctx.t('line.sim.title', { name: l.line.name }), current: '/lines', status: r || extra.status === 422 ? 422 : undefined },
    <SimulatePage
      line={l.line}
      ctx={l.view}
      form={r?.form === 'simulate' ? formProps(l, r.errors, r.values) : formProps(l)}
      calibrate={r?.form === 'calibrate' ? { errors: r.errors, values: r.values } : {}}
      run={extra.run ?? null}
      calibration={l.calibration}
      runs={l.runs}
      decision={decisionChild(ctx, l, extra.decision)}
    />,
  );
}

/** A refusal of the input (a rule or a value), shown at the form; anything else is not the form's to say. */
function inputErrors(err: unknown): FieldErrors | undefined {
  return err instanceof InvalidInputError || err instanceof RuleViolationError ? domainFieldErrors(err) : undefined;
}

simulationPages.get('/lines/:id/simulate', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const l = await loadLine(c, actor, ctx, id);
  const runId = c.req.query('run');
  const run = runId ? await runOfLine(c, actor, id, runId) : null;
  if (wantsCsv(c)) {
    const table = c.req.query('table');
    if (run && (table === 'scenarios' || table === 'states')) return csvResponse(c, runCsv(run, table));
    return csvResponse(c, runsCsv(l.line.code, l.runs, ctx.now));
  }
  return page(c, ctx, l, { run, decision: await comparisonDecision(c, ctx, l, run, c.req.query('useCaseId')) });
});

simulationPages.get('/lines/:id/simulate/runs/:runId', async (c) => {
  const actor = signedInFor(c, 'read');
  const id = lineIdOf(c);
  // A run of this line the person sees, else 404, before its id goes anywhere (a header, a query).
  const run = await runOfLine(c, actor, id, c.req.param('runId'));
  if (!isFragment(c)) return c.redirect(runPageUrl(id, run.id), 303);
  const ctx = pageContext(c, actor);
  const { view } = await lineView(c, actor, ctx, id);
  if (run.status === 'queued' || run.status === 'running') return c.html(<RunStatus run={run} ctx={view} />);
  // Done: the result, and the runs list brought up to date beside it.
  const runs = (await listRuns(c.var.deps.db, actor, { lineId: id })).slice(0, RECENT_RUNS);
  const line = await lineHeading(c.var.deps.db, actor, id);
  const decision = decisionChild(ctx, { line }, await comparisonDecision(c, ctx, { line }, run));
  return c.html(
    <>
      <RunStatus run={run} ctx={view} decision={decision} />
      <RunsList runs={runs} ctx={view} oob />
    </>,
  );
});

/** A comparison's decision form for another use case (htmx); without script, the run's page with it. */
simulationPages.get('/lines/:id/simulate/runs/:runId/decision', async (c) => {
  const actor = signedInFor(c, 'decision:write');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const run = await runOfLine(c, actor, id, c.req.param('runId'));
  if (run.kind !== 'comparison') throw new NotFoundError('a decision is recorded here from a comparison');
  if (!isFragment(c)) return c.redirect(`${runPageUrl(id, run.id)}&useCaseId=${encodeURIComponent(c.req.query('useCaseId') ?? '')}`, 303);
  const line = await lineHeading(c.var.deps.db, actor, id);
  return decisionFormFragment(c, ctx, { run, line, action: decisionAction(runStatusUrl(id, run.id)) });
});

simulationPages.post('/lines/:id/simulate/runs/:runId/decision', async (c) => {
  const actor = signedInFor(c, 'decision:write');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const run = await runOfLine(c, actor, id, c.req.param('runId'));
  if (run.kind !== 'comparison') throw new NotFoundError('a decision is recorded here from a comparison');
  const l = await loadLine(c, actor, ctx, id);
  const action = decisionAction(runStatusUrl(id, run.id));
  return recordFromForm(c, actor, ctx, {
    run,
    line: l.line,
    action,
    page: (decision, status) => page(c, ctx, l, { run, decision, status }),
  });
});

/** The answer to a queued run: the form as new with the run's progress bar and the runs list beside it (htmx), or the run's page. */
function queued(c: Context<AppEnv>, l: Loaded, run: RunRow, form: 'simulate' | 'calibrate') {
  c.var.deps.jobs?.wakeSimulations();
  if (!isFragment(c)) return c.redirect(runPageUrl(l.line.id, run.id), 303);
  const runs = [run, ...l.runs.filter((r) => r.id !== run.id)].slice(0, RECENT_RUNS);
  return c.html(
    <>
      {form === 'simulate' ? <SimulateForm ctx={l.view} {...formProps(l)} /> : <CalibrateForm ctx={l.view} />}
      <RunStatus run={run} ctx={l.view} oob />
      <RunsList runs={runs} ctx={l.view} oob />
    </>,
  );
}

simulationPages.post('/lines/:id/simulate', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const l = await loadLine(c, actor, ctx, id);
  if (!l.base) throw new RuleViolationError('this line has no simulation model yet: store one or calibrate the line first');
  const refuse = (errors: FieldErrors, values: Record<string, string>) =>
    isFragment(c)
      ? c.html(<SimulateForm ctx={l.view} {...formProps(l, errors, values)} />, 422)
      : page(c, ctx, l, { refusal: { form: 'simulate', errors, values } });
  const parsed = await parseForm(c, simulateFormSchema(l.base));
  if (!parsed.ok) return refuse(parsed.errors, parsed.values);
  const form = parsed.data;
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v ?? '')]));
  const asked = scenariosOf(form, l.models, l.base, ctx.t);
  if ('error' in asked) return refuse({ [asked.error[0]]: asked.error[1] }, values);
  const { scenarios, changes } = asked;
  const names = scenarios.map((s) => (s.key === 'proposed' && changes.length ? `${s.name} (${changes.join(', ')})` : s.name));
  const title = (form.title as string | undefined) || `${l.line.name}: ${names.join(' vs ')}`.slice(0, 200);
  const peakLimitKw = typeof form.peakLimitKw === 'number' ? form.peakLimitKw : undefined;
  const replications = Number(form.replications);
  try {
    const run = await inTransaction(c.var.deps, actor, (w) => {
      const [first, ...rest] = scenarios;
      if (!rest.length && first.key === 'current')
        return submitLineSimulation(w, id, { title, settings: { horizon: first.model.horizon, replications } });
      if (!rest.length) return submitLineModelRun(w, id, { title, model: first.model });
      return submitComparison(w, {
        title,
        lineId: id,
        baseline: { name: first.name, model: first.model },
        // Common random numbers: the variants run on the baseline's seed and replications, in its time unit.
        variants: rest.map((s) => {
          const { seed: _seed, replications: _replications, ...model } = inTimeUnit(s.model, unitOf(first.model));
          return { name: s.name, model };
        }),
        peakLimitKw,
        replications,
      });
    });
    return queued(c, l, run, 'simulate');
  } catch (err) {
    const errors = inputErrors(err);
    if (!errors) throw err;
    return refuse(errors, values);
  }
});

const calibrateForm = z.object({
  // Blank is no number of hours (required), never 0.
  hours: typed(
    z
      .number(numberError('a whole number of hours'))
      .int({ error: 'a whole number of hours' })
      .min(1, { error: 'at least 1 hour' })
      .max(2208, { error: 'at most 92 days (2208 h)' }),
  ),
});

simulationPages.post('/lines/:id/simulate/calibrate', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const l = await loadLine(c, actor, ctx, id);
  const refuse = (errors: FieldErrors, values: Record<string, string>) =>
    isFragment(c)
      ? c.html(<CalibrateForm ctx={l.view} errors={errors} values={values} />, 422)
      : page(c, ctx, l, { refusal: { form: 'calibrate', errors, values } });
  const parsed = await parseForm(c, calibrateForm);
  if (!parsed.ok) return refuse(parsed.errors, parsed.values);
  const to = ctx.now;
  const from = new Date(to.getTime() - parsed.data.hours * 3_600_000);
  try {
    const run = await inTransaction(c.var.deps, actor, (w) =>
      submitCalibration(w, id, {
        from: from.toISOString(),
        to: to.toISOString(),
        title: ctx.t('line.sim.calibrate.runTitle', { name: l.line.name, hours: parsed.data.hours }),
      }),
    );
    return queued(c, l, run, 'calibrate');
  } catch (err) {
    const errors = inputErrors(err);
    if (!errors) throw err;
    return refuse({ ...errors, hours: errors._form }, { hours: String(parsed.data.hours) });
  }
});
