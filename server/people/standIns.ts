import { and, asc, eq, gte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { people, standIns } from '../../db/schema/index.ts';
import { ForbiddenError, invalidInput } from '../core/errors.ts';
import { findActive } from '../core/lifecycle.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { audit, type Write } from '../core/write.ts';
import { dateIn } from '../core/calendar.ts';

export interface StandInInput {
  standInId: string;
  fromDate: string;
  toDate: string;
  note?: string;
}

/** A person arranges their own stand-ins; an admin arranges anyone's. */
function checkArranges(w: Write, personId: string): void {
  if (w.actor.role !== 'admin' && w.actor.personId !== personId) {
    throw new ForbiddenError("only the person or an admin arranges a person's stand-ins");
  }
}

/**
 * Records that `standInId` acts for `personId` from one date to another (both included): while it
 * holds, the stand-in may change what the person owns. Dates are calendar days of the programs
 * concerned; a stand-in ending in the past is refused, as it could never act.
 */
export async function createStandIn(w: Write, personId: string, input: StandInInput) {
  await findActive(w.tx, people, 'person', personId);
  checkArranges(w, personId);
  if (input.standInId === personId) throw invalidInput('body.standInId', 'a person cannot stand in for themselves');
  await findActive(w.tx, people, 'person', input.standInId, { field: 'body.standInId' });
  if (input.toDate < input.fromDate) throw invalidInput('body.toDate', 'lies before fromDate');
  // The earliest zone's today: a stand-in ending yesterday everywhere is of no use.
  if (input.toDate < dateIn(w.now, 'Etc/GMT+12')) throw invalidInput('body.toDate', 'lies in the past');
  const [row] = await w.tx
    .insert(standIns)
    .values({
      personId,
      standInId: input.standInId,
      fromDate: input.fromDate,
      toDate: input.toDate,
      note: input.note ?? '',
      createdAt: w.now,
    })
    .returning();
  await audit(w, { entityType: 'stand_in', entityId: row.id, action: 'create', after: row });
  return row;
}

/** Ends a stand-in arrangement (removes it; the audit log keeps it). */
export async function deleteStandIn(w: Write, id: string) {
  const before = await findOrNotFound(w.tx, standIns, 'stand-in', id, { forUpdate: true });
  checkArranges(w, before.personId);
  await w.tx.delete(standIns).where(eq(standIns.id, id));
  await audit(w, { entityType: 'stand_in', entityId: id, action: 'delete', before });
}

/** Who stands in for a person and for whom they stand in, current and coming (ended ones left out unless asked). */
export async function listStandIns(db: Db, personId: string, now: Date, options: { ended?: boolean } = {}) {
  await findOrNotFound(db, people, 'person', personId);
  const involves = or(eq(standIns.personId, personId), eq(standIns.standInId, personId));
  const notEnded = gte(standIns.toDate, dateIn(now, 'Etc/GMT+12'));
  return db
    .select()
    .from(standIns)
    .where(options.ended ? involves : and(involves, notEnded))
    .orderBy(asc(standIns.fromDate), asc(standIns.id));
}
