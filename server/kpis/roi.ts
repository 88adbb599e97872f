import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { kpis, programs, useCases } from '../../db/schema/index.ts';
import { kpisOfUseCases } from './kpis.ts';
import { findOrNotFound } from '../core/lookup.ts';
import { checkSees, coverage, visibilityFor, type Viewer } from '../access/index.ts';

/**
 * The sponsor's ROI view: every KPI of the program with baseline, current, target and the
 * share of the gap closed; where a KPI carries a money value per unit of improvement, the
 * annual value realised so far and targeted, summed per currency. Only the use cases the viewer
 * sees count; `coverage` says how many use cases and KPIs in use that leaves out.
 */
export async function programRoi(db: Db, viewer: Viewer, programId: string, now: Date) {
  await checkSees(db, viewer, 'program', programId);
  const program = await findOrNotFound(db, programs, 'program', programId);
  const sees = await visibilityFor(db, viewer);
  const all = await db.select().from(useCases).where(eq(useCases.programId, programId)).orderBy(asc(useCases.createdAt));
  // Totals over what the viewer may see, saying how much of the program that leaves out.
  const cases = all.filter((u) => sees.scoped(u));
  const hidden = all.filter((u) => !sees.scoped(u)).map((u) => u.id);
  const [hiddenKpis] = hidden.length
    ? await db
        .select({ n: count() })
        .from(kpis)
        .where(and(inArray(kpis.useCaseId, hidden), isNull(kpis.archivedAt)))
    : [{ n: 0 }];
  const views = await kpisOfUseCases(
    db,
    cases.map((u) => u.id),
    now,
  );
  const totals = new Map<string, { currency: string; realisedAnnualValue: number; targetAnnualValue: number }>();
  const rows = views.map((k) => {
    const useCase = cases.find((u) => u.id === k.useCaseId);
    const baseline = k.baseline?.value ?? null;
    const current = k.progress.current?.value ?? null;
    let realised: number | null = null;
    let targeted: number | null = null;
    if (k.annualValuePerUnit !== null && baseline !== null) {
      targeted = roundMoney(Math.abs(k.target.value - baseline) * k.annualValuePerUnit);
      // Improvement in the KPI's own direction: a fall is a gain where lower is better.
      const improvement = current === null ? 0 : (current - baseline) * (k.direction === 'higher_is_better' ? 1 : -1);
      realised = roundMoney(improvement * k.annualValuePerUnit);
      const currency = k.currency ?? '';
      const t = totals.get(currency) ?? { currency, realisedAnnualValue: 0, targetAnnualValue: 0 };
      t.realisedAnnualValue = roundMoney(t.realisedAnnualValue + realised);
      t.targetAnnualValue = roundMoney(t.targetAnnualValue + targeted);
      totals.set(currency, t);
    }
    return {
      kpiId: k.id,
      kpi: k.name,
      unit: k.unit,
      direction: k.direction,
      useCaseId: k.useCaseId,
      useCase: useCase?.title ?? '',
      useCaseStatus: useCase?.status ?? 'proposed',
      baseline,
      current,
      currentPeriodEnd: k.progress.current?.periodEnd ?? null,
      target: k.target.value,
      targetDate: k.target.date,
      gapClosed: k.progress.gapClosed,
      trend: k.progress.trend.label,
      overdue: k.progress.overdue,
      realisedAnnualValue: realised,
      targetAnnualValue: targeted,
      currency: k.currency,
    };
  });
  return {
    programId,
    programName: program.name,
    asOf: now.toISOString(),
    kpis: rows,
    totals: [...totals.values()],
    coverage: coverage({ useCases: hidden.length, kpis: Number(hiddenKpis.n) }),
  };
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
