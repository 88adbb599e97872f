/** What the line page's views work with: the domain's answers as they are, and how a state is said. */
import type { lineLive, lineMetrics } from '../../server/metrics/metrics.ts';
import type { LineHeading, LineSources } from '../../server/metrics/lineSources.ts';
import { dateTime, duration, timeOfDay } from '../../server/web/format.ts';
import type { MessageKey } from '../../server/web/messages/en.ts';
import type { Translate } from '../../server/web/i18n.ts';

export type LineLive = Awaited<ReturnType<typeof lineLive>>;
export type LineMetrics = Awaited<ReturnType<typeof lineMetrics>>;
export type LiveStation = LineLive['stations'][number];
export type { LineHeading, LineSources };

export interface LineViewContext {
  t: Translate;
  now: Date;
  /** The site's time zone: every time on the line's pages is written in it. */
  zone: string;
}

/** The badge class of a station state: the word is always written beside it. */
const stateClasses: Record<string, string> = {
  running: 'ok',
  reduced_speed: 'warn',
  starved: 'info',
  blocked: 'info',
  unplanned_stop: 'bad',
  setup: 'warn',
  planned_stop: 'planned',
  offline: 'offline',
};

export function stateClass(state: string): string {
  return stateClasses[state] ?? 'offline';
}

/** The state in words (`down`, `waiting for parts`…), in the page's language. */
export function stateWord(t: Translate, state: string): string {
  return state in stateClasses ? t(`line.state.${state}` as MessageKey) : state;
}

/** States that stop the line's output at the station itself (not its neighbours): what a planner looks at first. */
export const STOPPED_STATES = new Set(['unplanned_stop', 'setup', 'offline', 'reduced_speed']);

/** An instant in the site's zone: the time only when it is today there, else with the date. */
export function siteTime(instant: Date | string, ctx: LineViewContext): string {
  const at = new Date(instant);
  const sameDay = dateTime(at, ctx.zone).slice(0, 10) === dateTime(ctx.now, ctx.zone).slice(0, 10);
  return sameDay ? timeOfDay(at, ctx.zone) : dateTime(at, ctx.zone);
}

/** An age kept current by app.js (`data 58 s old`), from a template with `{age}`. */
export function Age({ at, ctx, template }: { at: Date | string; ctx: LineViewContext; template: MessageKey }) {
  const instant = new Date(at);
  const seconds = (ctx.now.getTime() - instant.getTime()) / 1000;
  return (
    <time data-age datetime={instant.toISOString()} data-template={ctx.t(template)}>
      {ctx.t(template, { age: duration(seconds) })}
    </time>
  );
}
