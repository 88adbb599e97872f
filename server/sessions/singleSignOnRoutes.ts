import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { clientAddress, isHttps } from '../http/client.ts';
import { ProblemError } from '../http/problem.ts';
import { json, problemResponses } from '../http/route.ts';
import { validationHook } from '../http/validation.ts';
import { accessRole } from '../../db/schema/enums.ts';
import { machineRoles } from '../deps.ts';
import { setSessionCookie } from './sessionCookie.ts';
import { defaultSessionSettings } from './settings.ts';
import {
  finishSingleSignOn,
  OIDC_BINDING_COOKIE,
  OIDC_LOGIN_MINUTES,
  OIDC_START_PATH,
  startSingleSignOn,
  type SingleSignOn,
} from './singleSignOn.ts';

const tags = ['Sign-in and sessions'];
const humanRole = z.enum(accessRole.enumValues.filter((r) => !machineRoles.includes(r)) as [string, ...string[]]);
// The binding cookie is sent only to the two sign-on URLs.
const bindingCookie = { path: '/api/v1/sessions/oidc' };

function configured(c: Context<AppEnv>): SingleSignOn {
  const sso = c.var.deps.singleSignOn;
  if (!sso) throw new ProblemError(404, 'not-found', 'single sign-on is not configured on this installation; sign in with a password');
  return sso;
}

export const singleSignOnRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

singleSignOnRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/methods',
    tags,
    security: [],
    summary: 'The ways to sign in here: password, and single sign-on when configured',
    responses: {
      200: json(
        z.object({
          password: z.boolean(),
          singleSignOn: z.object({ label: z.string(), startPath: z.string() }).nullable(),
        }),
        'The sign-in methods',
      ),
    },
  }),
  (c) => {
    const sso = c.var.deps.singleSignOn;
    return c.json({ password: true, singleSignOn: sso ? { label: sso.settings.label, startPath: OIDC_START_PATH } : null }, 200);
  },
);

singleSignOnRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/oidc/start',
    tags,
    security: [],
    summary: 'Sign in through the identity provider (OpenID Connect)',
    description: `Open this URL in the browser: it is sent to the identity provider and comes back to \`/api/v1/sessions/oidc/callback\` within ${OIDC_LOGIN_MINUTES} minutes. People are matched by the email address the provider vouches for; their roles are the ones given in twinward.`,
    request: {
      query: z.object({
        role: humanRole.optional().openapi({ description: 'For a person with several roles: the one to act in' }),
        returnTo: z.string().max(2000).optional().openapi({ description: 'A path of this site to open after signing in; `/` by default' }),
      }),
    },
    responses: { 302: { description: 'Off to the identity provider' }, ...problemResponses([400, 404, 503]) },
  }),
  async (c) => {
    const sso = configured(c);
    const settings = c.var.deps.sessions ?? defaultSessionSettings;
    const query = c.req.valid('query');
    const started = await startSingleSignOn(
      c.var.deps.db,
      sso,
      { role: query.role as never, returnTo: query.returnTo },
      c.var.deps.clock(),
    );
    setCookie(c, OIDC_BINDING_COOKIE, started.binding, {
      ...bindingCookie,
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c, settings.trustedProxies),
      maxAge: OIDC_LOGIN_MINUTES * 60,
    });
    return c.redirect(started.url.href, 302);
  },
);

singleSignOnRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/oidc/callback',
    tags,
    security: [],
    summary: 'Where the identity provider sends the browser back',
    description:
      'Register `PUBLIC_URL` + this path as the redirect URI at the provider. Sets the session cookie and sends the browser on (303) to the path it asked for.',
    request: {
      query: z
        .object({
          state: z.string().max(1000).optional(),
          code: z.string().max(4000).optional(),
          error: z.string().max(1000).optional(),
        })
        .passthrough(),
    },
    responses: { 303: { description: 'Signed in: on to the page asked for' }, ...problemResponses([400, 401, 404, 503]) },
  }),
  async (c) => {
    const sso = configured(c);
    const settings = c.var.deps.sessions ?? defaultSessionSettings;
    const client = { address: clientAddress(c, settings.trustedProxies), userAgent: c.req.header('user-agent') ?? '' };
    const binding = getCookie(c, OIDC_BINDING_COOKIE);
    const { secret, returnTo } = await finishSingleSignOn(
      c.var.deps.db,
      sso,
      { search: new URL(c.req.url).search, binding },
      client,
      c.var.deps.clock(),
      settings,
    );
    // The sign-in in progress is over (a failed one is used up too, and its cookie expires).
    deleteCookie(c, OIDC_BINDING_COOKIE, bindingCookie);
    setSessionCookie(c, secret, settings);
    return c.redirect(returnTo, 303);
  },
);
