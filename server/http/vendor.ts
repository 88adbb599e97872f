import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Front-end files served from node_modules (the plant network has no internet, so no CDN). */
const vendorFiles: Record<string, { pkg: string; file: string; type: string }> = {
  'htmx.min.js': { pkg: 'htmx.org', file: 'dist/htmx.min.js', type: 'text/javascript; charset=utf-8' },
  'swagger-ui.css': { pkg: 'swagger-ui-dist', file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { pkg: 'swagger-ui-dist', file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** A vendored asset by its public name, read once; undefined for unknown names. */
export function vendorAsset(name: string): { body: Buffer; type: string } | undefined {
  const entry = vendorFiles[name];
  if (!entry) return undefined;
  let body = cache.get(name);
  if (!body) {
    const root = dirname(require.resolve(`${entry.pkg}/package.json`));
    body = readFileSync(join(root, entry.file));
    cache.set(name, body);
  }
  return { body, type: entry.type };
}
