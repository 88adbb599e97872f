import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Actor, AppEnv } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';
import { expectVersion } from '../core/versions.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { checkSees } from '../access/index.ts';
import { areas, enterprises, lines, sites, stations } from '../../db/schema/index.ts';
import { getLineSimulationModel, setLineSimulationModel } from '../simulation/runs.ts';
import { attempt, changeFromVersion, done, readForm } from '../programs/setupSupport.ts';
import {
  csvHref,
  csvResponse,
  dateTime,
  formValues,
  isFragment,
  pageContext,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
} from '../web/index.ts';
import { DeleteRefusal, PlantPage, type PlantLevel, type PlantProblem, type PlantTree } from '../../views/setup/plantTree.tsx';
import { LineModelPage } from '../../views/setup/lineModel.tsx';
import { setupText } from '../../views/setup/text.ts';
import {
  checkSeesEnterprise,
  createArea,
  createEnterprise,
  createLine,
  createSite,
  createStation,
  getHierarchy,
  getLine,
  linePath,
  listEnterprises,
  listSites,
} from './plant.ts';
import {
  deleteArea,
  deleteEnterprise,
  deleteLine,
  deleteSite,
  deleteStation,
  updateArea,
  updateEnterprise,
  updateLine,
  updateSite,
  updateStation,
} from './lifecycle.ts';
import {
  areaEditForm,
  areaForm,
  enterpriseEditForm,
  enterpriseForm,
  lineEditForm,
  lineForm,
  siteEditForm,
  siteForm,
  stationEditForm,
  stationForm,
} from './setupForms.ts';
import { applyKeyFigures, keyFigures, parseModelJson, skeletonModel, spreadErrors } from './modelForm.ts';
import { idPattern } from '../web/params.ts';

/**
 * The plant's set-up in the browser: the ISA-95 tree with a form per level that adds a node and,
 * at each node, one that edits it and one that deletes it (administrators, policy 'plant:write',
 * the domain functions of the API), and the editor of a line's simulation model (policy
 * 'line-model:write'). Line tasks are edited on the line's balance page.
 */
export const plantSetupPages = new Hono<AppEnv>();

async function trees(c: Context<AppEnv>, actor: Actor): Promise<PlantTree[]> {
  const { db } = c.var.deps;
  const enterprises = await listEnterprises(db, actor);
  return Promise.all(enterprises.map((e) => getHierarchy(db, actor, e.id)));
}

/** Every node of the trees as a row: what the CSV of the plant holds. */
function nodeRows(all: PlantTree[]) {
  return all.flatMap((e) => [
    ['enterprise', e.id, e.path, e.name, null, null],
    ...e.sites.flatMap((s) => [
      ['site', s.id, s.path, s.name, s.timezone, null],
      ...s.areas.flatMap((a) => [
        ['area', a.id, a.path, a.name, null, null],
        ...a.lines.flatMap((l) => [
          ['line', l.id, l.path, l.name, null, null],
          ...l.stations.map((st) => ['station', st.id, st.path, st.name, null, st.position]),
        ]),
      ]),
    ]),
  ]);
}

async function plantPage(c: Context<AppEnv>, actor: Actor, problem?: PlantProblem) {
  const ctx = pageContext(c, actor);
  const all = await trees(c, actor);
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `plant-${ctx.now.toISOString().slice(0, 10)}`,
      columns: ['level', 'id', 'path', 'name', 'timezone', 'position'],
      rows: nodeRows(all),
    });
  return renderPage(
    c,
    ctx,
    { title: setupText(ctx.t)('setup.plant.title'), status: problem ? (problem.status ?? 422) : undefined },
    <PlantPage t={ctx.t} csrfToken={actor.csrfToken} trees={all} csvHref={csvHref(c)} problem={problem} />,
  );
}

plantSetupPages.get('/admin/plant', (c) => plantPage(c, signedInFor(c, 'plant:write')));

