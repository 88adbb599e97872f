import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

export interface TestBroker {
  url: string;
  /** True for the real broker of MQTT_URL (Mosquitto in CI), false for the in-process aedes. */
  external: boolean;
  /** The MQTT version to speak to it: 5 to Mosquitto, 3.1.1 to aedes (which has no MQTT 5). */
  protocolVersion: 4 | 5;
  close(): Promise<void>;
}

/**
 * The MQTT broker of MQTT_URL when it is set (CI runs Mosquitto), else an aedes broker in this
 * process on a free port. Tests isolate themselves on a shared broker by their own client ids and
 * topic root.
 */
export async function startTestBroker(): Promise<TestBroker> {
  if (process.env.MQTT_URL) return { url: process.env.MQTT_URL, external: true, protocolVersion: 5, close: async () => {} };
  const broker = await Aedes.createBroker();
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    external: false,
    protocolVersion: 4,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
