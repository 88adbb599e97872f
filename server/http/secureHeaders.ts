import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../deps.ts';

/**
 * The headers every response carries. The Content-Security-Policy allows no inline script and
 * nothing from another origin (the package serves all its assets); inline style attributes stay
 * allowed, because the API reference page sets them. Frames are refused.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // HSTS only means something over HTTPS, which a proxy in front of the service terminates.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/** Answers under /api/v1 hold private data: no shared or browser cache keeps them. */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async function setNoStore(c, next) {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
