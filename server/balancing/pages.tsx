/**
 * The balance page of a line, `/lines/{id}/balance`: the current balance beside a proposed one
 * (`?run=`), the forms that balance the stored line or an uploaded file, and the task editor.
 * The same domain functions and policies as the API: POST /lines/{id}/balance (compute:run),
 * PUT /lines/{id}/tasks (line-model:write), the upload (compute:run). An htmx post answers the
 * fragment it changed; a plain form post answers 303 to the page (of the new run).
 */
import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { notFound } from '../core/errors.ts';
import { balancingRunModel } from '../simulation/balanceModel.ts';
import { submitLineModelRun } from '../simulation/lineScenarios.ts';
import { runPageUrl } from '../../views/simulation/status.tsx';
import { inTransaction } from '../core/write.ts';
import { allows } from '../auth/policies.ts';
import {
  csvResponse,
  formValues,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { linePath } from '../plant/plant.ts';
import { BalancePage } from '../../views/balancing/page.tsx';
import { BalanceResult } from '../../views/balancing/result.tsx';
import { BalanceForm, UploadForm } from '../../views/balancing/forms.tsx';
import { RunsList } from '../../views/balancing/runs.tsx';
import { TasksEditor } from '../../views/balancing/tasks.tsx';
import { balanceStoredLine, getLineTasks, setLineTasks } from './lineBalancing.ts';
import { balanceUploadForLine } from './lineUpload.ts';
import { balanceErrors, balanceForm, uploadForm, uploadFormat } from './pageForms.ts';
import { balanceCsv, csvTables, type CsvTableName } from './pageCsv.ts';
import { balanceFormValues, idOr404, loadBalancePage, type BalancePageData } from './pageData.ts';
import { parseTaskForm, taskErrors, taskFormValues, typedModels } from './taskForm.ts';

export const balancingPages = new Hono<AppEnv>();

type C = Context<AppEnv>;
const pagePath = (lineId: string) => `/lines/${lineId}/balance`;

/** The page URL of a pair of runs; `extra` adds a query (`format=csv&table=…`). */
function pageUrl(lineId: string, proposedId?: string, currentId?: string, extra?: Record<string, string>): string {
  const q = new URLSearchParams();
  if (proposedId) q.set('run', proposedId);
  if (currentId) q.set('current', currentId);
  for (const [k, v] of Object.entries(extra ?? {})) q.set(k, v);
  const s = q.toString();
  return s ? `${pagePath(lineId)}?${s}` : pagePath(lineId);
}

/** What a re-rendered page keeps of a form being corrected. */
interface Overrides {
  balance?: { values: Record<string, string>; errors?: FieldErrors };
  upload?: { values: Record<string, string>; errors?: FieldErrors };
  tasks?: { values: Record<string, string>; errors?: FieldErrors; saved?: boolean };
}

/** The result fragment's props for the loaded runs. */
function resultProps(data: BalancePageData, explicitCurrent: boolean, actor: Actor) {
  const proposedId = data.proposed?.id;
  const currentId = explicitCurrent ? data.current?.id : undefined;
  const shown = data.proposed ?? data.current;
  return {
    simulate:
      shown && data.hasSimulationModel && allows('compute:run', actor.role)
        ? { action: `/lines/${data.line.id}/balance/runs/${shown.id}/simulate`, csrf: actor.csrfToken }
        : undefined,
    zone: data.zone,
    current: data.current,
    proposed: data.proposed,
    descriptions: data.descriptions,
    csvHref: (table: string) => pageUrl(data.line.id, proposedId, currentId, { format: 'csv', table }),
  };
}

function runsProps(data: BalancePageData, explicitCurrent: boolean) {
  return {
    runs: data.runs,
    zone: data.zone,
    currentId: data.current?.id,
    proposedId: data.proposed?.id,
    csvHref: pageUrl(data.line.id, data.proposed?.id, explicitCurrent ? data.current?.id : undefined, { format: 'csv', table: 'runs' }),
  };
}

function renderBalancePage(c: C, ctx: PageContext, data: BalancePageData, explicitCurrent: boolean, o: Overrides = {}, status?: 422) {
  const { t, actor } = ctx;
  const tasksCsv = pageUrl(data.line.id, undefined, undefined, { format: 'csv', table: 'tasks' });
  return renderPage(
    c,
    ctx,
    { title: t('balance.title', { name: data.line.name }), current: '/lines', status },
    <BalancePage
      t={t}
      line={data.line}
      csrf={actor.csrfToken}
      mayRun={allows('compute:run', actor.role)}
      taskCount={data.stored.tasks.length}
      workContent={data.stored.totalTime}
      models={data.stored.models?.map((m) => m.id) ?? []}
      balance={o.balance ?? { values: balanceFormValues(data.proposed ?? data.current) }}
      upload={o.upload ?? { values: {} }}
      tasks={{
        values: o.tasks?.values ?? taskFormValues(data.stored),
        errors: o.tasks?.errors,
        saved: o.tasks?.saved,
        mayEdit: allows('line-model:write', actor.role),
        csvHref: tasksCsv,
      }}
      result={resultProps(data, explicitCurrent, actor)}
      runs={runsProps(data, explicitCurrent)}
    />,
  );
}

balancingPages.get('/lines/:id/balance', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const lineId = idOr404(c.req.param('id'), 'line');
  const run = c.req.query('run');
  const current = c.req.query('current');
  const pick = {
    runId: run ? idOr404(run, 'balancing run') : undefined,
    currentId: current ? idOr404(current, 'balancing run') : undefined,
  };
  const data = await loadBalancePage(c.var.deps.db, actor, lineId, pick);
  if (wantsCsv(c)) {
    const table = (c.req.query('table') ?? 'assignment') as CsvTableName;
    if (!csvTables.includes(table)) return c.text(`unknown table; one of ${csvTables.join(', ')}`, 404);
    return csvResponse(c, balanceCsv(data, table, ctx.t, ctx.now.toISOString().slice(0, 10)));
  }
  const saved = c.req.query('tasks') === 'saved';
  return renderBalancePage(c, ctx, data, !!pick.currentId, saved ? { tasks: { values: taskFormValues(data.stored), saved } } : {});
});

