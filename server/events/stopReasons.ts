import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sites, stopReasons } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { invalidInput } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { mapState, reasonCategories, umhStateTable, type StateClass } from './stateModel.ts';

export interface StopReasonInput {
  code: string;
  name: string;
  stateClass: 'unplanned_stop' | 'setup' | 'planned_stop';
  category: string;
}

/** A site's reason tree, by code. */
export async function listStopReasons(db: Db, viewer: Viewer, siteId: string) {
  await checkSees(db, viewer, 'site', siteId);
  await findOrNotFound(db, sites, 'site', siteId);
  const items = await db.select().from(stopReasons).where(eq(stopReasons.siteId, siteId)).orderBy(asc(stopReasons.code));
  return { siteId, items, builtIn: umhStateTable().filter((c) => c.category !== null) };
}

/** Replaces a site's reason tree. Events keep the codes they came with; only their naming changes. */
export async function setStopReasons(w: Write, siteId: string, items: StopReasonInput[]) {
  await checkSees(w.tx, w.actor, 'site', siteId);
  await findOrNotFound(w.tx, sites, 'site', siteId, { forUpdate: true });
  const codes = new Set<string>();
  items.forEach((item, i) => {
    if (codes.has(item.code)) throw invalidInput(`body.items.${i}.code`, `'${item.code}' is given twice`);
    codes.add(item.code);
    const allowed: readonly string[] = reasonCategories[item.stateClass];
    if (!allowed.includes(item.category)) {
      throw invalidInput(`body.items.${i}.category`, `a ${item.stateClass} reason is one of ${allowed.join(', ')}`);
    }
  });
  const before = await w.tx.select().from(stopReasons).where(eq(stopReasons.siteId, siteId));
  await w.tx.delete(stopReasons).where(eq(stopReasons.siteId, siteId));
  if (items.length) {
    await w.tx.insert(stopReasons).values(items.map((item) => ({ ...item, siteId, createdAt: w.now, updatedAt: w.now })));
  }
  await audit(w, {
    entityType: 'site',
    entityId: siteId,
    action: 'set-stop-reasons',
    before: before.map(({ code, name, stateClass, category }) => ({ code, name, stateClass, category })),
    after: items,
  });
  return listStopReasons(w.tx, w.actor, siteId);
}

export interface ReasonInfo {
  name: string;
  category: string;
  classified: boolean;
}

/**
 * Names a stop's reason code: from the site's tree first, then UMH's numeric classes; any other
 * code is an unclassified stop (kept on the events, so that it can still be added to the tree).
 */
export function reasonNamer(tree: readonly { code: string; name: string; category: string }[]) {
  const byCode = new Map(tree.map((r) => [r.code, r]));
  return (code: string | null, state: StateClass): ReasonInfo => {
    const known = code !== null ? byCode.get(code) : undefined;
    if (known) return { name: known.name, category: known.category, classified: true };
    const umh = code !== null ? mapState(code) : undefined;
    if (umh && umh.category) {
      const entry = umhStateTable().find((c) => c.code === Math.floor(umh.code! / 10000) * 10000);
      return { name: entry?.name ?? code!, category: umh.category, classified: true };
    }
    if (code === null && state !== 'unplanned_stop')
      return { name: state === 'setup' ? 'setup' : 'planned stop', category: 'other', classified: false };
    return { name: 'unclassified stop', category: 'other', classified: false };
  };
}
