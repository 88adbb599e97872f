import { Hono, type Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { dataSources } from '../../db/schema/index.ts';
import { allows } from '../auth/policies.ts';
import { checkSees } from '../access/index.ts';
import { inTransaction } from '../core/write.ts';
import {
  archiveDataSource,
  createDataSource,
  dataMap,
  deleteDataSource,
  getDataSource,
  linkDataSource,
  unlinkDataSource,
  updateDataSource,
} from '../dataSources/dataSources.ts';
import { listPeople } from '../people/people.ts';
import { listUseCases } from '../useCases/useCases.ts';
import { csvHref, csvResponse, isFragment, pageContext, renderPage, signedInFor, wantsCsv, type FieldErrors } from '../web/index.ts';
import {
  SourceForm,
  SourceLinks,
  SourceList,
  SourcePage,
  type LinksProps,
  type SourceFormProps,
  type SourceRow,
} from '../../views/setup/dataSources.tsx';
import { setupText } from '../../views/setup/text.ts';
import {
  attempt,
  changeFromVersion,
  checkEditable,
  done,
  foldErrors,
  formAnswer,
  onlySelf,
  pickablePeople,
  readForm,
} from './setupSupport.ts';
import { dataSourceForm, linkForm } from './setupForms.ts';
import { scopeChoices, scopeValue } from './setupScopes.ts';
import { listUserGroups } from './userGroups.ts';
import { idPattern } from '../web/params.ts';
import { lifecyclePages } from './setupLifecycle.ts';

/** A program's data sources: the list with freshness, registering and changing one, and the use cases relying on it. */
export const dataSourceSetupPages = new Hono<AppEnv>();

const ID = idPattern();

dataSourceSetupPages.get(`/programs/${ID}/data-sources`, async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const programId = c.req.param('id');
  const { db } = c.var.deps;
  const [map, scopes, people] = await Promise.all([
    dataMap(db, actor, programId, ctx.now),
    scopeChoices(c, actor, programId),
    listPeople(db, actor),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const rows: SourceRow[] = map.sources.map((src) => ({
    id: src.id,
    name: src.name,
    code: src.code,
    kind: src.kind,
    scope: scopes.label(src.scope),
    owner: names.get(src.ownerId) ?? '–',
    expectedRefreshSeconds: src.expectedRefreshSeconds,
    maxLatencySeconds: src.maxLatencySeconds,
    freshness: src.freshness,
    dependents: src.dependents.length,
    archived: src.archivedAt !== null,
  }));
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `data-sources-${ctx.now.toISOString().slice(0, 10)}`,
      columns: [
        'id',
        'name',
        'code',
        'kind',
        'scope',
        'owner',
        'expectedRefreshSeconds',
        'maxLatencySeconds',
        'freshness',
        'ageSeconds',
        'dependents',
      ],
      rows: rows.map((r) => [
        r.id,
        r.name,
        r.code,
        r.kind,
        r.scope,
        r.owner,
        r.expectedRefreshSeconds,
        r.maxLatencySeconds,
        r.freshness.status,
        r.freshness.ageSeconds === null ? null : Math.round(r.freshness.ageSeconds),
        r.dependents,
      ]),
    });
  return renderPage(
    c,
    ctx,
    { title: setupText(ctx.t)('setup.source.title') },
    <SourceList
      t={ctx.t}
      role={actor.role}
      programId={programId}
      rows={rows}
      csvHref={csvHref(c)}
      canAdd={allows('data-source:write', actor.role)}
    />,
  );
});

type Source = Awaited<ReturnType<typeof getDataSource>>;
type LinkProblem = { values: Record<string, string>; errors: FieldErrors };

/** The form page of a source (new or existing), with the links to use cases for an existing one. */
async function sourcePage(
  c: Context<AppEnv>,
  actor: Actor,
  programId: string,
  values: Record<string, string>,
  extra: { errors?: FieldErrors; status?: 409 | 422; source?: Source; linkProblem?: LinkProblem } = {},
) {
  const ctx = pageContext(c, actor);
  const s = setupText(ctx.t);
  const { db } = c.var.deps;
  const [scopes, people, groups, links] = await Promise.all([
    scopeChoices(c, actor, programId),
    pickablePeople(c, actor),
    listUserGroups(db, actor, programId),
    extra.source ? linksOf(c, actor, extra.source, extra.linkProblem) : undefined,
  ]);
  const props: SourceFormProps = {
    t: ctx.t,
    role: actor.role,
    csrfToken: actor.csrfToken,
    programId,
    values,
    errors: extra.errors && foldErrors(extra.errors, ['scope']),
    scopes: scopes.groups,
    // An owner registers only sources they own themselves (the domain's rule); others name anyone.
    people: !extra.source && actor.role === 'owner' ? onlySelf(people, actor) : people,
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
    source: extra.source && {
      id: extra.source.id,
      version: extra.source.version,
      name: extra.source.name,
      archivedAt: extra.source.archivedAt?.toISOString() ?? null,
    },
  };
  const title = extra.source ? s('setup.source.editTitle', { name: extra.source.name }) : s('setup.source.newTitle');
  return formAnswer(c, ctx, { title, status: extra.status }, <SourcePage {...props} links={links} />, <SourceForm {...props} />);
}

dataSourceSetupPages.get(`/programs/${ID}/data-sources/new`, async (c) => {
  const actor = signedInFor(c, 'data-source:write');
  const programId = c.req.param('id');
  await checkSees(c.var.deps.db, actor, 'program', programId);
  return sourcePage(c, actor, programId, actor.role === 'owner' ? { ownerId: actor.personId } : {});
});

