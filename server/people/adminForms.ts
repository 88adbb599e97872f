import type { Context } from 'hono';
import { z } from 'zod';
import { accessRole } from '../../db/schema/enums.ts';
import type { AccessRole } from '../deps.ts';
import type { Scope } from '../access/index.ts';
import { PASSWORD_MAX } from '../sessions/passwords.ts';
import type { FieldErrors } from '../web/index.ts';
import type { PersonInput, TokenInput } from './people.ts';
import type { PersonFormValues } from '../../views/people/model.ts';

/**
 * The administration forms as the API's bodies (server/people/routes.ts, server/sessions/routes.ts):
 * the same limits, with repeated checkboxes (roles, sites) read as lists and the scope chosen by
 * a radio. The domain then refuses what only it can judge (a scope wider than the admin's).
 */

/** A posted form's fields, each as all its values (checkboxes repeat a name); the CSRF field left out. */
export async function postedLists(c: Context): Promise<Record<string, string[]>> {
  const body = await c.req.parseBody({ all: true });
  const lists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    lists[name] = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  }
  return lists;
}

const one = (lists: Record<string, string[]>, name: string) => lists[name]?.at(-1) ?? '';

const uuid = z.uuid();
const name = z.string().trim().min(1, 'write the name').max(200, 'at most 200 characters');
const roles = z.array(z.enum(accessRole.enumValues, 'not a role of twinward')).min(1, 'choose at least one role').max(7);

/** The field errors of a zod failure by form field: an item of a list counts for the list (`roles.2` → `roles`). */
function errorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.filter((p) => typeof p === 'string').join('.') || '_form';
    errors[field] ??= issue.message;
  }
  return errors;
}

const personFields = z
  .object({
    name,
    email: z.string().trim().pipe(z.email('an email address, such as anna.berg@example.com').max(320, 'at most 320 characters')),
    roles,
    scopeKind: z.enum(['installation', 'enterprise', 'sites'], 'choose what they may see'),
    enterpriseId: z.string(),
    siteIds: z.array(z.string()).max(500),
    version: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.scopeKind === 'enterprise' && !uuid.safeParse(v.enterpriseId).success)
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: 'choose the enterprise' });
    if (v.scopeKind === 'sites' && (!v.siteIds.length || v.siteIds.some((id) => !uuid.safeParse(id).success)))
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'choose at least one site' });
  });

export type PersonForm =
  | { ok: true; input: PersonInput & { scope: Scope }; version?: number; values: PersonFormValues }
  | { ok: false; errors: FieldErrors; values: PersonFormValues };

/** A posted person form: the API's person body, or the field errors with the values as typed. */
export async function readPersonForm(c: Context): Promise<PersonForm> {
  const lists = await postedLists(c);
  const values: PersonFormValues = {
    name: one(lists, 'name'),
    email: one(lists, 'email'),
    roles: lists.roles ?? [],
    scopeKind: one(lists, 'scopeKind'),
    enterpriseId: one(lists, 'enterpriseId'),
    siteIds: lists.siteIds ?? [],
    version: lists.version ? one(lists, 'version') : undefined,
  };
  const parsed = personFields.safeParse(values);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error), values };
  const v = parsed.data;
  const scope: Scope =
    v.scopeKind === 'enterprise'
      ? { kind: 'enterprise', enterpriseId: v.enterpriseId }
      : v.scopeKind === 'sites'
        ? { kind: 'sites', siteIds: [...new Set(v.siteIds)] }
        : { kind: 'installation' };
  return {
    ok: true,
    input: { name: v.name, email: v.email, roles: [...new Set(v.roles)] as AccessRole[], scope },
    version: v.version === undefined ? undefined : Number(v.version),
    values,
  };
}

const tokenFields = z.object({
  label: z.string().trim().min(1, 'write a label that says what the token is for').max(200, 'at most 200 characters'),
  role: z.enum(accessRole.enumValues, 'choose one of the person’s roles'),
  // A day, not an instant: the token stops at the end of it (UTC), which is what an admin means.
  expiresOn: z.union([z.literal(''), z.iso.date('a date, such as 2027-06-30')]),
  siteIds: z.array(uuid, 'not a site').max(500),
});

type TokenValues = Record<string, string | string[]>;
export type TokenForm = { ok: true; input: TokenInput; values: TokenValues } | { ok: false; errors: FieldErrors; values: TokenValues };

/** A posted token form: the API's token body, or the field errors with the values as typed. */
export async function readTokenForm(c: Context): Promise<TokenForm> {
  const lists = await postedLists(c);
  const values = { label: one(lists, 'label'), role: one(lists, 'role'), expiresOn: one(lists, 'expiresOn'), siteIds: lists.siteIds ?? [] };
  const parsed = tokenFields.safeParse(values);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error), values };
  const v = parsed.data;
  return {
    ok: true,
    values,
    input: {
      label: v.label,
      role: v.role,
      expiresAt: v.expiresOn ? `${v.expiresOn}T23:59:59.999Z` : null,
      siteIds: v.siteIds.length ? v.siteIds : null,
    },
  };
}

const password = z.string().min(1, 'type it').max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`);

/** The own-password form: the API's body and the new password typed twice alike. */
export const passwordForm = z
  .object({ currentPassword: password, newPassword: password, newPasswordAgain: z.string().max(PASSWORD_MAX) })
  .refine((v) => v.newPassword === v.newPasswordAgain, { path: ['newPasswordAgain'], message: 'differs from the new password' });

/** The one-time-link form: the token of the link and the password typed twice alike. */
export const resetForm = z
  .object({ token: z.string().min(1).max(200), password, passwordAgain: z.string().max(PASSWORD_MAX) })
  .refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'], message: 'differs from the password' });

/**
 * A domain refusal's field names as the forms name them: the scope's parts are its fields
 * (`scope.siteIds.1` → `siteIds`), an item of a list counts for the list, the expiry is a day.
 */
export function formFieldNames(errors: FieldErrors): FieldErrors {
  const renamed: FieldErrors = {};
  for (const [name, message] of Object.entries(errors)) {
    const field = name
      .replace(/^scope\.(enterpriseId|siteIds)/, '$1')
      .replace(/\.\d+$/, '')
      .replace(/^expiresAt$/, 'expiresOn');
    renamed[field] ??= message;
  }
  return renamed;
}

/** True for the database refusing a second row with the same unique key (SQLSTATE 23505), wherever the driver put the code. */
export function isDuplicate(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
