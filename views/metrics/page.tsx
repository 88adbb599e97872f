import { AuditTab } from '../audit/auditTab.tsx';
import { LineLinks } from '../components/lineLinks.tsx';
import { LivePart } from './live.tsx';
import type { LineHeading, LineLive, LineMetrics, LineSources, LineViewContext } from './model.tsx';
import { SourcesSection } from './sources.tsx';
import { StopsSection } from './stops.tsx';
import { LineTrackRecordSection, type LineTrackRecord } from './trackRecord.tsx';

export interface LinePageProps {
  line: LineHeading;
  live: LineLive;
  metrics: LineMetrics;
  sources: LineSources['sources'];
  /** How well the twin's predictions about the line held. */
  trackRecord: LineTrackRecord;
  ctx: LineViewContext;
}

/** The CSV link of one of the page's tables. */
export function lineCsv(lineId: string, table: 'stations' | 'oee' | 'stops' | 'sources'): string {
  return `/lines/${lineId}?format=csv&table=${table}`;
}

/**
 * A line at a glance, for a planner at shift start: what is down now and why (live), how the
 * shift is going (output against plan, OEE and its losses), which stops cost the most, how well
 * the twin's predictions about it held, and whether the data behind it all is fresh.
 */
export function LinePage({ line, live, metrics, sources, trackRecord, ctx }: LinePageProps) {
  const { t } = ctx;
  return (
    <>
      <LineLinks line={line} t={t} pages={['balance', 'simulate', 'questions']} />
      <LivePart
        lineId={line.id}
        live={live}
        metrics={metrics}
        ctx={ctx}
        csv={{ stations: lineCsv(line.id, 'stations'), oee: lineCsv(line.id, 'oee') }}
      />
      <StopsSection metrics={metrics} ctx={ctx} csvHref={lineCsv(line.id, 'stops')} />
      <LineTrackRecordSection record={trackRecord} ctx={ctx} />
      <SourcesSection sources={sources} ctx={ctx} csvHref={lineCsv(line.id, 'sources')} />
      <AuditTab entityType="line" entityId={line.id} t={t} zone={ctx.zone} />
    </>
  );
}
