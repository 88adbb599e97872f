/** Starts twinward: environment → database (migrated) → demo seed → HTTP server. */
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DamagedDataError, openDatabase } from '../db/client.ts';
import { createApp } from './app.ts';
import { mqttSettings, notificationSettings, readEnv, singleSignOnSettings } from './env.ts';
import { createSingleSignOn } from './sessions/index.ts';
import { startSweeper } from './sweeper.ts';
import { smtpMailer } from './notifications/index.ts';
import { startSimulationRunner } from './simulation/index.ts';
import { besideCaller, closeWorkerPools } from './threads/pool.ts';
import { seedIfEmpty } from './setup.ts';
import { demoLineIds, startDemoFeed } from './feed/index.ts';

const env = (() => {
  try {
    return readEnv();
  } catch (err) {
    // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
    console.error((err as Error).message);
    process.exit(1);
  }
})();
if (!env.DATABASE_URL && !existsSync(join(env.DATA_DIR, 'PG_VERSION'))) {
  // A new embedded database is initialised and seeded by a child process that exits (see firstStart.ts).
  const entry = fileURLToPath(besideCaller(import.meta.url, './firstStart'));
  execFileSync(process.execPath, [...process.execArgv.filter((a) => !a.startsWith('--watch')), entry], { stdio: 'inherit' });
}
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR }).catch((err) => {
  if (!(err instanceof DamagedDataError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${env.DATA_DIR}`;
await seedIfEmpty(database.db, database.kind, env);

const jobs = { wakeSimulations: () => simulations.wake() };
const sessions = {
  idleMs: env.SESSION_IDLE_MINUTES * 60_000,
  absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
  trustedProxies: env.TRUSTED_PROXIES,
};
const sso = singleSignOnSettings(env);
const singleSignOn = sso && createSingleSignOn(sso);
const demoPlant = (await demoLineIds(database.db)).length > 0;
const demoFeedOn = env.DEMO_FEED === 'on' && demoPlant;
// Demo mode: the sign-in page lists the demo people (whose password is public).
const demo = env.SEED === 'demo' && demoPlant;
// The demo keeps a week of machine data, so that its data folder stays small.
const ingest = { retentionDays: env.EVENT_RETENTION_DAYS ?? (demoFeedOn ? 7 : 90) };
const mail = notificationSettings(env);
const notifications = {
  publicUrl: mail.publicUrl,
  mailer: mail.smtp && smtpMailer(mail.smtp),
  webhookAllowedHosts: mail.webhookAllowedHosts,
};
const deps = { db: database.db, dbKind: database.kind, clock: () => new Date(), jobs, sessions, singleSignOn, ingest, demo, notifications };
const app = createApp(deps);
const sweeper = startSweeper(deps, env.SWEEP_INTERVAL_SECONDS * 1000);
const simulations = startSimulationRunner(deps);
const mqtt = mqttSettings(env);
// Loaded only with a broker configured: the MQTT client weighs about 18 MiB.
const uns = mqtt && (await import('./mqtt/index.ts')).startUnsSubscriber(deps, mqtt);
const feed = demoFeedOn
  ? await startDemoFeed(deps, { speedup: env.DEMO_FEED_SPEEDUP, backfillHours: env.DEMO_FEED_BACKFILL_HOURS, app }, (line) =>
      console.log(line),
    )
  : null;
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`twinward listening on http://localhost:${info.port} (database: ${where})`);
  if (sso) console.log(`  single sign-on: ${sso.issuer.href} (redirect URI to register: ${sso.redirectUri.href})`);
  if (mqtt)
    console.log(`  MQTT: following ${mqtt.topicPrefix}+/+/+/+/+/{state,cycle,energy,buffer,count} on ${mqtt.url} as ${mqtt.clientId}`);
  console.log(
    mail.smtp
      ? `  notifications: email from ${mail.smtp.from} through ${new URL(mail.smtp.url).host}, links to ${mail.publicUrl}`
      : `  notifications: no SMTP_URL, so email stays in the outbox as undeliverable; links to ${mail.publicUrl}`,
  );
  console.log(`  API reference: http://localhost:${info.port}/api/docs   health: http://localhost:${info.port}/healthz`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  // Stop accepting and let the requests in flight finish: connections are closed as soon as they
  // are idle (keep-alive would hold them open), and all of them after 10 s. Meanwhile the sweeps
  // finish their pass and a simulation in progress goes back to the queue for another instance.
  const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => http.closeIdleConnections?.(), 100);
  const forced = setTimeout(() => http.closeAllConnections?.(), 10_000);
  http.closeIdleConnections?.();
  await Promise.all([closed, sweeper.stop(), simulations.stop(), uns?.stop(), feed?.stop()]);
  clearInterval(idle);
  clearTimeout(forced);
  notifications.mailer?.close();
  await closeWorkerPools();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
