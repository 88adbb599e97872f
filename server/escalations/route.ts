// Escalation routing. Step 0 is the first assignee (the owner); step k is the k-th person on
// the owning group's route. An overdue escalation moves to the person after the current
// assignee on the route — or to the route's first person when the assignee is not on it.

export interface RouteStep {
  personId: string;
  step: number;
}

/** The next person to take an overdue escalation, or null when the route is exhausted. */
export function nextOnRoute(route: string[], assigneeId: string, currentStep: number): RouteStep | null {
  const position = route.indexOf(assigneeId);
  const from = position >= 0 ? position + 1 : currentStep;
  for (let i = from; i < route.length; i++) {
    if (route[i] !== assigneeId) return { personId: route[i], step: i + 1 };
  }
  return null;
}

export type Severity = 'critical' | 'high' | 'normal' | 'low';

/** The resolution SLA, in hours, of a severity under a program's settings. */
export function slaHoursFor(
  severity: Severity,
  program: { slaCriticalHours: number; slaHighHours: number; slaNormalHours: number; slaLowHours: number },
): number {
  return { critical: program.slaCriticalHours, high: program.slaHighHours, normal: program.slaNormalHours, low: program.slaLowHours }[
    severity
  ];
}

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}
