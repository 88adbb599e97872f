import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { csvHref, csvResponse, pageContext, renderPage, signedInFor, wantsCsv } from '../web/index.ts';
import { LineList, type LineListRow } from '../../views/plant/lines.tsx';
import { listAreas, listLines, listSites, listStations } from './plant.ts';

/** Pages of the plant: the list of lines (each line's own pages live with metrics, balancing and simulation). */
export const plantPages = new Hono<AppEnv>();

plantPages.get('/lines', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const { db } = c.var.deps;
  const [lines, areas, sites, stations] = await Promise.all([
    listLines(db, actor),
    listAreas(db, actor),
    listSites(db, actor),
    listStations(db, actor),
  ]);
  const areaOf = new Map(areas.map((a) => [a.id, a]));
  const siteOf = new Map(sites.map((s) => [s.id, s]));
  const rows: LineListRow[] = lines.map((l) => {
    const area = areaOf.get(l.areaId);
    return {
      id: l.id,
      code: l.code,
      name: l.name,
      area: area?.name ?? '–',
      site: (area && siteOf.get(area.siteId)?.name) ?? '–',
      stations: stations.filter((s) => s.lineId === l.id).length,
    };
  });
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `lines-${ctx.now.toISOString().slice(0, 10)}`,
      columns: ['id', 'code', 'name', 'site', 'area', 'stations'],
      rows: rows.map((r) => [r.id, r.code, r.name, r.site, r.area, r.stations]),
    });
  return renderPage(c, ctx, { title: ctx.t('lines.title') }, <LineList t={ctx.t} rows={rows} csvHref={csvHref(c)} />);
});
