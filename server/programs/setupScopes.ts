import type { Context } from 'hono';
import type { Actor, AppEnv } from '../deps.ts';
import { listAreas, listLines, listSites } from '../plant/plant.ts';
import { pageContext } from '../web/index.ts';
import type { OptionGroup } from '../../views/setup/fields.tsx';
import { setupText } from '../../views/setup/text.ts';
import { getProgram } from './programs.ts';

/** Where something of a program applies: a site, an area or a line, one of them. */
export type PlantScope = { siteId: string } | { areaId: string } | { lineId: string };

type Level = 'site' | 'area' | 'line';

/**
 * The places of a program a use case or data source may apply to (its sites, their areas and
 * lines, those the caller sees; the domain refuses others), as the groups of one select, and
 * each one's name for lists (`Brno › Machining › Crankshaft line`).
 */
export async function scopeChoices(
  c: Context<AppEnv>,
  actor: Actor,
  programId: string,
  levels: readonly Level[] = ['site', 'area', 'line'],
) {
  const { db } = c.var.deps;
  const [program, sites, areas, lines] = await Promise.all([
    getProgram(db, actor, programId),
    listSites(db, actor),
    listAreas(db, actor),
    listLines(db, actor),
  ]);
  const siteName = new Map(sites.filter((s) => program.siteIds.includes(s.id)).map((s) => [s.id, s.name]));
  const areaName = new Map(areas.filter((a) => siteName.has(a.siteId)).map((a) => [a.id, `${siteName.get(a.siteId)} › ${a.name}`]));
  const lineName = new Map(lines.filter((l) => areaName.has(l.areaId)).map((l) => [l.id, `${areaName.get(l.areaId)} › ${l.name}`]));
  const s = setupText(pageContext(c, actor).t);
  const all: Record<Level, OptionGroup> = {
    site: { label: s('setup.scope.sites'), options: [...siteName].map(([id, label]) => ({ value: `site:${id}`, label })) },
    area: { label: s('setup.scope.areas'), options: [...areaName].map(([id, label]) => ({ value: `area:${id}`, label })) },
    line: { label: s('setup.scope.lines'), options: [...lineName].map(([id, label]) => ({ value: `line:${id}`, label })) },
  };
  const label = (scope: PlantScope) =>
    ('siteId' in scope ? siteName.get(scope.siteId) : 'areaId' in scope ? areaName.get(scope.areaId) : lineName.get(scope.lineId)) ?? '–';
  return { program, groups: levels.map((l) => all[l]), label };
}

/** The select's value of a scope: `line:<id>`. */
export function scopeValue(scope: PlantScope): string {
  return 'siteId' in scope ? `site:${scope.siteId}` : 'areaId' in scope ? `area:${scope.areaId}` : `line:${scope.lineId}`;
}
