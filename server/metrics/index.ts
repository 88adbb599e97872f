/** ISO 22400 live metrics of stations and lines from their machine events, cut by the work schedule. */
export { lineLive, lineMetrics, lineShift, lineStationLoads, stationMetrics } from './metrics.ts';
export { metricsRoutes } from './routes.ts';
export { eventsOf, loadLine, type LoadedLine } from './load.ts';
