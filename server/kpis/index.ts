/** KPIs of use cases with baseline, target, cadence and owner; their measurements, progress and ROI. */
export { createKpi, kpisOfUseCases, recordMeasurement } from './kpis.ts';
export { programRoi } from './roi.ts';
export { kpiRoutes } from './routes.ts';
export { measurementSeries } from './series.ts';
