import { and, asc, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, kpis, lines, programSites, useCases } from '../../db/schema/index.ts';
import type { Viewer } from '../access/index.ts';

/** Most hits per kind: a search answers "where is it", not a report. */
export const SEARCH_LIMIT = 20;

export interface SearchHits {
  useCases: { id: string; title: string; question: string; status: string }[];
  lines: { id: string; code: string; name: string }[];
  kpis: { id: string; name: string; unit: string; useCaseId: string; useCaseTitle: string }[];
}

/** The term as a LIKE pattern that matches it literally anywhere (its own %, _ and \ escaped). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The use cases a viewer limited to these sites sees, as a condition of the query, so that the
 * limit counts only what is seen: `visibilityFor(...).program(u.programId) && .scoped(u)`
 * (server/access/visibility.ts) said in SQL. Its program has one of the sites, and its scope
 * lies in one: the line's site when scoped to a line, else the area's (a use case has no site
 * scope of its own, and one with neither is seen by nobody limited to sites).
 */
function useCaseSeenBy(db: Db, siteIds: string[]): SQL {
  const programsSeen = db.selectDistinct({ id: programSites.programId }).from(programSites).where(inArray(programSites.siteId, siteIds));
  const linesSeen = db
    .select({ id: lines.id })
    .from(lines)
    .innerJoin(areas, eq(areas.id, lines.areaId))
    .where(inArray(areas.siteId, siteIds));
  const areasSeen = db.select({ id: areas.id }).from(areas).where(inArray(areas.siteId, siteIds));
  return and(
    inArray(useCases.programId, programsSeen),
    or(
      and(isNotNull(useCases.scopeLineId), inArray(useCases.scopeLineId, linesSeen)),
      and(isNull(useCases.scopeLineId), isNotNull(useCases.scopeAreaId), inArray(useCases.scopeAreaId, areasSeen)),
    ),
  )!;
}

/**
 * Use cases (title or question), lines (name or code) and KPIs (name) containing the term, case
 * insensitive, among those the viewer sees (the same visibility as every list), applied in the
 * query: the first hits seen are found however many hidden ones match before them.
 */
export async function search(db: Db, viewer: Viewer, term: string): Promise<SearchHits> {
  const text = term.trim();
  if (!text) return { useCases: [], lines: [], kpis: [] };
  const pattern = containsPattern(text);
  // Null: the viewer sees everything. Otherwise only what lies in their sites (none: nothing).
  const siteIds = viewer.siteIds === null ? null : [...viewer.siteIds];
  const caseSeen = siteIds === null ? undefined : useCaseSeenBy(db, siteIds);
  const [caseRows, lineRows, kpiRows] = await Promise.all([
    db
      .select({ id: useCases.id, title: useCases.title, question: useCases.question, status: useCases.status })
      .from(useCases)
      .where(and(or(ilike(useCases.title, pattern), ilike(useCases.question, pattern)), caseSeen))
      .orderBy(asc(useCases.title), asc(useCases.id))
      .limit(SEARCH_LIMIT),
    db
      .select({ id: lines.id, code: lines.code, name: lines.name })
      .from(lines)
      .innerJoin(areas, eq(areas.id, lines.areaId))
      .where(and(or(ilike(lines.name, pattern), ilike(lines.code, pattern)), siteIds === null ? undefined : inArray(areas.siteId, siteIds)))
      .orderBy(asc(lines.name), asc(lines.id))
      .limit(SEARCH_LIMIT),
    // A KPI is seen with its use case.
    db
      .select({ id: kpis.id, name: kpis.name, unit: kpis.unit, useCaseId: kpis.useCaseId, useCaseTitle: useCases.title })
      .from(kpis)
      .innerJoin(useCases, eq(useCases.id, kpis.useCaseId))
      .where(and(ilike(kpis.name, pattern), caseSeen))
      .orderBy(asc(kpis.name), asc(kpis.id))
      .limit(SEARCH_LIMIT),
  ]);
  return { useCases: caseRows, lines: lineRows, kpis: kpiRows };
}
