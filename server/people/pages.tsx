import { Hono, type Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { people } from '../../db/schema/index.ts';
import { expectVersion } from '../core/versions.ts';
import { inTransaction } from '../core/write.ts';
import { RuleViolationError } from '../core/errors.ts';
import {
  csvHref,
  csvResponse,
  formValues,
  hxTarget,
  isFragment,
  pageContext,
  renderPage,
  signedInFor,
  wantsCsv,
  type PageContext,
} from '../web/index.ts';
import { PersonRow, PeopleList, archivedFilters, type ArchivedFilter } from '../../views/people/list.tsx';
import { NewPersonPage } from '../../views/people/new.tsx';
import { PersonStatusSection, STATUS_ID } from '../../views/people/detail.tsx';
import { personFormValues, scopeWords, type PersonFormState } from '../../views/people/model.ts';
import { readPersonForm } from './adminForms.ts';
import { adminView, doneNotice, formRefusal, managedPerson, personCsv, personPage, personPageData } from './adminPage.tsx';
import { pathId } from '../web/params.ts';
import { managedPeople, placesFor } from './adminReads.ts';
import { checkManages } from './management.ts';
import { archivePerson, createPerson, updatePerson } from './people.ts';
import { credentialPages } from './credentialPages.tsx';
import { mePages } from './mePages.tsx';

/**
 * The administration of people: who may sign in, in which roles, seeing what (`/admin/people`),
 * one person with their password link, tokens and sessions (`/admin/people/{id}`), and every
 * person's own page (`/me`). The same domain functions and policies as the API's people routes;
 * an admin manages only the people who see nothing they do not (the domain's rule).
 */
export const peoplePages = new Hono<AppEnv>();

peoplePages.get('/admin/people', async (c) => {
  const actor = signedInFor(c, 'people:write');
  const ctx = pageContext(c, actor);
  const asked = c.req.query('archived');
  const archived: ArchivedFilter = archivedFilters.find((f) => f === asked) ?? 'exclude';
  const { db } = c.var.deps;
  const [rows, places] = await Promise.all([managedPeople(db, actor, archived), placesFor(db, actor)]);
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `people-${ctx.now.toISOString().slice(0, 10)}`,
      columns: ['id', 'name', 'email', 'roles', 'scope', 'has_password', 'archived_at'],
      rows: rows.map((p) => [p.id, p.name, p.email, p.roles.join(' '), scopeWords(ctx.t, p.scope, places), p.hasPassword, p.archivedAt]),
    });
  return renderPage(
    c,
    ctx,
    { title: ctx.t('admin.people.title') },
    <PeopleList ctx={adminView(ctx)} people={rows} places={places} archived={archived} csvHref={csvHref(c)} notice={doneNotice(c, ctx)} />,
  );
});

async function newPersonPage(c: Context<AppEnv>, ctx: PageContext, form: PersonFormState, status?: 422 | 409) {
  const places = await placesFor(c.var.deps.db, ctx.actor);
  return renderPage(
    c,
    ctx,
    { title: ctx.t('admin.person.newTitle'), current: '/admin/people', status },
    <NewPersonPage ctx={adminView(ctx)} places={places} form={form} grantsInstallation={ctx.actor.siteIds === null} />,
  );
}

peoplePages.get('/admin/people/new', (c) => {
  const actor = signedInFor(c, 'people:write');
  // The domain's default scope is the admin's own: the form starts from it.
  const { scope } = actor;
  const values = {
    ...personFormValues(),
    scopeKind: scope.kind,
    enterpriseId: scope.kind === 'enterprise' ? scope.enterpriseId : '',
    siteIds: scope.kind === 'sites' ? [...scope.siteIds] : [],
  };
  return newPersonPage(c, pageContext(c, actor), { values, errors: {} });
});

peoplePages.post('/admin/people', async (c) => {
  const actor = signedInFor(c, 'people:write');
  const ctx = pageContext(c, actor);
  const form = await readPersonForm(c);
  if (!form.ok) return newPersonPage(c, ctx, form, 422);
  try {
    const created = await inTransaction(c.var.deps, actor, (w) => createPerson(w, form.input));
    return c.redirect(`/admin/people/${created.id}?done=created`, 303);
  } catch (err) {
    const refused = formRefusal(err);
    if (!refused || refused.status === 429) throw err;
    return newPersonPage(c, ctx, { values: form.values, errors: refused.errors }, refused.status);
  }
});

peoplePages.get('/admin/people/:id', async (c) => {
  const actor = signedInFor(c, 'people:write');
  const ctx = pageContext(c, actor);
  const data = await personPageData(c, ctx, pathId(c, 'person'));
  if (wantsCsv(c)) return personCsv(c, data, c.req.query('table'));
  return personPage(c, ctx, data, { notice: doneNotice(c, ctx) });
});

peoplePages.post('/admin/people/:id', async (c) => {
  const actor = signedInFor(c, 'people:write');
  const ctx = pageContext(c, actor);
  const id = pathId(c, 'person');
  const form = await readPersonForm(c);
  const refusedPage = async (errors: PersonFormState['errors'], status: 409 | 422) =>
    personPage(c, ctx, await personPageData(c, ctx, id), { form: { values: form.values, errors } }, status);
  if (!form.ok) return refusedPage(form.errors, 422);
  try {
    await inTransaction(c.var.deps, actor, async (w) => {
      // The version the form was read at, as the API's If-Match: a change made meanwhile is not overwritten.
      await checkManages(w, id);
      await expectVersion(w, people, 'person', id, form.version === undefined ? undefined : [form.version]);
      return updatePerson(w, id, form.input);
    });
  } catch (err) {
    const refused = formRefusal(err);
    if (!refused || refused.status === 429) throw err;
    return refusedPage(refused.errors, refused.status);
  }
  return c.redirect(`/admin/people/${id}?done=saved`, 303);
});

for (const archived of [true, false]) {
  peoplePages.post(`/admin/people/:id/${archived ? 'archive' : 'restore'}`, async (c) => {
    const actor = signedInFor(c, 'people:write');
    const ctx = pageContext(c, actor);
    const id = pathId(c, 'person');
    const { from } = await formValues(c);
    try {
      await inTransaction(c.var.deps, actor, (w) => archivePerson(w, id, archived));
    } catch (err) {
      // Still responsible for something: said where they asked (htmx: the page's status region).
      if (!(err instanceof RuleViolationError) || isFragment(c)) throw err;
      return personPage(c, ctx, await personPageData(c, ctx, id), { refusal: err.message }, 409);
    }
    const done = archived ? 'archived' : 'restored';
    if (!isFragment(c)) return c.redirect(from === 'list' ? `/admin/people?done=${done}` : `/admin/people/${id}?done=${done}`, 303);
    const person = await managedPerson(c, actor, id);
    if (hxTarget(c) === STATUS_ID) return c.html(<PersonStatusSection ctx={adminView(ctx)} person={person} />);
    return c.html(<PersonRow ctx={adminView(ctx)} person={person} places={await placesFor(c.var.deps.db, actor)} />);
  });
}

peoplePages.route('/', credentialPages);
peoplePages.route('/', mePages);
