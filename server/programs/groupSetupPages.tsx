import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Actor, AppEnv } from '../deps.ts';
import { userGroups } from '../../db/schema/index.ts';
import { allows } from '../auth/policies.ts';
import { checkSees, mayChange } from '../access/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { isFragment, pageContext, renderPage, signedInFor, type FieldErrors } from '../web/index.ts';
import { GroupCard, GroupsPage, type GroupProblem, type GroupsPageProps, type GroupView } from '../../views/setup/groups.tsx';
import { setupText } from '../../views/setup/text.ts';
import { attempt, changeFromVersion, pickablePeople, readForm } from './setupSupport.ts';
import { lifecyclePages } from './setupLifecycle.ts';
import { groupCreateForm, groupEditForm, memberForm, routeMoveForm, routeStepForm } from './setupForms.ts';
import {
  addMember,
  addRouteStep,
  archiveUserGroup,
  createUserGroup,
  deleteUserGroup,
  getUserGroup,
  listUserGroups,
  removeMember,
  removeRouteStep,
  updateUserGroup,
} from './userGroups.ts';
import { idPattern } from '../web/params.ts';

/**
 * The user groups of a program with their members and escalation routes: the page lists them
 * with a form per change; each change of a group answers its card for htmx, else a 303 back.
 */
export const groupSetupPages = new Hono<AppEnv>();

const ID = idPattern();
const PERSON = idPattern('personId');

type Group = Awaited<ReturnType<typeof getUserGroup>>;

function groupView(g: Group): GroupView {
  return { ...g, archivedAt: g.archivedAt?.toISOString() ?? null };
}

/** Whether the caller may arrange the program's groups: the policy of the change, and the program is theirs (or they are an admin). */
async function mayArrange(c: Context<AppEnv>, actor: Actor, programId: string): Promise<boolean> {
  const { db, clock } = c.var.deps;
  const anchor = await checkSees(db, actor, 'program', programId);
  return allows('group:write', actor.role) && mayChange(db, actor, anchor, clock(), { owners: false });
}

async function groupsPage(
  c: Context<AppEnv>,
  actor: Actor,
  programId: string,
  extra: Pick<GroupsPageProps, 'newGroup' | 'problem'> = {},
  status?: 409 | 422,
) {
  const ctx = pageContext(c, actor);
  const canEdit = await mayArrange(c, actor, programId);
  const [groups, people] = await Promise.all([
    listUserGroups(c.var.deps.db, actor, programId, { archived: 'include' }),
    pickablePeople(c, actor),
  ]);
  return renderPage(
    c,
    ctx,
    { title: setupText(ctx.t)('setup.group.title'), status },
    <GroupsPage
      t={ctx.t}
      role={actor.role}
      csrfToken={actor.csrfToken}
      programId={programId}
      groups={groups.map(groupView)}
      people={people}
      canEdit={canEdit}
      {...extra}
    />,
  );
}

groupSetupPages.get(`/programs/${ID}/groups`, async (c) => groupsPage(c, signedInFor(c, 'read'), c.req.param('id')));

groupSetupPages.post(`/programs/${ID}/groups`, async (c) => {
  const actor = signedInFor(c, 'group:write');
  const programId = c.req.param('id');
  const form = await readForm(c, groupCreateForm);
  if (!form.ok) return groupsPage(c, actor, programId, { newGroup: { values: form.values, errors: form.errors } }, 422);
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createUserGroup(w, programId, form.data)));
  if (!result.ok) return groupsPage(c, actor, programId, { newGroup: { values: form.values, errors: result.errors } }, 422);
  return c.redirect(`/programs/${programId}/groups#group-${result.value.id}`, 303);
});

/** The answer of a change of one group: its card for htmx, else the page (a 303 to it when the change was made). */
async function answerCard(c: Context<AppEnv>, actor: Actor, groupId: string, problem?: GroupProblem, status?: 409 | 422) {
  const group = await getUserGroup(c.var.deps.db, actor, groupId);
  if (!isFragment(c)) {
    if (!problem) return c.redirect(`/programs/${group.programId}/groups#group-${group.id}`, 303);
    return groupsPage(c, actor, group.programId, { problem: { groupId, ...problem } }, status);
  }
  const ctx = pageContext(c, actor);
  const people = await pickablePeople(c, actor);
  const arranges = await mayArrange(c, actor, group.programId);
  return c.html(
    <GroupCard
      t={ctx.t}
      csrfToken={actor.csrfToken}
      group={groupView(group)}
      people={people}
      canEdit={arranges && group.archivedAt === null}
      canArrange={arranges}
      problem={problem}
    />,
    status ?? 200,
  );
}