/** A form that adds a node: checked, created by the domain, and back to the tree at the new node. */
function addNode<S extends z.ZodType>(level: PlantLevel, schema: S, create: (w: Write, input: z.infer<S>) => Promise<{ id: string }>) {
  return async (c: Context<AppEnv>) => {
    const actor = signedInFor(c, 'plant:write');
    const form = await readForm(c, schema);
    if (!form.ok) return plantPage(c, actor, { form: level, values: form.values, errors: form.errors });
    const data = form.data;
    const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => create(w, data)));
    if (!result.ok) return plantPage(c, actor, { form: level, values: form.values, errors: result.errors });
    return c.redirect(`/admin/plant#node-${result.value.id}`, 303);
  };
}

plantSetupPages.post('/admin/plant/enterprises', addNode('enterprise', enterpriseForm, createEnterprise));
plantSetupPages.post('/admin/plant/sites', addNode('site', siteForm, createSite));
plantSetupPages.post('/admin/plant/areas', addNode('area', areaForm, createArea));
plantSetupPages.post('/admin/plant/lines', addNode('line', lineForm, createLine));
plantSetupPages.post('/admin/plant/stations', addNode('station', stationForm, createStation));

const tables = { enterprise: enterprises, site: sites, area: areas, line: lines, station: stations };

/** The node is in the caller's scope (else 404, before its form is read), as the API checks first. */
async function checkSeesNode(c: Context<AppEnv>, actor: Actor, level: PlantLevel, id: string): Promise<void> {
  if (level === 'enterprise') await checkSeesEnterprise(c.var.deps.db, actor, id);
  else await checkSees(c.var.deps.db, actor, level, id);
}

/**
 * A change of a node made from the version its form showed, as the API's PATCH with If-Match: an
 * enterprise, which is no anchored kind, is checked to be in scope here, as the API does.
 */
function fromVersion<T>(
  c: Context<AppEnv>,
  actor: Actor,
  level: PlantLevel,
  id: string,
  version: number,
  change: (w: Write) => Promise<T>,
) {
  const table = tables[level];
  if (level !== 'enterprise') return changeFromVersion(c, actor, { kind: level, table, entity: level, id, version }, change);
  return inTransaction(c.var.deps, actor, async (w) => {
    await checkSeesEnterprise(w.tx, w.actor, id);
    await expectVersion(w, table, level, id, [version]);
    return change(w);
  });
}

/**
 * A form that edits a node: checked with the API's rules, changed by the domain from the version
 * the form was read at, and back to the tree at the node; refused, the tree again with the errors
 * at that node's form (422), or after someone else's change with the stored version (409).
 */
function editNode<S extends z.ZodType<{ version: number }>>(
  level: PlantLevel,
  schema: S,
  update: (w: Write, id: string, patch: Omit<z.infer<S>, 'version'>) => Promise<unknown>,
) {
  return async (c: Context<AppEnv>) => {
    const actor = signedInFor(c, 'plant:write');
    const id = c.req.param('id') as string;
    await checkSeesNode(c, actor, level, id);
    const form = await readForm(c, schema);
    const refused = (errors: FieldErrors, status: 409 | 422) =>
      plantPage(c, actor, { form: level, nodeId: id, action: 'edit', values: form.values, errors, status });
    if (!form.ok) return refused(form.errors, 422);
    const { version, ...patch } = form.data;
    const result = await attempt(() => fromVersion(c, actor, level, id, version, (w) => update(w, id, patch)));
    if (!result.ok) return refused(result.errors, result.status);
    return c.redirect(`/admin/plant#node-${id}`, 303);
  };
}

/**
 * A form that deletes a node while nothing depends on it. The domain's refusal (what depends on
 * it) is a conflict, 409, said at the node: the tree again, or for htmx the alert alone, which
 * the form puts at its node.
 */
function deleteNode(level: PlantLevel, remove: (w: Write, id: string) => Promise<void>) {
  return async (c: Context<AppEnv>) => {
    const actor = signedInFor(c, 'plant:write');
    const id = c.req.param('id') as string;
    const { t } = pageContext(c, actor);
    const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => remove(w, id)));
    if (result.ok) return done(c, '/admin/plant');
    const message = result.errors._form ?? Object.values(result.errors).join('; ');
    if (isFragment(c)) return c.html(<DeleteRefusal t={t} message={message} />, 409);
    return plantPage(c, actor, { form: level, nodeId: id, action: 'delete', values: {}, errors: { _form: message }, status: 409 });
  };
}

