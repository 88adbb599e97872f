/**
 * What the set-up forms (programs, groups, milestones, data sources, use cases, KPIs, the plant
 * and line models) share: text fields coerced to the API's shapes, the refusals of the domain
 * turned into field errors, changes made from the version the form was read at, and the answer
 * of a form (a 303 to the entity's page, or htmx's redirect).
 */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor, AppEnv } from '../deps.ts';
import { DomainError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../core/errors.ts';
import { expectVersion } from '../core/versions.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { checkMayChange, checkSees, type AnchoredKind, type StewardOptions } from '../access/index.ts';
import { machineRoles } from '../deps.ts';
import { listPeople } from '../people/people.ts';
import { isoDate } from '../http/schemas.ts';
import {
  domainFieldErrors,
  formValues,
  isFragment,
  parseForm,
  renderPage,
  type FieldErrors,
  type PageContext,
  type PageOptions,
} from '../web/index.ts';

/** A text field that may be left blank: blank is "not given". */
export const blankIsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A number typed into a form (blank: not given; a decimal comma reads as a point). */
export function typed<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const text = v.trim();
    return text === '' ? undefined : Number(text.replace(',', '.'));
  }, schema);
}

/** "required" for a blank number, "a number" for text that is none. */
export const numberError = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'required' : 'a number') };

/** A whole number between `min` and `max`, as the API's integer fields. */
export const wholeNumber = (min: number, max: number) =>
  z.number(numberError).int('a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);

/** A calendar date as typed (the API's `isoDate`, with words a person understands). */
export const dateText = z
  .string({ error: 'required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2027-03-31')
  .pipe(isoDate);

/** A required calendar date; blank says so. */
export const requiredDate = z.preprocess(blankIsUndefined, dateText);

/** A required text of at most `max` characters (trimmed, as the API's `name`). */
export const requiredText = (max: number) => z.string('required').trim().min(1, 'required').max(max, `at most ${max} characters`);

/** The id chosen in a select; blank is "none chosen". */
export const chosen = (what: string) => z.preprocess(blankIsUndefined, z.uuid({ error: `choose ${what}` }));

/** The version the form was read at: the change is made from it, or refused (409). */
export const versionField = typed(z.number('the form lost its version; reload the page').int().min(0));

/** The values of checkboxes named `<name>.<n>` (one per option), in the order of the options. */
export function checkedValues(values: Record<string, string>, name: string): string[] {
  const pattern = new RegExp(`^${name}\\.(\\d{1,4})$`);
  return Object.entries(values)
    .map(([key, value]) => [Number(pattern.exec(key)?.[1] ?? NaN), value] as const)
    .filter(([index, value]) => Number.isInteger(index) && value !== '')
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value);
}

/** Errors of list items (`siteIds.2`) and nested parts (`scope.lineId`) shown at the field they came from (`siteIds`, `scope`). */
export function foldErrors(errors: FieldErrors, names: string[]): FieldErrors {
  const folded: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const into = names.find((n) => key.startsWith(`${n}.`)) ?? key;
    folded[into] ??= message;
  }
  return folded;
}

/** A posted form: its values as typed (to show again) and, when they pass the schema, the data. */
export async function readForm<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ values: Record<string, string> } & ({ ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors })> {
  const values = await formValues(c);
  const outcome = await parseForm(c, schema);
  return outcome.ok ? { values, ok: true, data: outcome.data } : { values, ok: false, errors: outcome.errors };
}

/** How a refused form is answered: 422 with its field errors, or 409 when someone else changed it first. */
export type Refusal = { status: 409 | 422; errors: FieldErrors };
export type Attempt<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

// The unique keys a form can collide with, by the field that holds the key.
const uniqueFields: [RegExp, string][] = [
  [/position/, 'position'],
  [/name/, 'name'],
  [/code/, 'code'],
];

