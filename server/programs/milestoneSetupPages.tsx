import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { milestones } from '../../db/schema/index.ts';
import { inTransaction } from '../core/write.ts';
import { createMilestone, deleteMilestone, getMilestone, updateMilestone } from '../milestones/milestones.ts';
import { lifecyclePages } from './setupLifecycle.ts';
import { listUseCases } from '../useCases/useCases.ts';
import { pageContext, signedInFor, type FieldErrors } from '../web/index.ts';
import { MilestoneForm, MilestonePage, type MilestoneFormProps } from '../../views/setup/milestoneForm.tsx';
import { setupText } from '../../views/setup/text.ts';
import { attempt, changeFromVersion, checkEditable, done, formAnswer, pickablePeople, readForm } from './setupSupport.ts';
import { milestoneForm } from './setupForms.ts';
import { idPattern } from '../web/params.ts';

/** Adding and changing a program's adoption milestones (the review that judges them is on the program's page). */
export const milestoneSetupPages = new Hono<AppEnv>();

const ID = idPattern();

type Milestone = Awaited<ReturnType<typeof getMilestone>>;

async function milestonePage(
  c: Context<AppEnv>,
  actor: Actor,
  programId: string,
  values: Record<string, string>,
  extra: { errors?: FieldErrors; status?: 409 | 422; milestone?: Milestone } = {},
) {
  const ctx = pageContext(c, actor);
  const s = setupText(ctx.t);
  const [useCases, people] = await Promise.all([listUseCases(c.var.deps.db, actor, programId), pickablePeople(c, actor)]);
  const props: MilestoneFormProps = {
    t: ctx.t,
    role: actor.role,
    csrfToken: actor.csrfToken,
    programId,
    values,
    errors: extra.errors,
    useCases: useCases.map((u) => ({ value: u.id, label: u.title })),
    people,
    milestone: extra.milestone && { id: extra.milestone.id, version: extra.milestone.version, title: extra.milestone.title },
  };
  const title = extra.milestone ? s('setup.milestone.editTitle', { title: extra.milestone.title }) : s('setup.milestone.newTitle');
  return formAnswer(c, ctx, { title, status: extra.status }, <MilestonePage {...props} />, <MilestoneForm {...props} />);
}

milestoneSetupPages.get(`/programs/${ID}/milestones/new`, async (c) => {
  const actor = signedInFor(c, 'milestone:write');
  const programId = c.req.param('id');
  await checkEditable(c, actor, 'program', programId, { owners: false });
  return milestonePage(c, actor, programId, { status: 'planned' });
});

milestoneSetupPages.post(`/programs/${ID}/milestones`, async (c) => {
  const actor = signedInFor(c, 'milestone:write');
  const programId = c.req.param('id');
  const form = await readForm(c, milestoneForm);
  if (!form.ok) return milestonePage(c, actor, programId, form.values, { errors: form.errors, status: 422 });
  const input = form.data.input;
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createMilestone(w, programId, input)));
  if (!result.ok) return milestonePage(c, actor, programId, form.values, { errors: result.errors, status: 422 });
  return done(c, `/programs/${programId}`);
});

function milestoneValues(m: Milestone): Record<string, string> {
  return {
    version: String(m.version),
    title: m.title,
    criterion: m.criterion,
    useCaseId: m.useCaseId ?? '',
    dueQuarter: m.dueQuarter ?? '',
    dueDate: m.dueDate ?? '',
    ownerId: m.ownerId,
    status: m.status,
    evidence: m.evidence,
  };
}

milestoneSetupPages.get(`/milestones/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'milestone:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'milestone', id);
  const milestone = await getMilestone(c.var.deps.db, actor, id);
  return milestonePage(c, actor, milestone.programId, milestoneValues(milestone), { milestone });
});

milestoneSetupPages.post(`/milestones/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'milestone:write');
  const id = c.req.param('id');
  const form = await readForm(c, milestoneForm);
  const refused = async (values: Record<string, string>, errors: FieldErrors, status: 409 | 422) => {
    const milestone = await getMilestone(c.var.deps.db, actor, id);
    const shown = status === 409 ? { ...values, version: String(milestone.version) } : values;
    return milestonePage(c, actor, milestone.programId, shown, { errors, status, milestone });
  };
  if (!form.ok) return refused(form.values, form.errors, 422);
  const { version, input } = form.data;
  if (version === undefined) return refused(form.values, { _form: 'the form lost its version; reload the page' }, 422);
  const result = await attempt(() =>
    changeFromVersion(c, actor, { kind: 'milestone', table: milestones, entity: 'milestone', id, version }, (w) =>
      updateMilestone(w, id, input),
    ),
  );
  if (!result.ok) return refused(form.values, result.errors, result.status);
  return done(c, `/programs/${result.value.programId}`);
});

lifecyclePages(milestoneSetupPages, {
  base: '/milestones',
  policy: 'milestone:write',
  remove: deleteMilestone,
  removedTo: async (c, actor, id) => `/programs/${(await getMilestone(c.var.deps.db, actor, id)).programId}`,
});
