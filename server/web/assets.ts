import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { NotFoundError } from '../core/errors.ts';

/** The pages' own files (views/assets, copied beside the compiled code by the build). */
const assetTypes: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};
const folder = new URL('../../views/assets/', import.meta.url);
const cache = new Map<string, Buffer>();

export const assetRoutes = new Hono<AppEnv>();

assetRoutes.get('/assets/:name', (c) => {
  const name = c.req.param('name');
  const type = assetTypes[name];
  if (!type) throw new NotFoundError(`no asset named '${name}'`);
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(new URL(name, folder));
    cache.set(name, body);
  }
  return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
});
