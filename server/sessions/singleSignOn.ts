import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type * as Oidc from 'openid-client';
import type { Db } from '../../db/client.ts';
import { oidcLogins, people } from '../../db/schema/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { UnauthenticatedError, UnavailableError, invalidInput } from '../core/errors.ts';
import type { AccessRole } from '../deps.ts';
import { openSession, type Client } from './sessions.ts';
import type { SessionSettings } from './settings.ts';

/** Where the identity provider sends the browser back, below PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/api/v1/sessions/oidc/callback';
export const OIDC_START_PATH = '/api/v1/sessions/oidc/start';
/** The cookie that ties a sign-in in progress to the browser that started it. */
export const OIDC_BINDING_COOKIE = 'tw_oidc';
/** A sign-in must come back from the identity provider within this time. */
export const OIDC_LOGIN_MINUTES = 10;

export interface SingleSignOnSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered with the identity provider (PUBLIC_URL + OIDC_CALLBACK_PATH). */
  redirectUri: URL;
  /** Text of the sign-in button. */
  label: string;
  scopes: string;
  /** Seconds to wait for the identity provider. */
  timeoutSeconds?: number;
}

/** A configured identity provider; its metadata is discovered once, on first use. */
export interface SingleSignOn {
  settings: SingleSignOnSettings;
  configuration(): Promise<Oidc.Configuration>;
}

// openid-client is loaded on the first sign-on, not at start-up: an installation without single
// sign-on does not carry it in memory (about 8 MiB).
let client: Promise<typeof Oidc> | undefined;
const openidClient = () => (client ??= import('openid-client'));

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL may be plain http: only on this machine (a provider run for a test or on a laptop). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

export function createSingleSignOn(settings: SingleSignOnSettings): SingleSignOn {
  let discovered: Promise<Oidc.Configuration> | undefined;
  const insecure = settings.issuer.protocol === 'http:' && isLoopback(settings.issuer);
  return {
    settings,
    configuration() {
      discovered ??= openidClient()
        .then((oidc) =>
          oidc.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
            execute: insecure ? [oidc.allowInsecureRequests] : [],
            timeout: settings.timeoutSeconds ?? 10,
          }),
        )
        .catch(async (err: unknown) => {
          // Not cached: the provider may be back on the next attempt.
          discovered = undefined;
          throw providerFailure(await openidClient(), err);
        });
      return discovered;
    },
  };
}

/**
 * Where a browser may be sent after signing in: a path of this site only. `//host` and `/\host`
 * are other sites to a browser, so they are refused like any absolute URL.
 */
