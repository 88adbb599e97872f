import { pathId } from '../web/params.ts';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { csvResponse, isFragment, pageContext, renderPage, signedInFor, wantsCsv } from '../web/index.ts';
import { LivePart } from '../../views/metrics/live.tsx';
import { lineCsv, LinePage } from '../../views/metrics/page.tsx';
import type { LineViewContext } from '../../views/metrics/model.tsx';
import { lineShift } from './metrics.ts';
import { lineDataSources } from './lineSources.ts';
import { lineCsvTable } from './pageCsv.ts';
import { lineTrackRecord } from '../decisions/index.ts';

/**
 * The planner's page of a line, `/lines/{id}`: stations live, the shift's OEE and its losses, the
 * stop-reason Pareto, the twin's track record on the line and the data sources feeding the line. An htmx request (the live part
 * polling itself) gets the live part alone; `?format=csv&table=…` one of its tables.
 */
export const linePages = new Hono<AppEnv>();

/** The line id of the path; anything else names no line. */
export function lineIdOf(c: Context<AppEnv>): string {
  return pathId(c, 'line');
}

linePages.get('/lines/:id', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const id = lineIdOf(c);
  const { db } = c.var.deps;
  // The live state and the current shift's figures, from one read of the shift's events.
  if (isFragment(c)) {
    const { live, metrics } = await lineShift(db, actor, id, ctx.now);
    const view: LineViewContext = { t: ctx.t, now: ctx.now, zone: live.timezone };
    return c.html(
      <LivePart
        lineId={id}
        live={live}
        metrics={metrics}
        ctx={view}
        csv={{ stations: lineCsv(id, 'stations'), oee: lineCsv(id, 'oee') }}
      />,
    );
  }
  const csv = wantsCsv(c);
  // The track record only for the whole page: neither the polled fragment above nor a CSV reads it.
  const [sources, { live, metrics }, trackRecord] = await Promise.all([
    lineDataSources(db, actor, id, ctx.now),
    lineShift(db, actor, id, ctx.now),
    csv ? undefined : lineTrackRecord(db, actor, id, ctx.now),
  ]);
  // No record read: a CSV was asked for.
  if (!trackRecord) return csvResponse(c, lineCsvTable(c.req.query('table'), { line: sources.line, live, metrics, sources, now: ctx.now }));
  const view: LineViewContext = { t: ctx.t, now: ctx.now, zone: sources.line.timezone };
  return renderPage(
    c,
    ctx,
    { title: ctx.t('line.title', { name: sources.line.name }), current: '/lines' },
    <LinePage line={sources.line} live={live} metrics={metrics} sources={sources.sources} trackRecord={trackRecord} ctx={view} />,
  );
});
