/** Machine events from an MQTT broker: the Unified Namespace subscriber. */
export { startUnsSubscriber, type MqttSettings, type MqttStats, type UnsSubscriber } from './unsSubscriber.ts';
export { parseUnsTopic, payloadEvents, unsSubscriptions } from './unsTopics.ts';
export { numberOf, parseSparkplugTopic, SparkplugHost } from './sparkplug.ts';
export { sparkplugRoutes } from './routes.ts';
