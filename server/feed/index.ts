/** The plant feed: a line's simulation trace sent as machine events through an ingest path (the demo's live data, `twinward feed`). */
export { startFeed, type FeedLine, type FeedSink, type RunningFeed } from './feed.ts';
export { feedLines } from './lines.ts';
export { httpSink, mqttSink } from './sinks.ts';
export { startDemoFeed, demoLineIds } from './demo.ts';
export { TraceTranslator, type FeedEvent } from './translate.ts';
