import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { sqlInstant, type Db } from '../../db/client.ts';
import { lines, areas, plannedStops, sites, stations, workSchedules, type ShiftDefinition } from '../../db/schema/index.ts';
import { checkSees, type Viewer } from '../access/index.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { minutesOf } from './planned.ts';

/** A site's schedule as the API shows it; `defined: false` when it has none (all time is planned). */
export async function getSchedule(db: Db, viewer: Viewer, siteId: string) {
  await checkSees(db, viewer, 'site', siteId);
  const site = await findOrNotFound(db, sites, 'site', siteId);
  const [row] = await db.select().from(workSchedules).where(eq(workSchedules.siteId, siteId));
  return { siteId, timezone: site.timezone, defined: Boolean(row), shifts: row?.shifts ?? [], version: row?.version ?? 0 };
}

/** Length of a span from `start` to `end` wall-clock minutes, past midnight when end ≤ start. */
const spanMinutes = (start: number, end: number) => (end <= start ? end + 1440 : end) - start;

/** Checks what a schema cannot: unique names, breaks inside their shift and not overlapping. */
function checkShifts(shifts: readonly ShiftDefinition[]): void {
  const names = new Set<string>();
  shifts.forEach((shift, i) => {
    if (names.has(shift.name)) throw invalidInput(`body.shifts.${i}.name`, `another shift is called '${shift.name}'`);
    names.add(shift.name);
    const start = minutesOf(shift.start);
    const length = spanMinutes(start, minutesOf(shift.end));
    const taken: [number, number][] = [];
    shift.breaks.forEach((b, j) => {
      const from = (minutesOf(b.start) - start + 1440) % 1440;
      const to = from + spanMinutes(minutesOf(b.start), minutesOf(b.end));
      if (to > length) throw invalidInput(`body.shifts.${i}.breaks.${j}`, `lies outside the shift ${shift.start}–${shift.end}`);
      if (taken.some(([a, z]) => from < z && a < to)) throw invalidInput(`body.shifts.${i}.breaks.${j}`, 'overlaps another break');
      taken.push([from, to]);
    });
  });
}

/** Replaces a site's shifts (an empty list removes the schedule: all time is planned again). */
export async function setSchedule(w: Write, siteId: string, shifts: ShiftDefinition[]) {
  await checkSees(w.tx, w.actor, 'site', siteId);
  await findOrNotFound(w.tx, sites, 'site', siteId, { forUpdate: true });
  checkShifts(shifts);
  const [before] = await w.tx.select().from(workSchedules).where(eq(workSchedules.siteId, siteId));
  if (shifts.length === 0) {
    await w.tx.delete(workSchedules).where(eq(workSchedules.siteId, siteId));
  } else if (before) {
    await w.tx
      .update(workSchedules)
      .set({ shifts, version: before.version + 1, updatedAt: w.now })
      .where(eq(workSchedules.siteId, siteId));
  } else {
    await w.tx.insert(workSchedules).values({ siteId, shifts, createdAt: w.now, updatedAt: w.now });
  }
  await audit(w, { entityType: 'site', entityId: siteId, action: 'set-schedule', before: before?.shifts ?? [], after: shifts });
  return getSchedule(w.tx, w.actor, siteId);
}

export interface PlannedStopInput {
  lineId?: string;
  stationId?: string;
  from: string;
  to: string;
  category: 'break' | 'no_order' | 'no_shift' | 'planned_maintenance';
  note?: string;
}

/** Plans a stop of a whole site, of one of its lines or of one station. */
export async function addPlannedStop(w: Write, siteId: string, input: PlannedStopInput) {
  await checkSees(w.tx, w.actor, 'site', siteId);
  await findOrNotFound(w.tx, sites, 'site', siteId);
  const startsAt = new Date(input.from);
  const endsAt = new Date(input.to);
  if (endsAt <= startsAt) throw invalidInput('body.to', 'must lie after from');
  let lineId = input.lineId ?? null;
  if (input.stationId) {
    const [station] = await w.tx
      .select({ lineId: stations.lineId, siteId: areas.siteId })
      .from(stations)
      .innerJoin(lines, eq(lines.id, stations.lineId))
      .innerJoin(areas, eq(areas.id, lines.areaId))
      .where(eq(stations.id, input.stationId));
    if (!station || station.siteId !== siteId) throw notFound('station', input.stationId, 'body.stationId');
    if (lineId && lineId !== station.lineId) throw invalidInput('body.lineId', 'the station is on another line');
    lineId = station.lineId;
  } else if (lineId) {
    const [line] = await w.tx
      .select({ siteId: areas.siteId })
      .from(lines)
      .innerJoin(areas, eq(areas.id, lines.areaId))
      .where(eq(lines.id, lineId));
    if (!line || line.siteId !== siteId) throw notFound('line', lineId, 'body.lineId');
  }
  const [row] = await w.tx
    .insert(plannedStops)
    .values({
      siteId,
      lineId,
      stationId: input.stationId ?? null,
      startsAt,
      endsAt,
      category: input.category,
      note: input.note ?? '',
      createdById: w.actor.personId,
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  await audit(w, { entityType: 'site', entityId: siteId, action: 'add-planned-stop', after: row });
  return row;
}

/** A site's planned stops that overlap a window, earliest first. */
export async function listPlannedStops(db: Db, viewer: Viewer, siteId: string, window: { from: Date; to: Date }) {
  await checkSees(db, viewer, 'site', siteId);
  return db
    .select()
    .from(plannedStops)
    .where(and(eq(plannedStops.siteId, siteId), lt(plannedStops.startsAt, window.to), gt(plannedStops.endsAt, window.from)))
    .orderBy(asc(plannedStops.startsAt), asc(plannedStops.id));
}

export async function removePlannedStop(w: Write, id: string) {
  const before = await findOrNotFound(w.tx, plannedStops, 'planned stop', id, { forUpdate: true });
  // Out of the caller's sites, it names nothing.
  await checkSees(w.tx, w.actor, 'site', before.siteId).catch(() => {
    throw notFound('planned stop', id);
  });
  await w.tx.delete(plannedStops).where(eq(plannedStops.id, id));
  await audit(w, { entityType: 'site', entityId: before.siteId, action: 'remove-planned-stop', before });
}

/** The planned stops that touch a line in a window: the site's, the line's and its stations' (raw rows). */
export async function plannedStopsOfLine(db: Db, siteId: string, lineId: string, window: { start: number; end: number }) {
  return db
    .select()
    .from(plannedStops)
    .where(
      and(
        eq(plannedStops.siteId, siteId),
        or(isNull(plannedStops.lineId), eq(plannedStops.lineId, lineId)),
        lt(plannedStops.startsAt, new Date(window.end)),
        sql`${plannedStops.endsAt} > ${sqlInstant(new Date(window.start))}`,
      ),
    );
}
