import type { Context, Hono } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import type { Policy } from '../auth/policies.ts';
import { inTransaction, type Write } from '../core/write.ts';
import { signedInFor } from '../web/index.ts';
import { idPattern } from '../web/params.ts';
import { done } from './setupSupport.ts';

export interface LifecyclePages {
  /** The entity's path prefix, `/kpis`: its routes are `/kpis/{id}/archive`, `/restore` and `/delete`. */
  base: `/${string}`;
  /** The API's policy of the same change (the domain checks the rest, as for the API). */
  policy: Policy;
  archive?: (w: Write, id: string, archived: boolean) => Promise<unknown>;
  remove?: (w: Write, id: string) => Promise<void>;
  /** The answer after archiving or restoring: by default back to the entity's edit page. */
  changed?: (c: Context<AppEnv>, actor: Actor, id: string) => Response | Promise<Response>;
  /** Where a deleted entity's page goes: the list it was in, read before it is gone. */
  removedTo: (c: Context<AppEnv>, actor: Actor, id: string) => Promise<string>;
}

/**
 * The set-up pages' archive, restore and delete of an entity, with the domain functions and the
 * policy of the API's lifecycle routes. A refusal (deleting what something depends on) is the
 * domain's conflict, shown by the pages' error handling: in the status region for htmx.
 */
export function lifecyclePages(router: Hono<AppEnv>, l: LifecyclePages): void {
  const path = `${l.base}/${idPattern()}` as const;
  const archive = l.archive;
  if (archive) {
    for (const archived of [true, false]) {
      router.post(`${path}/${archived ? 'archive' : 'restore'}`, async (c) => {
        const actor = signedInFor(c, l.policy);
        const id = c.req.param('id');
        await inTransaction(c.var.deps, actor, (w) => archive(w, id, archived));
        return l.changed ? l.changed(c, actor, id) : done(c, `${l.base}/${id}/edit`);
      });
    }
  }
  const remove = l.remove;
  if (remove) {
    router.post(`${path}/delete`, async (c) => {
      const actor = signedInFor(c, l.policy);
      const id = c.req.param('id');
      const to = await l.removedTo(c, actor, id);
      await inTransaction(c.var.deps, actor, (w) => remove(w, id));
      return done(c, to);
    });
  }
}
