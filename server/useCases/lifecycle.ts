// Use-case lifecycle: proposed → piloting → operational → retired.
// A pilot can fall back to proposed and an operational use case back to piloting
// (the twin stopped earning trust); retired is final.

export type UseCaseStatus = 'proposed' | 'piloting' | 'operational' | 'retired';

export const allowedTransitions: Record<UseCaseStatus, UseCaseStatus[]> = {
  proposed: ['piloting', 'retired'],
  piloting: ['operational', 'proposed', 'retired'],
  operational: ['piloting', 'retired'],
  retired: [],
};

export interface ReadinessFacts {
  hasOwner: boolean;
  kpisWithBaseline: number;
}

export type MissingCondition = 'owner' | 'kpi_with_baseline';

/**
 * What stops a use case from becoming operational: an accountable owner and at least one
 * KPI with a baseline (value measured against). Empty when it may go operational.
 */
export function missingForOperational(facts: ReadinessFacts): MissingCondition[] {
  const missing: MissingCondition[] = [];
  if (!facts.hasOwner) missing.push('owner');
  if (facts.kpisWithBaseline < 1) missing.push('kpi_with_baseline');
  return missing;
}
