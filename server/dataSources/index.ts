/** Data sources with freshness thresholds, the trust of the use cases on them, and the freshness sweep. */
export { createDataSource, linkDataSource, recordHeartbeat, trustOf } from './dataSources.ts';
export { dataSourceRoutes } from './routes.ts';
export { checkSourceFreshness, sweepFreshness } from './sweep.ts';