/**
 * A new run answered: to htmx the result fragment with the form (errors cleared) and the runs
 * swapped beside it, the URL pushed to the run's page; to a plain form, 303 to that page.
 */
async function answerRun(
  c: C,
  ctx: PageContext,
  lineId: string,
  runId: string,
  form: 'balance' | 'upload',
  values: Record<string, string>,
) {
  if (!isFragment(c)) return c.redirect(pageUrl(lineId, runId), 303);
  const data = await loadBalancePage(c.var.deps.db, ctx.actor, lineId, { runId });
  const { t } = ctx;
  const models = data.stored.models?.map((m) => m.id) ?? [];
  return c.html(
    <>
      <BalanceResult t={t} {...resultProps(data, false, ctx.actor)} />
      {form === 'balance' ? (
        <BalanceForm t={t} lineId={lineId} csrf={ctx.actor.csrfToken} values={values} models={models} oob />
      ) : (
        <UploadForm t={t} lineId={lineId} csrf={ctx.actor.csrfToken} values={{ ...values, text: '' }} oob open />
      )}
      <RunsList t={t} lineId={lineId} {...runsProps(data, false)} oob />
    </>,
    200,
    { 'HX-Push-Url': pageUrl(lineId, runId) },
  );
}

/** A form refused: to htmx the form again with its errors (422, swapped where the form is); else the whole page (422). */
async function answerInvalid(c: C, ctx: PageContext, lineId: string, o: Overrides, models: string[] = []) {
  const { t, actor } = ctx;
  if (isFragment(c)) {
    const headers = (id: string) => ({ 'HX-Retarget': `#${id}`, 'HX-Reswap': 'outerHTML' });
    if (o.balance) {
      return c.html(
        <BalanceForm t={t} lineId={lineId} csrf={actor.csrfToken} {...o.balance} models={models} />,
        422,
        headers('balance-form'),
      );
    }
    if (o.upload)
      return c.html(<UploadForm t={t} lineId={lineId} csrf={actor.csrfToken} {...o.upload} open />, 422, headers('balance-upload'));
    const tasksCsv = pageUrl(lineId, undefined, undefined, { format: 'csv', table: 'tasks' });
    return c.html(
      <TasksEditor
        t={t}
        lineId={lineId}
        csrf={actor.csrfToken}
        values={o.tasks!.values}
        errors={o.tasks!.errors}
        mayEdit
        csvHref={tasksCsv}
      />,
      422,
      headers('balance-tasks'),
    );
  }
  const data = await loadBalancePage(c.var.deps.db, actor, lineId);
  return renderBalancePage(c, ctx, data, false, o, 422);
}

balancingPages.post('/lines/:id/balance', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const lineId = idOr404(c.req.param('id'), 'line');
  // The line first: someone out of scope learns nothing from the form's errors.
  const stored = await getLineTasks(c.var.deps.db, actor, lineId);
  const models = stored.models?.map((m) => m.id) ?? [];
  const form = await parseForm(c, balanceForm);
  if (!form.ok) return answerInvalid(c, ctx, lineId, { balance: { values: form.values, errors: form.errors } }, models);
  const values = await formValues(c);
  try {
    const run = await balanceStoredLine(c.var.deps, actor, lineId, form.data.target, form.data.title);
    return answerRun(c, ctx, lineId, run.id, 'balance', values);
  } catch (err) {
    const errors = balanceErrors(err, form.data.kind, ctx.t);
    if (!errors) throw err;
    return answerInvalid(c, ctx, lineId, { balance: { values, errors } }, models);
  }
});

