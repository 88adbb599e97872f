import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { isHttps } from '../http/client.ts';
import { SESSION_COOKIE, type SessionSettings } from './settings.ts';

/** Gives the browser its session: HttpOnly, SameSite=Lax, Secure over HTTPS, for the session's whole life. */
export function setSessionCookie(c: Context, secret: string, settings: SessionSettings): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, settings.trustedProxies),
    path: '/',
    maxAge: Math.floor(settings.absoluteMs / 1000),
  });
}
