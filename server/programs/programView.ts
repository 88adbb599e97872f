import type { Db } from '../../db/client.ts';
import type { Actor } from '../deps.ts';
import { checkSees, mayChange } from '../access/index.ts';
import { allows } from '../auth/policies.ts';
import { measurementSeries, programRoi } from '../kpis/index.ts';
import { lineShift } from '../metrics/index.ts';
import { listMilestones } from '../milestones/milestones.ts';
import { listAreas, listLines, listSites } from '../plant/plant.ts';
import { listUseCases } from '../useCases/useCases.ts';
import { earlyWarnings } from '../warnings/index.ts';
import type { AdoptionPeriod } from './adoption.ts';
import { adoption } from './adoptionReport.ts';
import { programTrust } from './evidence.ts';
import { namesOf } from './portfolio.ts';
import { getProgram } from './programs.ts';

/**
 * What the program page shows, gathered from the same domain reads as the API (each checks the
 * viewer's scope): the program, its stall risk, milestones, ROI with each KPI's measured series,
 * adoption by group, and the track records of its use cases' decisions (the good ones as evidence
 * of trust). The line OEE is gathered apart (`programLineOee`): it is the dearest
 * read, so the page loads it as a fragment of its own.
 */
export async function programPage(db: Db, actor: Actor, programId: string, now: Date, period: AdoptionPeriod) {
  const program = await getProgram(db, actor, programId);
  const [warnings, roi, usage, milestones, trust] = await Promise.all([
    earlyWarnings(db, actor, programId, now),
    programRoi(db, actor, programId, now),
    adoption(db, actor, programId, { period }, now),
    programMilestones(db, actor, programId, now),
    programTrust(db, actor, programId, now),
  ]);
  const series = await measurementSeries(
    db,
    roi.kpis.map((k) => k.kpiId),
  );
  return { program, warnings, roi, series, adoption: usage, milestones, trust };
}

export type ProgramPageData = Awaited<ReturnType<typeof programPage>>;

/**
 * The milestones of a program with their owners' and use cases' names, and whether the person may
 * record a review (the role's policy, then the program's sponsor or an admin: the same rule
 * `createReview` enforces), so the form is offered only to those who can send it.
 */
export async function programMilestones(db: Db, actor: Actor, programId: string, now: Date) {
  const anchor = await checkSees(db, actor, 'program', programId);
  const [rows, cases, mayReview] = await Promise.all([
    listMilestones(db, actor, programId),
    listUseCases(db, actor, programId),
    allows('review:write', actor.role) ? mayChange(db, actor, anchor, now, { owners: false }) : Promise.resolve(false),
  ]);
  const names = await namesOf(
    db,
    rows.map((m) => m.ownerId),
  );
  const titles = new Map(cases.map((u) => [u.id, u.title]));
  return {
    mayReview,
    milestones: rows.map((m) => ({
      ...m,
      owner: names.get(m.ownerId) ?? null,
      useCase: m.useCaseId ? (titles.get(m.useCaseId) ?? null) : null,
    })),
  };
}

export type ProgramMilestones = Awaited<ReturnType<typeof programMilestones>>;

/**
 * The current-shift OEE of every line on the program's sites that the viewer sees, with each
 * line's live output and the time of its newest machine event (the age of the figures).
 */
export async function programLineOee(db: Db, actor: Actor, programId: string, now: Date) {
  const program = await getProgram(db, actor, programId);
  const [sites, areas, lines] = await Promise.all([listSites(db, actor), listAreas(db, actor), listLines(db, actor)]);
  const siteOf = new Map(areas.map((a) => [a.id, a.siteId]));
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const covered = new Set(program.siteIds);
  const ofProgram = lines.filter((l) => covered.has(siteOf.get(l.areaId) ?? ''));
  // Independent reads: a pooled PostgreSQL runs them side by side (PGlite one after the other).
  const rows = await Promise.all(
    ofProgram.map(async (line) => {
      const { metrics, live } = await lineShift(db, actor, line.id, now);
      const newest = live.stations
        .map((s) => s.lastEventAt)
        .filter((t): t is string => t !== null)
        .sort()
        .at(-1);
      return {
        lineId: line.id,
        code: line.code,
        name: line.name,
        site: siteName.get(siteOf.get(line.areaId) ?? '') ?? '',
        timezone: live.timezone,
        window: metrics.window,
        figures: metrics.figures,
        output: live.output,
        stations: live.stations.length,
        running: live.stations.filter((s) => s.state === 'running').length,
        reporting: live.stations.filter((s) => s.known).length,
        newestEventAt: newest ?? null,
      };
    }),
  );
  return { programId, asOf: now.toISOString(), lines: rows };
}

export type ProgramLineOee = Awaited<ReturnType<typeof programLineOee>>;