balancingPages.post('/lines/:id/balance/upload', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const ctx = pageContext(c, actor);
  const lineId = idOr404(c.req.param('id'), 'line');
  await linePath(c.var.deps.db, actor, lineId);
  const body = await c.req.parseBody();
  const file = body.file instanceof File && body.file.size > 0 ? body.file : undefined;
  const values = await formValues(c);
  const form = await parseForm(c, uploadForm);
  if (!form.ok) return answerInvalid(c, ctx, lineId, { upload: { values, errors: form.errors } });
  const text = file ? await file.text() : form.data.text;
  if (!text?.trim()) return answerInvalid(c, ctx, lineId, { upload: { values, errors: { file: ctx.t('balance.upload.missing') } } });
  const { kind, format, target, variants, title } = form.data;
  const type = uploadFormat(format, file?.name, text);
  if (type === 'csv' && kind === 'file') {
    return answerInvalid(c, ctx, lineId, { upload: { values, errors: { target: ctx.t('balance.upload.csvNeedsTarget') } } });
  }
  try {
    const run = await balanceUploadForLine(c.var.deps, actor, lineId, {
      format: type,
      text,
      target,
      variants,
      title,
    });
    return answerRun(c, ctx, lineId, run.id, 'upload', values);
  } catch (err) {
    const errors = balanceErrors(err, kind, ctx.t);
    if (!errors) throw err;
    return answerInvalid(c, ctx, lineId, { upload: { values, errors } });
  }
});

balancingPages.post('/lines/:id/balance/tasks', async (c) => {
  const actor = signedInFor(c, 'line-model:write');
  const ctx = pageContext(c, actor);
  const lineId = idOr404(c.req.param('id'), 'line');
  await linePath(c.var.deps.db, actor, lineId);
  const values = await formValues(c);
  const parsed = parseTaskForm(values);
  if (!parsed.ok) return answerInvalid(c, ctx, lineId, { tasks: { values, errors: parsed.errors } });
  let stored;
  try {
    stored = await inTransaction(c.var.deps, actor, (w) => setLineTasks(w, lineId, parsed.input));
  } catch (err) {
    const errors = taskErrors(err, parsed.rows, parsed.input.models);
    if (!errors) throw err;
    return answerInvalid(c, ctx, lineId, { tasks: { values, errors } });
  }
  if (!isFragment(c)) return c.redirect(`${pagePath(lineId)}?tasks=saved#balance-tasks`, 303);
  const { t } = ctx;
  const tasksCsv = pageUrl(lineId, undefined, undefined, { format: 'csv', table: 'tasks' });
  const models = stored.models?.map((m) => m.id) ?? [];
  // The balance form asks for a mixed-model line's rule and sequence: swap it too when the models changed.
  const modelsChanged = typedModels(values.modelsBefore).join(',') !== models.join(',');
  const data = modelsChanged ? await loadBalancePage(c.var.deps.db, actor, lineId) : undefined;
  return c.html(
    <>
      <TasksEditor t={t} lineId={lineId} csrf={actor.csrfToken} values={taskFormValues(stored)} mayEdit saved csvHref={tasksCsv} />
      {data && (
        <BalanceForm
          t={t}
          lineId={lineId}
          csrf={actor.csrfToken}
          values={balanceFormValues(data.proposed ?? data.current)}
          models={models}
          oob
        />
      )}
    </>,
  );
});

/** A balance simulated before it is decided: its model (balanceAsModel's rule) run on the line, shown on the simulation page. */
balancingPages.post('/lines/:id/balance/runs/:runId/simulate', async (c) => {
  const actor = signedInFor(c, 'compute:run');
  const lineId = idOr404(c.req.param('id'), 'line');
  const runId = idOr404(c.req.param('runId'), 'balancing run');
  const balance = await balancingRunModel(c.var.deps.db, actor, runId);
  if (balance.lineId !== lineId) throw notFound('balancing run', runId);
  const run = await inTransaction(c.var.deps, actor, (w) =>
    submitLineModelRun(w, lineId, { title: simulatedTitle(balance.title), model: balance.model }),
  );
  c.var.deps.jobs?.wakeSimulations();
  return c.redirect(runPageUrl(lineId, run.id), 303);
});

const simulatedTitle = (title: string) => `${title}: simulated`.slice(0, 200);
