import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.ts';
import type { Policy } from '../auth/policies.ts';
import { jsonify } from '../core/json.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { actorOf } from './authorize.ts';
import { idParam, json, route } from './route.ts';
import { etagOf } from './versions.ts';

/** `?archived=` of the lists of archivable entities: archived rows are left out unless asked for. */
export const archivedQuery = {
  archived: z
    .enum(['exclude', 'include', 'only'])
    .default('exclude')
    .openapi({ description: 'Archived entries: left out (default), included, or the only ones listed' }),
};

interface Lifecycle {
  /** The entity's own path, `/kpis/{id}`. */
  path: `/${string}/{id}`;
  tags: string[];
  policy: Policy;
  /** How the documentation names it: 'KPI', 'data source'. */
  entity: string;
  /** The entity as the API answers it, for the archive and restore responses. */
  schema?: z.ZodType;
  archive?: { does: string; run: (w: Write, id: string, archived: boolean) => Promise<unknown> };
  remove?: { when: string; run: (w: Write, id: string) => Promise<void> };
}

/**
 * The lifecycle routes of an entity, the same everywhere: `POST …/archive` and `…/restore`
 * where history must stay, `DELETE` while nothing depends on it (else 409 naming what does).
 */
export function lifecycleRoutes(app: OpenAPIHono<AppEnv>, l: Lifecycle): void {
  const archive = l.archive;
  if (archive) {
    for (const archived of [true, false]) {
      app.openapi(
        route(l.policy, {
          method: 'post',
          path: `${l.path}/${archived ? 'archive' : 'restore'}`,
          tags: l.tags,
          summary: archived ? `Archive the ${l.entity}` : `Restore an archived ${l.entity}`,
          description: archived
            ? `${archive.does} Archiving an archived ${l.entity} changes nothing.`
            : `It takes new work and references again. Restoring one that is not archived changes nothing.`,
          request: { params: idParam },
          responses: { 200: json(l.schema ?? z.object({}).passthrough(), `The ${l.entity}`) },
        }),
        async (c) => {
          const row = await inTransaction(c.var.deps, actorOf(c), (w) => archive.run(w, c.req.valid('param').id, archived));
          const answer = jsonify(row) as { version?: number };
          return c.json(answer, 200, typeof answer.version === 'number' ? etagOf({ version: answer.version }) : {});
        },
      );
    }
  }
  const remove = l.remove;
  if (remove) {
    app.openapi(
      route(l.policy, {
        method: 'delete',
        path: l.path,
        tags: l.tags,
        summary: `Delete the ${l.entity}`,
        description: `${remove.when} Otherwise 409, with \`dependents\` counting what depends on it. The audit log keeps what it was.`,
        request: { params: idParam },
        responses: { 204: { description: 'Deleted' } },
      }),
      async (c) => {
        await inTransaction(c.var.deps, actorOf(c), (w) => remove.run(w, c.req.valid('param').id));
        return c.body(null, 204);
      },
    );
  }
}
