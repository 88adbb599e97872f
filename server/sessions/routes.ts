import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../deps.ts';
import { actorOf } from '../http/authorize.ts';
import { clientAddress } from '../http/client.ts';
import { ProblemError } from '../http/problem.ts';
import { body, idParam, json, problemResponses, route } from '../http/route.ts';
import { rowSchema } from '../http/schemas.ts';
import { validationHook } from '../http/validation.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction } from '../core/write.ts';
import { sessions } from '../../db/schema/index.ts';
import { accessRole } from '../../db/schema/enums.ts';
import { changeOwnPassword, issuePasswordReset, usePasswordReset } from './passwordResets.ts';
import { PASSWORD_MAX } from './passwords.ts';
import { recordSignInFailure } from './signInLimits.ts';
import { UnauthenticatedError } from '../core/errors.ts';
import { listSessions, revokeSession, sessionView, signIn } from './sessions.ts';
import { setSessionCookie } from './sessionCookie.ts';
import { defaultSessionSettings, SESSION_COOKIE } from './settings.ts';

const tags = ['Sign-in and sessions'];
const session = rowSchema(sessions).omit({ secretHash: true, csrfToken: true }).openapi('Session');
const password = z.string().min(1).max(PASSWORD_MAX);
const signInInput = z.object({
  email: z.string().trim().min(1).max(320),
  password,
  role: z.enum(accessRole.enumValues).optional().openapi({ description: 'For a person with several roles: the one to act in' }),
});

export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// Signing in is the one call that needs no credentials: it is how a browser gets them.
sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sessions',
    tags,
    security: [],
    summary: 'Sign in with email and password',
    description:
      'Sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and answers the CSRF token that every change made with the cookie must send as `X-CSRF-Token`. A wrong email or password is one 401 for both; after 5 failures for an account, or 20 from an address, within 15 minutes, 429 with `Retry-After`.',
    request: { body: body(signInInput) },
    responses: {
      201: json(session.extend({ csrfToken: z.string() }), 'Signed in'),
      ...problemResponses([400, 401, 429]),
    },
  }),
  async (c) => {
    const { db, clock } = c.var.deps;
    const settings = c.var.deps.sessions ?? defaultSessionSettings;
    const client = { address: clientAddress(c, settings.trustedProxies), userAgent: c.req.header('user-agent') ?? '' };
    // Not in one transaction: a refused attempt must still be counted.
    const { session: row, secret } = await signIn(db, c.req.valid('json'), client, clock(), settings);
    setSessionCookie(c, secret, settings);
    return c.json({ ...jsonify(sessionView(row)), csrfToken: row.csrfToken }, 201);
  },
);

sessionRoutes.openapi(
  route('self', {
    method: 'delete',
    path: '/sessions/current',
    tags,
    summary: 'Sign out: end the session of this cookie',
    responses: { 204: { description: 'Signed out; the cookie is cleared' } },
  }),
  async (c) => {
    const actor = actorOf(c);
    if (!actor.sessionId)
      throw new ProblemError(
        400,
        'validation',
        'this request came with a token, not a session cookie; revoke tokens with POST /tokens/{id}/revoke',
      );
    await inTransaction(c.var.deps, actor, (w) => revokeSession(w, actor.sessionId!));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
);

sessionRoutes.openapi(
  route('self', {
    method: 'get',
    path: '/people/{id}/sessions',
    tags,
    summary: "A person's live sessions (or all with ?all=true), for them and admins",
    request: { params: idParam, query: z.object({ all: z.enum(['true', 'false']).optional() }) },
    responses: { 200: json(z.object({ items: z.array(session) }), 'Sessions, newest first') },
  }),
  async (c) => {
    const rows = await listSessions(
      c.var.deps.db,
      actorOf(c),
      c.req.valid('param').id,
      c.var.deps.clock(),
      c.req.valid('query').all === 'true',
    );
    return c.json({ items: jsonify(rows) }, 200);
  },
);

sessionRoutes.openapi(
  route('self', {
    method: 'post',
    path: '/sessions/{id}/revoke',
    tags,
    summary: 'End a session (your own, or anyone’s as an admin)',
    request: { params: idParam },
    responses: { 200: json(session, 'The ended session') },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => revokeSession(w, c.req.valid('param').id))), 200),
);

sessionRoutes.openapi(
  route('people:write', {
    method: 'post',
    path: '/people/{id}/password-reset',
    tags,
    summary: 'Issue a one-time link for a person to set their password',
    description: 'Valid for 24 hours and once; a new link replaces an unused one. Hand the link to the person (no mail is sent).',
    request: { params: idParam },
    responses: {
      201: json(
        z.object({
          id: z.string(),
          personId: z.string(),
          name: z.string(),
          token: z.string(),
          path: z.string(),
          createdAt: z.string(),
          expiresAt: z.string(),
        }),
        'The link, shown only in this answer',
      ),
    },
  }),
  async (c) => c.json(jsonify(await inTransaction(c.var.deps, actorOf(c), (w) => issuePasswordReset(w, c.req.valid('param').id))), 201),
);

sessionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/password-resets/use',
    tags,
    security: [],
    summary: 'Set a password with a one-time link',
    description: 'At least 12 characters, not the email address. Ends every session of the person.',
    request: { body: body(z.object({ token: z.string().min(1).max(200), password })) },
    responses: { 200: json(z.object({ personId: z.string(), email: z.string() }), 'The password is set'), ...problemResponses([400, 401]) },
  }),
  async (c) => {
    const { db, clock } = c.var.deps;
    const done = await db.transaction((tx) => usePasswordReset(tx as never, clock(), c.req.valid('json')));
    return c.json(done, 200);
  },
);

sessionRoutes.openapi(
  route('password:change', {
    method: 'post',
    path: '/me/password',
    tags,
    summary: 'Change your own password',
    description: 'Needs the current password when there is one. Ends every session of yours: sign in again.',
    request: { body: body(z.object({ currentPassword: password.optional(), newPassword: password })) },
    responses: { 204: { description: 'Changed' } },
  }),
  async (c) => {
    const settings = c.var.deps.sessions ?? defaultSessionSettings;
    const address = clientAddress(c, settings.trustedProxies);
    try {
      await inTransaction(c.var.deps, actorOf(c), (w) => changeOwnPassword(w, c.req.valid('json'), address));
    } catch (err) {
      const keys = err instanceof UnauthenticatedError ? (err.details.countFailure as { key: string }[] | undefined) : undefined;
      if (!keys) throw err;
      await recordSignInFailure(c.var.deps.db, keys, c.var.deps.clock());
      throw new UnauthenticatedError((err as Error).message, (err as UnauthenticatedError).errors);
    }
    return c.body(null, 204);
  },
);
