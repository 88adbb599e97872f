/** Machine data: the event format and state model, ingest with de-duplication, day partitions and retention. */
export { defaultIngestSettings, ingestEvents, MAX_BATCH_EVENTS, type IngestResult, type IngestSettings } from './ingest.ts';
export { maintainPartitions } from './partitions.ts';
export { eventRoutes } from './routes.ts';
export { mapState, stateClasses, umhStateTable, type StateClass } from './stateModel.ts';
