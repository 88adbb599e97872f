/** KPIs of use cases with baseline, target, cadence and owner; their measurements, progress and ROI. */
export { createKpi, kpisOfUseCases, recordMeasurement } from './kpis.ts';
export { programRoi } from './roi.ts';
export { kpiRoutes } from './routes.ts';
export { measurementSeries } from './series.ts';
export { kpiScale, liveView, type LiveInput } from './liveBinding.ts';
export { sweepLiveMeasurements, type LiveMeasurementOutcome } from './liveMeasurements.ts';
export { addCadence, cadencePeriodOf, finishedPeriods, periodWindow, type CadencePeriod } from './periods.ts';
export { measurementGraceDays, type Cadence } from './progress.ts';