/** A change of a group from one of its card's forms: checked, made, and answered with the card. */
function cardChange<S extends z.ZodType>(
  form: GroupProblem['form'],
  schema: S,
  change: (w: Write, c: Context<AppEnv>, data: z.infer<S>) => Promise<unknown>,
) {
  return async (c: Context<AppEnv>) => {
    const actor = signedInFor(c, 'group:write');
    const id = c.req.param('id') as string;
    const posted = await readForm(c, schema);
    if (!posted.ok) return answerCard(c, actor, id, { form, values: posted.values, errors: posted.errors }, 422);
    const data = posted.data;
    const result = await attempt(() =>
      'version' in (data as object)
        ? changeFromVersion(
            c,
            actor,
            { kind: 'user_group', table: userGroups, entity: 'user group', id, version: (data as { version: number }).version },
            (w) => change(w, c, data),
          )
        : inTransaction(c.var.deps, actor, (w) => change(w, c, data)),
    );
    if (!result.ok) return answerCard(c, actor, id, { form, values: posted.values, errors: result.errors as FieldErrors }, result.status);
    return answerCard(c, actor, id);
  };
}

groupSetupPages.post(
  `/user-groups/${ID}/edit`,
  cardChange('edit', groupEditForm, (w, c, { version: _version, ...patch }) => updateUserGroup(w, c.req.param('id') as string, patch)),
);

groupSetupPages.post(
  `/user-groups/${ID}/members`,
  cardChange('members', memberForm, (w, c, { personId }) => addMember(w, c.req.param('id') as string, personId)),
);

groupSetupPages.post(
  `/user-groups/${ID}/route`,
  cardChange('route', routeStepForm, (w, c, input) => addRouteStep(w, c.req.param('id') as string, input)),
);

// Removing names the person in the path; a person who is not there any more is a 404, as in the API.
groupSetupPages.post(`/user-groups/${ID}/members/${PERSON}/remove`, async (c) => {
  const actor = signedInFor(c, 'group:write');
  const { id, personId } = c.req.param();
  await inTransaction(c.var.deps, actor, (w) => removeMember(w, id, personId));
  return answerCard(c, actor, id);
});

groupSetupPages.post(`/user-groups/${ID}/route/${PERSON}/remove`, async (c) => {
  const actor = signedInFor(c, 'group:write');
  const { id, personId } = c.req.param();
  await inTransaction(c.var.deps, actor, (w) => removeRouteStep(w, id, personId));
  return answerCard(c, actor, id);
});

lifecyclePages(groupSetupPages, {
  base: '/user-groups',
  policy: 'group:write',
  archive: archiveUserGroup,
  remove: deleteUserGroup,
  changed: (c, actor, id) => answerCard(c, actor, id),
  removedTo: async (c, actor, id) => `/programs/${(await getUserGroup(c.var.deps.db, actor, id)).programId}/groups`,
});

/** The route with one person moved a step earlier (up) or later (down). */
function moved(route: string[], personId: string, direction: 'up' | 'down'): string[] {
  const at = route.indexOf(personId);
  if (at < 0) throw new NotFoundError('the person is not on the escalation route');
  const to = direction === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= route.length) return route;
  const next = [...route];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

// Reordering replaces the whole route, so it is made from the version the page showed: a step
// someone else added meanwhile is never lost by a move.
groupSetupPages.post(
  `/user-groups/${ID}/route/${PERSON}/move`,
  cardChange('route', routeMoveForm, async (w, c, { direction }) => {
    const id = c.req.param('id') as string;
    const group = await getUserGroup(w.tx, w.actor, id);
    return updateUserGroup(w, id, { escalationRoute: moved(group.escalationRoute, c.req.param('personId') as string, direction) });
  }),
);