dataSourceSetupPages.post(`/programs/${ID}/data-sources`, async (c) => {
  const actor = signedInFor(c, 'data-source:write');
  const programId = c.req.param('id');
  const form = await readForm(c, dataSourceForm);
  if (!form.ok) return sourcePage(c, actor, programId, form.values, { errors: form.errors, status: 422 });
  const { version: _version, ...input } = form.data;
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => createDataSource(w, programId, input)));
  if (!result.ok) return sourcePage(c, actor, programId, form.values, { errors: result.errors, status: 422 });
  return done(c, `/programs/${programId}/data-sources`);
});

function sourceValues(src: Source): Record<string, string> {
  return {
    version: String(src.version),
    name: src.name,
    code: src.code ?? '',
    kind: src.kind,
    scope: scopeValue(src.scope),
    ownerId: src.ownerId,
    escalationGroupId: src.escalationGroupId ?? '',
    expectedRefreshSeconds: String(src.expectedRefreshSeconds),
    maxLatencySeconds: String(src.maxLatencySeconds),
  };
}

dataSourceSetupPages.get(`/data-sources/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'data-source:write');
  const id = c.req.param('id');
  await checkEditable(c, actor, 'data_source', id);
  const source = await getDataSource(c.var.deps.db, actor, id, c.var.deps.clock());
  return sourcePage(c, actor, source.programId, sourceValues(source), { source });
});

dataSourceSetupPages.post(`/data-sources/${ID}/edit`, async (c) => {
  const actor = signedInFor(c, 'data-source:write');
  const id = c.req.param('id');
  const form = await readForm(c, dataSourceForm);
  const refused = async (values: Record<string, string>, errors: FieldErrors, status: 409 | 422) => {
    const source = await getDataSource(c.var.deps.db, actor, id, c.var.deps.clock());
    const shown = status === 409 ? { ...values, version: String(source.version) } : values;
    return sourcePage(c, actor, source.programId, shown, { errors, status, source });
  };
  if (!form.ok) return refused(form.values, form.errors, 422);
  const { version, ...patch } = form.data;
  if (version === undefined) return refused(form.values, { _form: 'the form lost its version; reload the page' }, 422);
  const result = await attempt(() =>
    changeFromVersion(c, actor, { kind: 'data_source', table: dataSources, entity: 'data source', id, version }, (w) =>
      updateDataSource(w, id, patch),
    ),
  );
  if (!result.ok) return refused(form.values, result.errors, result.status);
  return done(c, `/programs/${result.value.programId}/data-sources`);
});

/** The use cases relying on a source, and those it may be linked to (the program's, in scope). */
async function linksOf(c: Context<AppEnv>, actor: Actor, source: Source, problem?: LinkProblem) {
  const { db } = c.var.deps;
  const [map, useCases] = await Promise.all([
    dataMap(db, actor, source.programId, c.var.deps.clock()),
    listUseCases(db, actor, source.programId),
  ]);
  const props: LinksProps = {
    t: pageContext(c, actor).t,
    csrfToken: actor.csrfToken,
    sourceId: source.id,
    dependents: map.sources.find((s) => s.id === source.id)?.dependents ?? [],
    useCases: useCases.filter((u) => u.status !== 'retired').map((u) => ({ value: u.id, label: u.title })),
    canLink: allows('use-case:write', actor.role),
    ...problem,
  };
  return props;
}

/** The answer of a link or unlink: the links section for htmx, else back to the source's page. */
async function answerLinks(c: Context<AppEnv>, actor: Actor, id: string, problem?: LinkProblem) {
  const source = await getDataSource(c.var.deps.db, actor, id, c.var.deps.clock());
  if (!isFragment(c) && !problem) return c.redirect(`/data-sources/${id}/edit#source-links`, 303);
  if (isFragment(c)) return c.html(<SourceLinks {...await linksOf(c, actor, source, problem)} />, problem ? 422 : 200);
  return sourcePage(c, actor, source.programId, sourceValues(source), { source, status: 422, linkProblem: problem });
}

dataSourceSetupPages.post(`/data-sources/${ID}/links`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const id = c.req.param('id');
  const form = await readForm(c, linkForm);
  if (!form.ok) return answerLinks(c, actor, id, { values: form.values, errors: form.errors });
  const { useCaseId, required } = form.data;
  const result = await attempt(() => inTransaction(c.var.deps, actor, (w) => linkDataSource(w, useCaseId, { dataSourceId: id, required })));
  if (!result.ok) return answerLinks(c, actor, id, { values: form.values, errors: result.errors });
  return answerLinks(c, actor, id);
});

dataSourceSetupPages.post(`/data-sources/${ID}/links/${idPattern('useCaseId')}/remove`, async (c) => {
  const actor = signedInFor(c, 'use-case:write');
  const { id, useCaseId } = c.req.param();
  await inTransaction(c.var.deps, actor, (w) => unlinkDataSource(w, useCaseId, id));
  return answerLinks(c, actor, id);
});

lifecyclePages(dataSourceSetupPages, {
  base: '/data-sources',
  policy: 'data-source:write',
  archive: archiveDataSource,
  remove: deleteDataSource,
  removedTo: async (c, actor, id) =>
    `/programs/${(await getDataSource(c.var.deps.db, actor, id, c.var.deps.clock())).programId}/data-sources`,
});
