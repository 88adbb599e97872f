import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Who the provider signs in at its next login: an account, or a refusal (`access_denied`). */
export type NextLogin = { sub: string; email?: string; email_verified?: boolean; name?: string } | 'deny';

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next login page; the test sets it before each sign-in. */
  next: NextLogin;
  /** Takes the provider off the network (for the "cannot be reached" case) and back. */
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a local port, with one confidential client
 * for twinward. Its login page is skipped: each interaction is finished at once as `next`, so a
 * test can drive a whole browser round trip with plain HTTP requests.
 */
export async function startIdentityProvider(redirectUri: string): Promise<IdentityProvider> {
  // The provider needs its issuer URL, which needs the port: the server starts first, then delegates.
  const route: { handler?: (req: never, res: never) => void } = {};
  const server: Server = createServer((req, res) => route.handler?.(req as never, res as never));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: IdentityProvider = {
    issuer,
    clientId: 'twinward',
    clientSecret: 'a-long-client-secret-for-the-test-provider',
    next: 'deny',
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const accounts = new Map<string, Exclude<NextLogin, 'deny'>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The claims twinward reads are in the ID token, as most enterprise providers send them.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['identity-provider-test-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const who = idp.next;
    if (who === 'deny') {
      const to = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { error: 'access_denied', error_description: 'the user cancelled' },
        { mergeWithLastSubmission: false },
      );
      return ctx.redirect(to);
    }
    accounts.set(who.sub, who);
    const grant = new provider.Grant({ accountId: who.sub, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    const to = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: who.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    ctx.redirect(to);
  });
  route.handler = provider.callback() as never;
  return idp;
}
