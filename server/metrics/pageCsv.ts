import type { CsvTable } from '../web/index.ts';
import type { lineLive, lineMetrics } from './metrics.ts';
import type { LineHeading, LineSources } from './lineSources.ts';

type Figure = { value: number } | { value: null; reason: string };

interface LineData {
  line: LineHeading;
  live: Awaited<ReturnType<typeof lineLive>>;
  metrics: Awaited<ReturnType<typeof lineMetrics>>;
  sources: LineSources;
  now: Date;
}

const value = (f: Figure) => f.value;
const instant = (iso: string | null) => (iso ? new Date(iso) : null);

/** The line page's tables as CSV (`table=stations|oee|stops|sources`; stations when not said), in ISO times and plain numbers. */
export function lineCsvTable(table: string | undefined, d: LineData): CsvTable {
  const name = (what: string) => `line-${d.line.code}-${what}-${d.now.toISOString().slice(0, 16)}`;
  if (table === 'oee')
    return {
      name: name('oee'),
      columns: [
        'station',
        'window_from',
        'window_to',
        'oee',
        'availability',
        'performance',
        'quality',
        'pbt_s',
        'apt_s',
        'adet_s',
        'asut_s',
        'adot_s',
        'produced',
        'good',
        'failures',
      ],
      rows: d.metrics.stations.map((s) => [
        s.code,
        instant(d.metrics.window.from),
        instant(d.metrics.window.to),
        value(s.figures.oee),
        value(s.figures.availability),
        value(s.figures.effectiveness),
        value(s.figures.quality),
        s.elements.PBT,
        s.elements.APT,
        s.elements.ADET,
        s.elements.ASUT,
        s.elements.ADOT,
        s.elements.PQ,
        s.elements.GQ,
        s.reliability.failures,
      ]),
    };
  if (table === 'stops')
    return {
      name: name('stops'),
      columns: ['reason', 'name', 'category', 'state', 'classified', 'seconds', 'count', 'microstops'],
      rows: d.metrics.stopReasons.byTime.map((g) => [
        g.reason,
        g.name,
        g.category,
        g.state,
        g.classified,
        g.seconds,
        g.count,
        g.microstops,
      ]),
    };
  if (table === 'sources')
    return {
      name: name('sources'),
      columns: ['name', 'code', 'kind', 'scope', 'freshness', 'newest_at', 'age_s', 'expected_refresh_s', 'max_latency_s', 'use_cases'],
      rows: d.sources.sources.map((s) => [
        s.name,
        s.code,
        s.kind,
        s.scope,
        s.freshness.status,
        s.newestAt,
        s.freshness.ageSeconds,
        s.expectedRefreshSeconds,
        s.maxLatencySeconds,
        s.useCases.map((u) => u.title).join('; '),
      ]),
    };
  return {
    name: name('stations'),
    columns: ['station', 'name', 'state', 'known', 'reason', 'reason_name', 'since', 'last_event_at', 'buffer_level', 'buffer_basis'],
    rows: d.live.stations.map((s) => [
      s.code,
      s.name,
      s.state,
      s.known,
      s.reason,
      s.reasonName,
      instant(s.since),
      instant(s.lastEventAt),
      s.buffer.level,
      s.buffer.level === null ? s.buffer.reason : s.buffer.basis,
    ]),
  };
}
