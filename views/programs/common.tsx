import type { Translate } from '../../server/web/i18n.ts';
import { duration } from '../../server/web/format.ts';
import type { TimelineStatus } from '../charts/timeline.tsx';

/**
 * The age of a figure (or the time past a deadline) in words, the same text the browser then
 * keeps current every second (`app.js` reads `data-template`).
 */
export function Age({ instant, now, template }: { instant: Date | string; now: Date; template: string }) {
  const at = new Date(instant);
  const text = template.replace('{age}', duration((now.getTime() - at.getTime()) / 1000));
  return (
    <time data-age datetime={at.toISOString()} data-template={template}>
      {text}
    </time>
  );
}

/** How a milestone reads on the page: at risk (missed in two reviews in a row) before its stored status. */
export function milestoneState(m: { status: 'planned' | 'met' | 'missed' | 'deferred'; atRisk: boolean }): TimelineStatus {
  return m.atRisk ? 'at_risk' : m.status;
}

/** A milestone's state as a badge with its word. */
export function MilestoneBadge({ t, state }: { t: Translate; state: TimelineStatus }) {
  return <span class={`badge ${state}`}>{t(`sponsor.status.${state}`)}</span>;
}

/** A due date as people say it: the quarter when it is due in one, else the day. */
export function dueText(m: { dueQuarter: string | null; dueBy: string }): string {
  return m.dueQuarter ? m.dueQuarter.replace('-', ' ') : m.dueBy;
}
