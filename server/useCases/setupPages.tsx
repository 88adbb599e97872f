import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { kpis, useCases } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { inTransaction } from '../core/write.ts';
import { archiveKpi, createKpi, deleteKpi, getKpi, listKpis, updateKpi } from '../kpis/kpis.ts';
import { lifecyclePages } from '../programs/setupLifecycle.ts';
import { listUserGroups } from '../programs/userGroups.ts';
import { getProgram } from '../programs/programs.ts';
import { effectiveSettings } from '../warnings/settings.ts';
import { pageContext, signedInFor, type FieldErrors } from '../web/index.ts';
import {
  attempt,
  changeFromVersion,
  checkEditable,
  checkedValues,
  done,
  foldErrors,
  formAnswer,
  onlySelf,
  pickablePeople,
  readForm,
} from '../programs/setupSupport.ts';
import { scopeChoices, scopeValue } from '../programs/setupScopes.ts';
import { UseCaseForm, UseCasePage, type UseCaseFormProps } from '../../views/setup/useCaseForm.tsx';
import { KpiForm, KpiPage, type KpiFormProps } from '../../views/setup/kpiForm.tsx';
import { setupText } from '../../views/setup/text.ts';
import { kpiForm, useCaseForm } from './setupForms.ts';
import { createUseCase, deleteUseCase, getUseCase, updateUseCase } from './useCases.ts';
import { idPattern } from '../web/params.ts';

/**
 * The set-up pages of use cases and their KPIs: propose a use case in a program, change it
 * (from the version the form showed), add a KPI to it and change one. Each change answers a
 * 303 to the use case's page; a refusal of the domain (an operational use case losing its
 * owner, a target that does not improve on the baseline) re-renders the form with it (422).
 */
export const useCaseSetupPages = new Hono<AppEnv>();

const ID = idPattern();

type UseCase = Awaited<ReturnType<typeof getUseCase>>;

async function useCasePage(
  c: Context<AppEnv>,
  actor: Actor,
  programId: string,
  values: Record<string, string>,
  extra: { errors?: FieldErrors; status?: 409 | 422; useCase?: UseCase } = {},
) {
  const ctx = pageContext(c, actor);
  const s = setupText(ctx.t);
  const [scopes, people, groups] = await Promise.all([
    scopeChoices(c, actor, programId, ['area', 'line']),
    pickablePeople(c, actor),
    listUserGroups(c.var.deps.db, actor, programId),
  ]);
  // An owner proposes a use case they own themselves; a change may hand it to anyone.
  const ownOnly = !extra.useCase && actor.role === 'owner';
  const props: UseCaseFormProps = {
    t: ctx.t,
    role: actor.role,
    csrfToken: actor.csrfToken,
    programId,
    values,
    errors: extra.errors && foldErrors(extra.errors, ['scope', 'groupIds']),
    scopes: scopes.groups,
    people: ownOnly ? onlySelf(people, actor) : people,
    ownerOptional: !ownOnly,
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    checkedGroups: extra.errors || !extra.useCase ? checkedValues(values, 'groupIds') : extra.useCase.groupIds,
    useCase: extra.useCase && {
      id: extra.useCase.id,
      version: extra.useCase.version,
      status: extra.useCase.status,
      title: extra.useCase.title,
    },
  };
  const title = extra.useCase ? s('setup.useCase.editTitle', { title: extra.useCase.title }) : s('setup.useCase.newTitle');
  return formAnswer(c, ctx, { title, status: extra.status }, <UseCasePage {...props} />, <UseCaseForm {...props} />);
}

useCaseSetupPages.get(`/programs/${ID}/use-cases/new`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const programId = c.req.param('id');
  // An owner may propose one they will own; others must be the program's stewards.
  if (actor.role === 'owner') await checkSees(c.var.deps.db, actor, 'program', programId);
  else await checkEditable(c, actor, 'program', programId, { owners: false });
  return useCasePage(c, actor, programId, actor.role === 'owner' ? { ownerId: actor.personId } : {});
});

useCaseSetupPages.post(`/programs/${ID}/use-cases`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const programId = c.req.param('id');
  const form = await readForm(c, useCaseForm);
  if (!form.ok) return useCasePage(c, actor, programId, form.values, { errors: form.errors, status: 422 });
  const { version: _version, ...input } = form.data;
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createUseCase(w, programId, input)));
  if (!result.ok) return useCasePage(c, actor, programId, form.values, { errors: result.errors, status: 422 });
  return done(c, `/use-cases/${result.value.id}`);
});

function useCaseValues(u: UseCase): Record<string, string> {
  return {
    version: String(u.version),
    title: u.title,
    question: u.question,
    scope: scopeValue(u.scope),
    decisionFrequency: u.decisionFrequency,
    ownerId: u.ownerId ?? '',
  };
}

useCaseSetupPages.get(`/use-cases/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'use_case', id);
  const useCase = await getUseCase(c.var.deps.db, actor, id);
  return useCasePage(c, actor, useCase.programId, useCaseValues(useCase), { useCase });
});

useCaseSetupPages.post(`/use-cases/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const id = c.req.param('id');
  const form = await readForm(c, useCaseForm);
  const refused = async (values: Record<string, string>, errors: FieldErrors, status: 409 | 422) => {
    const useCase = await getUseCase(c.var.deps.db, actor, id);
    const shown = status === 409 ? { ...values, version: String(useCase.version) } : values;
    return useCasePage(c, actor, useCase.programId, shown, { errors, status, useCase });
  };
  if (!form.ok) return refused(form.values, form.errors, 422);
  const { version, ...patch } = form.data;
  if (version === undefined) return refused(form.values, { _form: 'the form lost its version; reload the page' }, 422);
  const result = await attempt(() =>
    changeFromVersion(c, actor, { kind: 'use_case', table: useCases, entity: 'use case', id, version }, (w) => updateUseCase(w, id, patch)),
  );
  if (!result.ok) return refused(form.values, result.errors, result.status);
  return done(c, `/use-cases/${id}`);
});

