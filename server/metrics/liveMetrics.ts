/**
 * The live metrics a KPI can be bound to and a question's run can predict: the same name means
 * the same quantity over the same kind of window, which is how a prediction meets its outcome.
 *
 * - `throughput`: parts produced (good and scrap) at the line's exit station (or at the station)
 *   per hour of planned production time in the window (shift time less breaks and planned stops).
 *   Measured, the hours are that station's planned busy time (ISO 22400 PBT: the calendar's planned
 *   stops and the time the station itself reported in `planned_stop` are both left out).
 * - `availability`, `performance`, `quality`, `oee`: the ISO 22400 ratios (0–1) of the window
 *   (`performance` is the effectiveness PRI × PQ ÷ APT); for a line, of its stations' elements summed
 *   first (never averaged), with the quantities of its exit station.
 * - `scrap_rate`: scrap ÷ produced (0–1), at the exit station (or at the station).
 * - `energy_per_good_part`: kWh of the line's (or station's) meters ÷ good parts at the exit (kWh/part).
 *
 * A window without any machine event of its stations (no state change, no cycle) has no value, and
 * neither has a ratio whose denominator is zero (see server/metrics/liveMetricValue.ts).
 */
export const LIVE_METRICS = ['throughput', 'availability', 'performance', 'quality', 'oee', 'scrap_rate', 'energy_per_good_part'] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

/** The unit each live metric is reported in. */
export const LIVE_METRIC_UNITS: Record<LiveMetric, string> = {
  throughput: 'parts/h',
  availability: 'ratio',
  performance: 'ratio',
  quality: 'ratio',
  oee: 'ratio',
  scrap_rate: 'ratio',
  energy_per_good_part: 'kWh/part',
};

/**
 * What a run predicts about one live metric of its line (or one station) over a window, for one
 * of its scenarios (the forecast, a maintenance placement, a mix): the mean and its 95 % interval.
 */
export interface MetricPrediction {
  metric: LiveMetric;
  /** Null: the line. */
  stationCode: string | null;
  /** The option the value is for: `forecast`, `not doing it`, a placement's or a mix's name. */
  scenario: string;
  /** The window the value is over, ISO instants, and its kind. */
  window: { start: string; end: string; kind: 'shift' | 'week' | '72h' | 'steady_state' };
  value: number;
  low: number;
  high: number;
  unit: string;
}