function uniqueViolation(err: unknown): FieldErrors | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code !== '23505') continue;
    const constraint = String(
      (e as { constraint_name?: string; constraint?: string }).constraint_name ?? (e as { constraint?: string }).constraint,
    );
    const field = uniqueFields.find(([pattern]) => pattern.test(constraint))?.[1] ?? 'code';
    return { _form: `another entry already uses this ${field}`, [field]: 'already used' };
  }
  return undefined;
}

/**
 * Runs a change and turns the domain's refusal of the input into field errors (422), a stale
 * version into 409. What is not the input's fault (out of scope, not theirs, not found without
 * a field) is thrown on, so the page error handler answers 404 or 403 as the API would.
 */
export async function attempt<T>(work: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (err instanceof PreconditionFailedError) return { ok: false, status: 409, errors: { _form: err.message, _stale: 'true' } };
    if ((err instanceof NotFoundError || err instanceof ForbiddenError) && !err.errors?.length) throw err;
    const errors = err instanceof DomainError ? domainFieldErrors(err) : uniqueViolation(err);
    if (!errors) throw err;
    return { ok: false, status: 422, errors };
  }
}

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * A change of an entity made from the version the form showed: it is locked, checked to be in the
 * caller's scope first (a version never discloses what is out of it), then compared, as the API's
 * If-Match does.
 */
export function changeFromVersion<T>(
  c: Context<AppEnv>,
  actor: Actor,
  target: { kind: AnchoredKind; table: VersionedTable; entity: string; id: string; version: number },
  change: (w: Write) => Promise<T>,
): Promise<T> {
  return inTransaction(c.var.deps, actor, async (w) => {
    await checkSees(w.tx, w.actor, target.kind, target.id);
    await expectVersion(w, target.table, target.entity, target.id, [target.version]);
    return change(w);
  });
}

/**
 * Before a form is shown: the caller sees the entity (else 404) and may change it (else 403),
 * by the same check the change will make, so nobody is offered a form the domain would refuse.
 */
export async function checkEditable(c: Context<AppEnv>, actor: Actor, kind: AnchoredKind, id: string, options: StewardOptions = {}) {
  const { db, clock } = c.var.deps;
  // A read: the check only reads the anchor, the program's sponsor and today's stand-ins.
  return checkMayChange({ tx: db, actor, now: clock() }, kind, id, options);
}

/** The answer to a change that was made: back to the entity's page (htmx follows its redirect header). */
export function done(c: Context<AppEnv>, to: string): Response {
  if (isFragment(c)) return c.body(null, 204, { 'hx-redirect': to });
  return c.redirect(to, 303);
}

/** A form page, or for htmx only the part it swaps (the form with its errors). */
export function formAnswer(
  c: Context<AppEnv>,
  ctx: PageContext,
  options: PageOptions,
  page: JSX.Element,
  fragment: JSX.Element = page,
): Response | Promise<Response> {
  if (isFragment(c)) return c.html(fragment, options.status ?? 200);
  return renderPage(c, ctx, options, page);
}

/** Someone a select offers: their name and the roles they hold. */
export interface PersonOption {
  id: string;
  name: string;
  roles: string[];
}

/**
 * The people a form may name (owners, members, route steps): the API takes any active person;
 * machine identities (gateways, integrations) are left out, for they answer no question.
 */
export async function pickablePeople(c: Context<AppEnv>, actor: Actor): Promise<PersonOption[]> {
  const rows = await listPeople(c.var.deps.db, actor);
  return rows
    .filter((p) => p.roles.some((r) => !machineRoles.includes(r)))
    .map((p) => ({ id: p.id, name: p.name, roles: p.roles.filter((r) => !machineRoles.includes(r)) }));
}

/** The caller only, when the domain lets their role name nobody else (an owner proposing their own use case). */
export function onlySelf(people: PersonOption[], actor: Actor): PersonOption[] {
  return people.filter((p) => p.id === actor.personId);
}