type Kpi = Awaited<ReturnType<typeof getKpi>>;

async function kpiPage(
  c: Context<AppEnv>,
  actor: Actor,
  useCaseId: string,
  values: Record<string, string>,
  extra: { errors?: FieldErrors; status?: 409 | 422; kpi?: Kpi } = {},
) {
  const ctx = pageContext(c, actor);
  const s = setupText(ctx.t);
  const { db } = c.var.deps;
  const useCase = await getUseCase(db, actor, useCaseId);
  const [tracked, people, program] = await Promise.all([
    listKpis(db, actor, useCaseId, ctx.now),
    pickablePeople(c, actor),
    getProgram(db, actor, useCase.programId),
  ]);
  const props: KpiFormProps = {
    t: ctx.t,
    csrfToken: actor.csrfToken,
    useCase: { id: useCase.id, title: useCase.title, status: useCase.status, kpiCount: tracked.length },
    maxKpisPerPilot: effectiveSettings(program.earlyWarningSettings).maxKpisPerPilot,
    values,
    errors: extra.errors,
    people,
    kpi: extra.kpi && {
      id: extra.kpi.id,
      version: extra.kpi.version,
      name: extra.kpi.name,
      archivedAt: extra.kpi.archivedAt ? new Date(extra.kpi.archivedAt).toISOString() : null,
    },
  };
  const title = extra.kpi ? s('setup.kpi.editTitle', { name: extra.kpi.name }) : s('setup.kpi.newTitle', { title: useCase.title });
  return formAnswer(c, ctx, { title, status: extra.status }, <KpiPage {...props} />, <KpiForm {...props} />);
}

useCaseSetupPages.get(`/use-cases/${ID}/kpis/new`, async (c) => {
  const actor = signedInFor(c, 'kpi:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'use_case', id);
  return kpiPage(c, actor, id, { ownerId: actor.personId, reviewCadence: 'monthly' });
});

useCaseSetupPages.post(`/use-cases/${ID}/kpis`, async (c) => {
  const actor = signedInFor(c, 'kpi:write');
  const id = c.req.param('id');
  const form = await readForm(c, kpiForm);
  if (!form.ok) return kpiPage(c, actor, id, form.values, { errors: form.errors, status: 422 });
  const { version: _version, ...input } = form.data;
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createKpi(w, id, input)));
  if (!result.ok) return kpiPage(c, actor, id, form.values, { errors: result.errors, status: 422 });
  return done(c, `/use-cases/${id}`);
});

function kpiValues(k: Kpi): Record<string, string> {
  const text = (v: number | string | null | undefined) => (v == null ? '' : String(v));
  return {
    version: String(k.version),
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    'baseline.value': text(k.baseline?.value),
    'baseline.periodStart': text(k.baseline?.periodStart),
    'baseline.periodEnd': text(k.baseline?.periodEnd),
    'baseline.source': text(k.baseline?.source),
    'target.value': String(k.target.value),
    'target.date': k.target.date,
    reviewCadence: k.reviewCadence,
    ownerId: k.ownerId,
    annualValuePerUnit: text(k.annualValuePerUnit),
    currency: text(k.currency),
  };
}

useCaseSetupPages.get(`/kpis/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'kpi:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'kpi', id);
  const kpi = await getKpi(c.var.deps.db, actor, id, c.var.deps.clock());
  return kpiPage(c, actor, kpi.useCaseId, kpiValues(kpi), { kpi });
});

useCaseSetupPages.post(`/kpis/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'kpi:write');
  const id = c.req.param('id');
  const form = await readForm(c, kpiForm);
  const refused = async (values: Record<string, string>, errors: FieldErrors, status: 409 | 422) => {
    const kpi = await getKpi(c.var.deps.db, actor, id, c.var.deps.clock());
    const shown = status === 409 ? { ...values, version: String(kpi.version) } : values;
    return kpiPage(c, actor, kpi.useCaseId, shown, { errors, status, kpi });
  };
  if (!form.ok) return refused(form.values, form.errors, 422);
  const { version, ...patch } = form.data;
  if (version === undefined) return refused(form.values, { _form: 'the form lost its version; reload the page' }, 422);
  const result = await attempt(() =>
    changeFromVersion(c, actor, { kind: 'kpi', table: kpis, entity: 'kpi', id, version }, (w) => updateKpi(w, id, patch)),
  );
  if (!result.ok) return refused(form.values, result.errors, result.status);
  return done(c, `/use-cases/${result.value.useCaseId}`);
});

lifecyclePages(useCaseSetupPages, {
  base: '/use-cases',
  policy: 'use-case:write',
  remove: deleteUseCase,
  removedTo: async (c, actor, id) => `/programs/${(await getUseCase(c.var.deps.db, actor, id)).programId}`,
});

lifecyclePages(useCaseSetupPages, {
  base: '/kpis',
  policy: 'kpi:write',
  archive: archiveKpi,
  remove: deleteKpi,
  removedTo: async (c, actor, id) => `/use-cases/${(await getKpi(c.var.deps.db, actor, id, c.var.deps.clock())).useCaseId}`,
});
