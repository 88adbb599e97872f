/** ISO 22400 live metrics of stations and lines from their machine events, cut by the work schedule. */
export { lineLive, lineMetrics, lineShift, lineStationLoads, stationMetrics } from './metrics.ts';
export { metricsRoutes } from './routes.ts';
export { eventsOf, loadLine, plannedStopsOf, type LoadedLine } from './load.ts';
export { LIVE_METRICS, LIVE_METRIC_UNITS, type LiveMetric, type MetricPrediction } from './liveMetrics.ts';
export { lineOfBinding, liveMetricValue, type LiveBinding, type LiveValue } from './liveMetricValue.ts';