export function isLocalPath(value: string): boolean {
  const controlOrBackslash = [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\\');
  return value.startsWith('/') && !value.startsWith('//') && !controlOrBackslash;
}

/**
 * Starts a sign-in: remembers what the return needs (hashed state, browser binding, PKCE verifier,
 * nonce, the role asked for) and answers the identity provider's URL and the binding cookie's value.
 */
export async function startSingleSignOn(
  db: Db,
  sso: SingleSignOn,
  input: { role?: AccessRole; returnTo?: string },
  now: Date,
): Promise<{ url: URL; binding: string }> {
  const returnTo = input.returnTo ?? '/';
  if (!isLocalPath(returnTo)) throw invalidInput('query.returnTo', 'must be a path of this site, starting with a single /');
  const config = await sso.configuration();
  const oidc = await openidClient();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const binding = randomBytes(32).toString('base64url');
  // Sign-ins never finished are forgotten once they have expired.
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
  await db.insert(oidcLogins).values({
    stateHash: hashToken(state),
    bindingHash: hashToken(binding),
    codeVerifier,
    nonce,
    role: input.role ?? null,
    returnTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: sso.settings.redirectUri.href,
    scope: sso.settings.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, binding };
}

/**
 * Finishes a sign-in when the identity provider sends the browser back: the pending sign-in must
 * exist, be unused, unexpired and started by this browser; the code is redeemed (PKCE, state and
 * nonce checked by openid-client), and the person is found by the email the provider vouches for.
 * Roles come from twinward, never from the provider.
 */
export async function finishSingleSignOn(
  db: Db,
  sso: SingleSignOn,
  callback: { search: string; binding: string | undefined },
  client: Client,
  now: Date,
  settings: SessionSettings,
) {
  const params = new URLSearchParams(callback.search);
  const state = params.get('state');
  if (!state) throw new UnauthenticatedError('the identity provider sent the browser back without a state; start the sign-in again');
  const login = await claimLogin(db, state, callback.binding, now);
  const config = await sso.configuration();
  const oidc = await openidClient();
  const currentUrl = new URL(sso.settings.redirectUri.href);
  currentUrl.search = callback.search;
  let claims: Oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    throw providerFailure(oidc, err);
  }
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email) {
    throw new UnauthenticatedError(
      'the identity provider did not tell twinward your email address (the `email` scope and claim are needed)',
    );
  }
  // A provider that says the address is unverified cannot vouch for it; one that does not say is believed.
  if (claims?.email_verified === false) {
    throw new UnauthenticatedError(`the identity provider has not verified the email address ${email}`);
  }
  const [person] = await db
    .select()
    .from(people)
    .where(sql`lower(${people.email}) = ${email}`)
    .limit(1);
  if (!person || person.archivedAt) {
    throw new UnauthenticatedError(`nobody in twinward signs in as ${email}; an administrator adds people and gives them their roles`);
  }
  const opened = await openSession(db, { person, role: login.role, method: 'oidc', rolePath: 'query.role' }, client, now, settings);
  return { ...opened, returnTo: login.returnTo };
}

/**
 * Takes the pending sign-in of a state once, in one statement (two callbacks with the same state
 * cannot both pass); when none qualifies, says why.
 */
async function claimLogin(db: Db, state: string, binding: string | undefined, now: Date) {
  const stateHash = hashToken(state);
  const bindingHash = binding ? hashToken(binding) : '';
  const [claimed] = await db
    .update(oidcLogins)
    .set({ usedAt: now })
    .where(
      and(
        eq(oidcLogins.stateHash, stateHash),
        eq(oidcLogins.bindingHash, bindingHash),
        isNull(oidcLogins.usedAt),
        gt(oidcLogins.expiresAt, now),
      ),
    )
    .returning();
  if (claimed) return claimed;
  const [known] = await db.select().from(oidcLogins).where(eq(oidcLogins.stateHash, stateHash)).limit(1);
  if (!known) throw new UnauthenticatedError('this sign-in is unknown or has expired; start it again');
  if (known.bindingHash !== bindingHash) {
    throw new UnauthenticatedError('this sign-in was started in another browser; start it again here');
  }
  if (known.usedAt) throw new UnauthenticatedError('this sign-in has already been used; start it again');
  throw new UnauthenticatedError(`this sign-in took longer than ${OIDC_LOGIN_MINUTES} minutes; start it again`);
}

/** The identity provider refused (401, with its reason) or could not be reached (503). */
function providerFailure(oidc: typeof Oidc, err: unknown): Error {
  if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError) {
    const reason = err.error_description ? `${err.error}: ${err.error_description}` : err.error;
    return new UnauthenticatedError(`the identity provider refused the sign-in (${reason})`);
  }
  if (err instanceof oidc.ClientError && !isNetworkFailure(err)) {
    return new UnauthenticatedError(`the identity provider's answer could not be trusted: ${err.message}`);
  }
  if (isNetworkFailure(err)) {
    return new UnavailableError('the identity provider cannot be reached right now; try again in a minute', undefined, {
      retryAfterSeconds: 30,
    });
  }
  return err instanceof Error ? err : new Error(String(err));
}

function isNetworkFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    const code = (e as { code?: unknown }).code;
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (typeof code === 'string' && /^(ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|UND_ERR)/.test(code)) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}
