import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { programs } from '../../db/schema/index.ts';
import {
  attempt,
  changeFromVersion,
  checkEditable,
  checkedValues,
  done,
  foldErrors,
  formAnswer,
  pickablePeople,
  readForm,
} from './setupSupport.ts';
import { lifecyclePages } from './setupLifecycle.ts';
import { programCreateForm, programEditForm } from './setupForms.ts';
import { archiveProgram, createProgram, deleteProgram, getProgram, updateProgram } from './programs.ts';
import { listEnterprises, listSites } from '../plant/plant.ts';
import { inTransaction } from '../core/write.ts';
import { pageContext, signedInFor, type FieldErrors, type PageContext } from '../web/index.ts';
import { ProgramEditPage, ProgramForm, type ProgramFormProps } from '../../views/setup/programForm.tsx';
import { setupText } from '../../views/setup/text.ts';
import { groupSetupPages } from './groupSetupPages.tsx';
import { milestoneSetupPages } from './milestoneSetupPages.tsx';
import { dataSourceSetupPages } from './dataSourceSetupPages.tsx';
import { idPattern } from '../web/params.ts';

/**
 * The set-up pages of programs: start one, change it (from the version the form showed), archive
 * or restore it; its user groups with their escalation routes, its milestones and its data
 * sources have pages of their own (mounted here). Each change answers a 303 to the program's page.
 */
export const programSetupPages = new Hono<AppEnv>();

const ID = idPattern();

type Program = Awaited<ReturnType<typeof getProgram>>;

/** The choices of the form: enterprises, sponsors (a sponsor starts only their own program), the sites in scope. */
async function choices(c: Context<AppEnv>, actor: Actor, program?: Program) {
  const { db } = c.var.deps;
  const [enterprises, sites, people] = await Promise.all([
    listEnterprises(db, actor),
    listSites(db, actor, program?.enterpriseId),
    pickablePeople(c, actor),
  ]);
  let sponsors = people.filter((p) => p.roles.includes('sponsor'));
  if (!program && actor.role === 'sponsor') sponsors = sponsors.filter((p) => p.id === actor.personId);
  return {
    enterprises: enterprises.map((e) => ({ value: e.id, label: e.name })),
    sponsors,
    sites: sites.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` })),
  };
}

function programValues(p: Program): Record<string, string> {
  return {
    version: String(p.version),
    name: p.name,
    description: p.description,
    sponsorId: p.sponsorId,
    goLiveDate: p.goLiveDate,
    valueWindowMonths: String(p.valueWindowMonths),
    shiftsPerDay: String(p.shiftsPerDay),
    workingDaysPerWeek: String(p.workingDaysPerWeek),
    slaCriticalHours: String(p.slaCriticalHours),
    slaHighHours: String(p.slaHighHours),
    slaNormalHours: String(p.slaNormalHours),
    slaLowHours: String(p.slaLowHours),
    timezone: p.timezone,
  };
}

async function newProgramPage(c: Context<AppEnv>, ctx: PageContext, values: Record<string, string>, errors?: FieldErrors, status?: 422) {
  const options = await choices(c, ctx.actor);
  const defaults: Record<string, string> = {
    enterpriseId: options.enterprises.length === 1 ? options.enterprises[0].value : '',
    ...values,
  };
  if (ctx.actor.role === 'sponsor') defaults.sponsorId ??= ctx.actor.personId;
  const props: ProgramFormProps = {
    t: ctx.t,
    role: ctx.actor.role,
    csrfToken: ctx.actor.csrfToken,
    values: defaults,
    errors,
    ...options,
    checkedSites: errors ? checkedValues(values, 'siteIds') : [],
  };
  const form = <ProgramForm {...props} />;
  return formAnswer(c, ctx, { title: setupText(ctx.t)('setup.program.newTitle'), status }, <section class="card">{form}</section>, form);
}

programSetupPages.get('/programs/new', async (c) => {
  const actor = signedInFor(c, 'program:write');
  return newProgramPage(c, pageContext(c, actor), {});
});

programSetupPages.post('/programs', async (c) => {
  const actor = signedInFor(c, 'program:write');
  const ctx = pageContext(c, actor);
  const form = await readForm(c, programCreateForm);
  if (!form.ok) return newProgramPage(c, ctx, form.values, foldErrors(form.errors, ['siteIds']), 422);
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createProgram(w, form.data)));
  if (!result.ok) return newProgramPage(c, ctx, form.values, foldErrors(result.errors, ['siteIds']), 422);
  return done(c, `/programs/${result.value.id}`);
});

async function editProgramPage(
  c: Context<AppEnv>,
  ctx: PageContext,
  program: Program,
  values: Record<string, string>,
  errors?: FieldErrors,
  status?: 409 | 422,
) {
  const options = await choices(c, ctx.actor, program);
  const props = {
    t: ctx.t,
    role: ctx.actor.role,
    csrfToken: ctx.actor.csrfToken,
    values,
    errors,
    ...options,
    checkedSites: errors ? checkedValues(values, 'siteIds') : program.siteIds,
    program: { id: program.id, name: program.name, version: program.version, archivedAt: program.archivedAt?.toISOString() ?? null },
  };
  return formAnswer(
    c,
    ctx,
    { title: setupText(ctx.t)('setup.program.editTitle', { name: program.name }), status },
    <ProgramEditPage {...props} />,
    <ProgramForm {...props} />,
  );
}

programSetupPages.get(`/programs/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'program:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'program', id, { owners: false });
  const program = await getProgram(c.var.deps.db, actor, id);
  return editProgramPage(c, pageContext(c, actor), program, programValues(program));
});

programSetupPages.post(`/programs/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'program:write');
  const ctx = pageContext(c, actor);
  const id = c.req.param('id');
  const form = await readForm(c, programEditForm);
  const refused = async (values: Record<string, string>, errors: FieldErrors, status: 409 | 422) => {
    const program = await getProgram(c.var.deps.db, actor, id);
    // After a conflict the form is from the stored version on, so saving again is a choice made knowingly.
    const shown = status === 409 ? { ...values, version: String(program.version) } : values;
    return editProgramPage(c, ctx, program, shown, foldErrors(errors, ['siteIds']), status);
  };
  if (!form.ok) return refused(form.values, form.errors, 422);
  const { version, ...patch } = form.data;
  const result = await attempt(() =>
    changeFromVersion(c, actor, { kind: 'program', table: programs, entity: 'program', id, version }, (w) => updateProgram(w, id, patch)),
  );
  if (!result.ok) return refused(form.values, result.errors, result.status);
  return done(c, `/programs/${id}`);
});

lifecyclePages(programSetupPages, {
  base: '/programs',
  policy: 'program:write',
  archive: archiveProgram,
  remove: deleteProgram,
  changed: (c, _actor, id) => done(c, `/programs/${id}`),
  removedTo: async () => '/',
});

programSetupPages.route('/', groupSetupPages);
programSetupPages.route('/', milestoneSetupPages);
programSetupPages.route('/', dataSourceSetupPages);
