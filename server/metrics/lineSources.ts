import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, dataSources, lines, sites, useCaseDataSources, useCases } from '../../db/schema/index.ts';
import { checkSees, visibilityFor, type Viewer } from '../access/index.ts';
import { notFound } from '../core/errors.ts';
import { freshness } from '../dataSources/freshness.ts';

/** A line with the names of its area and site and the site's time zone: the heading of the line's pages. */
export async function lineHeading(db: Db, viewer: Viewer, lineId: string) {
  await checkSees(db, viewer, 'line', lineId);
  const [row] = await db
    .select({
      id: lines.id,
      code: lines.code,
      name: lines.name,
      areaId: areas.id,
      areaName: areas.name,
      siteId: sites.id,
      siteName: sites.name,
      timezone: sites.timezone,
    })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .innerJoin(sites, eq(sites.id, areas.siteId))
    .where(eq(lines.id, lineId));
  if (!row) throw notFound('line', lineId);
  return row;
}

export type LineHeading = Awaited<ReturnType<typeof lineHeading>>;

/**
 * The data sources feeding a line: those scoped to the line itself, to its area or to its site
 * (a site's energy historian feeds every line of the site), not archived, each with its freshness
 * and the use cases (not retired) that rely on it. Sources of other sites, and use cases out of
 * the viewer's scope, are left out; the line comes first, then its area, then its site.
 */
export async function lineDataSources(db: Db, viewer: Viewer, lineId: string, now: Date) {
  const line = await lineHeading(db, viewer, lineId);
  const rows = await db
    .select()
    .from(dataSources)
    .where(
      and(
        isNull(dataSources.archivedAt),
        or(eq(dataSources.scopeLineId, lineId), eq(dataSources.scopeAreaId, line.areaId), eq(dataSources.scopeSiteId, line.siteId)),
      ),
    )
    .orderBy(asc(dataSources.name));
  const sees = await visibilityFor(db, viewer);
  const seen = rows.filter((r) => sees.scoped(r));
  const links = seen.length
    ? await db
        .select({
          dataSourceId: useCaseDataSources.dataSourceId,
          required: useCaseDataSources.required,
          id: useCases.id,
          title: useCases.title,
          scopeLineId: useCases.scopeLineId,
          scopeAreaId: useCases.scopeAreaId,
        })
        .from(useCaseDataSources)
        .innerJoin(useCases, eq(useCases.id, useCaseDataSources.useCaseId))
        .where(
          and(
            inArray(
              useCaseDataSources.dataSourceId,
              seen.map((s) => s.id),
            ),
            ne(useCases.status, 'retired'),
          ),
        )
        .orderBy(asc(useCases.title))
    : [];
  const rank = (r: (typeof rows)[number]) => (r.scopeLineId ? 0 : r.scopeAreaId ? 1 : 2);
  return {
    line,
    sources: [...seen]
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .map((s) => ({
        id: s.id,
        name: s.name,
        code: s.code,
        kind: s.kind,
        scope: s.scopeLineId ? ('line' as const) : s.scopeAreaId ? ('area' as const) : ('site' as const),
        expectedRefreshSeconds: s.expectedRefreshSeconds,
        maxLatencySeconds: s.maxLatencySeconds,
        newestAt: s.lastSourceTimestamp ?? s.lastReceivedAt,
        quality: s.lastQuality,
        freshness: freshness(s, now),
        useCases: links
          .filter((l) => l.dataSourceId === s.id && sees.scoped(l))
          .map((l) => ({ id: l.id, title: l.title, required: l.required, ofThisLine: l.scopeLineId === lineId })),
      })),
  };
}

export type LineSources = Awaited<ReturnType<typeof lineDataSources>>;
