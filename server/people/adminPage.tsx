import type { Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import {
  DomainError,
  ForbiddenError,
  InvalidInputError,
  PreconditionFailedError,
  RuleViolationError,
  TooManyAttemptsError,
} from '../core/errors.ts';
import { listSessions } from '../sessions/sessions.ts';
import { csvResponse, domainFieldErrors, renderPage, type FieldErrors, type PageContext } from '../web/index.ts';
import { PersonPage, type PersonPageProps } from '../../views/people/detail.tsx';
import { personFormValues, type AdminViewContext, type PersonModel } from '../../views/people/model.ts';
import { formFieldNames, isDuplicate } from './adminForms.ts';
import { placesFor, tokenPlaces } from './adminReads.ts';
import { manages } from './management.ts';
import { getPerson, listTokens } from './people.ts';

/** The administration views' context of a page. */
export function adminView(ctx: PageContext): AdminViewContext {
  return { t: ctx.t, now: ctx.now, csrfToken: ctx.actor.csrfToken ?? '' };
}

/** The person as an admin who manages them reads them; 403 for one who sees more than the admin does (the domain's rule). */
export async function managedPerson(c: Context<AppEnv>, actor: Actor, id: string): Promise<PersonModel> {
  const { db } = c.var.deps;
  const person = await getPerson(db, actor, id);
  if (!(await manages(db, actor, id)))
    throw new ForbiddenError(`${person.name} sees more of the plant than you do; an admin of the whole of it manages them`);
  return person;
}

/** What the person's page shows besides its forms: the places, their tokens and their live sessions, read at once. */
export async function personPageData(c: Context<AppEnv>, ctx: PageContext, id: string) {
  const { db } = c.var.deps;
  const [person, places, tokens, sessions] = await Promise.all([
    managedPerson(c, ctx.actor, id),
    placesFor(db, ctx.actor),
    listTokens(db, ctx.actor, id),
    listSessions(db, ctx.actor, id, ctx.now),
  ]);
  return { person, places, tokens, sessions, tokenPlaces: tokenPlaces(person.scope, places) };
}

export type PersonPageData = Awaited<ReturnType<typeof personPageData>>;
type Extras = Partial<Omit<PersonPageProps, 'ctx' | 'person' | 'places' | 'tokens' | 'sessions' | 'tokenPlaces' | 'grantsInstallation'>>;

/** The person's whole page, with what a change brought (a refused form, a secret shown once). */
export function personPage(
  c: Context<AppEnv>,
  ctx: PageContext,
  data: PersonPageData,
  extras: Extras = {},
  status?: 200 | 201 | 409 | 422,
) {
  const form = extras.form ?? { values: personFormValues(data.person), errors: {} };
  return renderPage(
    c,
    ctx,
    { title: data.person.name, current: '/admin/people', status },
    <PersonPage ctx={adminView(ctx)} {...data} {...extras} form={form} grantsInstallation={ctx.actor.siteIds === null} />,
  );
}

/** The CSV of one of the person page's tables (`?table=tokens|sessions`). */
export function personCsv(c: Context<AppEnv>, data: PersonPageData, table: string | undefined) {
  const slug = data.person.id;
  if (table === 'sessions')
    return csvResponse(c, {
      name: `sessions-${slug}`,
      columns: ['id', 'role', 'method', 'opened_at', 'last_seen_at', 'expires_at', 'address', 'user_agent'],
      rows: data.sessions.map((s) => [s.id, s.role, s.method, s.createdAt, s.lastSeenAt, s.expiresAt, s.address, s.userAgent]),
    });
  return csvResponse(c, {
    name: `tokens-${slug}`,
    columns: ['id', 'label', 'role', 'site_ids', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'],
    rows: data.tokens.map((k) => [k.id, k.label, k.role, k.siteIds?.join(' ') ?? '', k.createdAt, k.lastUsedAt, k.expiresAt, k.revokedAt]),
  });
}

/**
 * A refusal a form can show (422 beside the fields, 409 for a rule or a change made meanwhile,
 * 429 for too many attempts); undefined for one that is no fault of the input (not allowed, gone).
 */
export function formRefusal(err: unknown): { status: 409 | 422 | 429; errors: FieldErrors } | undefined {
  if (isDuplicate(err)) return { status: 422, errors: { email: 'someone has this address already', _form: 'the email address is taken' } };
  if (!(err instanceof DomainError)) return undefined;
  const errors = formFieldNames(domainFieldErrors(err) ?? {});
  if (err instanceof TooManyAttemptsError) return { status: 429, errors };
  // A refusal that names a field (a scope wider than the admin's, an unknown site, a role not held) is the input's fault.
  if (err instanceof InvalidInputError || err.errors?.length) return { status: 422, errors };
  if (err instanceof RuleViolationError || err instanceof PreconditionFailedError) return { status: 409, errors };
  return undefined;
}

/** A rendered page with a status `renderPage` does not name (429). */
export async function withStatus(response: Response | Promise<Response>, status: number): Promise<Response> {
  const res = await response;
  return new Response(res.body, { status, headers: res.headers });
}

const doneNotices = {
  created: 'admin.done.created',
  saved: 'admin.done.saved',
  archived: 'admin.done.archived',
  restored: 'admin.done.restored',
  tokenRevoked: 'admin.done.tokenRevoked',
  sessionRevoked: 'admin.done.sessionRevoked',
} as const;

/** The notice of the change a plain form just made (`?done=saved`), said once on the page it returned to. */
export function doneNotice(c: Context, ctx: PageContext): string | undefined {
  const done = c.req.query('done');
  return done && Object.hasOwn(doneNotices, done) ? ctx.t(doneNotices[done as keyof typeof doneNotices]) : undefined;
}