plantSetupPages.post(`/admin/plant/enterprises/${idPattern()}/edit`, editNode('enterprise', enterpriseEditForm, updateEnterprise));
plantSetupPages.post(`/admin/plant/sites/${idPattern()}/edit`, editNode('site', siteEditForm, updateSite));
plantSetupPages.post(`/admin/plant/areas/${idPattern()}/edit`, editNode('area', areaEditForm, updateArea));
plantSetupPages.post(`/admin/plant/lines/${idPattern()}/edit`, editNode('line', lineEditForm, updateLine));
plantSetupPages.post(`/admin/plant/stations/${idPattern()}/edit`, editNode('station', stationEditForm, updateStation));

plantSetupPages.post(`/admin/plant/enterprises/${idPattern()}/delete`, deleteNode('enterprise', deleteEnterprise));
plantSetupPages.post(`/admin/plant/sites/${idPattern()}/delete`, deleteNode('site', deleteSite));
plantSetupPages.post(`/admin/plant/areas/${idPattern()}/delete`, deleteNode('area', deleteArea));
plantSetupPages.post(`/admin/plant/lines/${idPattern()}/delete`, deleteNode('line', deleteLine));
plantSetupPages.post(`/admin/plant/stations/${idPattern()}/delete`, deleteNode('station', deleteStation));

const LINE = `/lines/${idPattern()}/model` as const;

/** The line, its stations, the stored model (null when there is none yet) and the site's zone. */
async function lineModelOf(c: Context<AppEnv>, actor: Actor, lineId: string) {
  const { db } = c.var.deps;
  const [line, where, sites] = await Promise.all([getLine(db, actor, lineId), linePath(db, actor, lineId), listSites(db, actor)]);
  const stored = await getLineSimulationModel(db, actor, lineId).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  const zone = sites.find((s) => s.id === where.siteId)?.timezone ?? 'UTC';
  return { line, stored, zone };
}

type Problem = { form: 'fields' | 'json'; errors: FieldErrors; values: Record<string, string> };

async function modelPage(c: Context<AppEnv>, actor: Actor, lineId: string, problem?: Problem) {
  const ctx = pageContext(c, actor);
  const { line, stored, zone } = await lineModelOf(c, actor, lineId);
  const model = stored?.model ?? skeletonModel(line.stations);
  const figures = keyFigures(model, line.stations);
  return renderPage(
    c,
    ctx,
    { title: setupText(ctx.t)('setup.model.title', { name: line.name }), status: problem ? 422 : undefined },
    <LineModelPage
      t={ctx.t}
      csrfToken={actor.csrfToken}
      line={{ id: line.id, name: line.name, code: line.code, path: line.path }}
      savedAt={stored ? dateTime(stored.updatedAt, zone) : null}
      timeUnit={typeof model.timeUnit === 'string' ? model.timeUnit : 'min'}
      rows={figures.rows}
      values={problem?.form === 'fields' ? problem.values : figures.values}
      json={problem?.form === 'json' ? (problem.values.model ?? '') : JSON.stringify(model, null, 2)}
      problem={problem}
    />,
  );
}

plantSetupPages.get(LINE, (c) => modelPage(c, signedInFor(c, 'line-model:write'), c.req.param('id')));

plantSetupPages.post(LINE, async (c) => {
  const actor = signedInFor(c, 'line-model:write');
  const lineId = c.req.param('id');
  const values = await formValues(c);
  const form = values.form === 'json' ? 'json' : 'fields';
  let model: Record<string, unknown>;
  if (form === 'json') {
    const parsed = parseModelJson(values.model ?? '');
    if (!parsed.ok) return modelPage(c, actor, lineId, { form, values, errors: parsed.errors });
    model = parsed.model;
  } else {
    const { line, stored } = await lineModelOf(c, actor, lineId);
    const applied = applyKeyFigures(stored?.model ?? skeletonModel(line.stations), line.stations, values);
    if (!applied.ok) return modelPage(c, actor, lineId, { form, values, errors: applied.errors });
    model = applied.model;
  }
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => setLineSimulationModel(w, lineId, model)));
  if (!result.ok)
    return modelPage(c, actor, lineId, { form, values, errors: form === 'fields' ? spreadErrors(result.errors) : result.errors });
  return c.redirect(`/lines/${lineId}`, 303);
});
