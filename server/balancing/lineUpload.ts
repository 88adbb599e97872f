/**
 * An uploaded `.alb` or CSV file balanced for a line: the run is stored with the line, so the
 * line's balance page lists it and can show it beside the line's current balance. The line's
 * stored tasks stay as they are (replacing them is `setLineTasks`).
 */
import { lines } from '../../db/schema/index.ts';
import { checkSees } from '../access/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import type { Actor, AppDeps } from '../deps.ts';
import { balanceAndRecord, uploadedProblem, uploadPlace, type BalanceTarget, type UploadVariants } from './lineBalancing.ts';

export interface LineUpload {
  format: 'alb' | 'csv';
  text: string;
  target: BalanceTarget;
  variants?: UploadVariants;
  title?: string;
}

/**
 * Balances an uploaded file as a run of the line (the actor must see the line). Refusals name
 * the field as an upload does: `query.<option>` for a target or option, `body` for the file.
 */
export async function balanceUploadForLine(deps: AppDeps, actor: Actor, lineId: string, upload: LineUpload) {
  await checkSees(deps.db, actor, 'line', lineId);
  const line = await findOrNotFound(deps.db, lines, 'line', lineId);
  const problem = uploadedProblem(upload.format, upload.text, upload.target, upload.variants);
  const title = upload.title ?? `${line.name}: uploaded ${upload.format} file`;
  return balanceAndRecord(deps, actor, { lineId, title, problem }, uploadPlace);
}
