import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { programs, useCases } from '../../db/schema/index.ts';
import { checkSees, visibilityFor, type Viewer } from '../access/index.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { ruleOfProgram, trackRecordsOf } from '../decisions/index.ts';

/**
 * The sponsor's evidence of trust in a program's twin: the track record of each use case the viewer
 * sees that has checked predictions, and, as `evidence`, those whose record is good (most of their
 * predictions came true within their interval, without bias: server/decisions/trackRecord.ts), and
 * the program's rule they are judged by.
 */
export async function programTrust(db: Db, viewer: Viewer, programId: string, now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const program = await findOrNotFound(db, programs, 'program', programId);
  const sees = await visibilityFor(db, viewer);
  const cases = (await db.select().from(useCases).where(eq(useCases.programId, programId))).filter(
    (u) => u.status !== 'retired' && sees.scoped(u),
  );
  const rule = ruleOfProgram(program);
  const records = (await trackRecordsOf(db, cases, rule, now))
    .filter((r) => r.predictionsChecked > 0)
    .map((r) => ({
      useCaseId: r.useCaseId,
      title: r.title,
      verdict: r.verdict,
      decisionsChecked: r.decisionsChecked,
      predictionsChecked: r.predictionsChecked,
      inside: r.inside,
      insideShare: r.insideShare,
      meanRelativeBias: r.meanRelativeBias,
      trend: r.trend.label,
    }));
  return { evidence: records.filter((r) => r.verdict === 'good'), trackRecords: records, rule };
}

export type ProgramTrust = Awaited<ReturnType<typeof programTrust>>;
