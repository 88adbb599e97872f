import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programs } from '../../db/schema/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkMayChange, checkSees, systemViewer, type Viewer } from '../access/index.ts';
import { findActive } from '../core/lifecycle.ts';
import { nextVersion } from '../core/versions.ts';
import { audit, type Write } from '../core/write.ts';
import { effectiveSettings, type WarningSettingsOverrides } from './settings.ts';

/** A program's overrides and the settings in effect. */
export async function getWarningSettings(db: Db, viewer: Viewer, programId: string) {
  await checkSees(db, viewer, 'program', programId);
  const program = await findOrNotFound(db, programs, 'program', programId);
  return {
    overrides: program.earlyWarningSettings as WarningSettingsOverrides,
    effective: effectiveSettings(program.earlyWarningSettings),
  };
}

/** Replaces a program's overrides (an empty object restores the defaults): its sponsor's or an admin's call. */
export async function setWarningSettings(w: Write, programId: string, overrides: WarningSettingsOverrides) {
  await checkMayChange(w, 'program', programId, { owners: false });
  const before = await findActive(w.tx, programs, 'program', programId, { forUpdate: true });
  await w.tx
    .update(programs)
    .set({ earlyWarningSettings: overrides, version: nextVersion(programs), updatedAt: w.now })
    .where(eq(programs.id, programId));
  await audit(w, {
    entityType: 'program',
    entityId: programId,
    action: 'early-warning-settings',
    before: before.earlyWarningSettings,
    after: overrides,
  });
  return getWarningSettings(w.tx, systemViewer, programId);
}
