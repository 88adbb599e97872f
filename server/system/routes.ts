import { Hono } from 'hono';
import { migrationVersion } from '../../db/client.ts';
import type { AppEnv } from '../deps.ts';
import { vendorAsset } from '../http/vendor.ts';
import { NotFoundError } from '../core/errors.ts';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_SECONDS } from '../http/errors.ts';

/** Health, the API reference page and vendored assets: public, no token needed. */
export const systemRoutes = new Hono<AppEnv>();

systemRoutes.get('/healthz', async (c) => {
  const { db, dbKind } = c.var.deps;
  // Resident memory in bytes: what the operating system counts against this process.
  const rss = process.memoryUsage().rss;
  try {
    const migration = await migrationVersion(db);
    return c.json({ status: 'ok', database: dbKind, migration, rss });
  } catch (err) {
    // Unhealthy, and why: a load balancer takes the instance out until the database is back.
    const reason = isDatabaseUnavailable(err) ? 'the database is unreachable' : 'the database check failed';
    console.error(`healthz: ${reason}:`, (err as Error).message);
    return c.json({ status: 'unavailable', database: dbKind, reason, rss }, 503, { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) });
  }
});

systemRoutes.get('/vendor/:name', (c) => {
  const asset = vendorAsset(c.req.param('name'));
  if (!asset) throw new NotFoundError(`no asset named '${c.req.param('name')}'`);
  return c.body(new Uint8Array(asset.body), 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
});

// Swagger UI over the generated OpenAPI 3.1 document; "Authorize" takes a bearer token.
systemRoutes.get('/api/docs', (c) =>
  c.html(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>twinward API reference</title>
  <link rel="stylesheet" href="/vendor/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/vendor/swagger-ui-bundle.js"></script>
  <script src="/api/docs/start.js"></script>
</body>
</html>`),
);

// The page's start-up script is a served file: the Content-Security-Policy allows no inline script.
systemRoutes.get('/api/docs/start.js', (c) =>
  c.body("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });\n", 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=86400',
  }),
);
