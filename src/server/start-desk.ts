import { serve, type ServerType } from '@hono/node-server';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHttpApp } from './http-app.ts';
import { seedDemo } from './demo/seed-demo.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { chooseDatabase, openDatabase } from './platform/db/open-database.ts';
import { migrate } from './platform/db/migrate.ts';
import type { Logger } from './platform/logger.ts';
import { createServices, type Services } from './services.ts';
import { closeOrphanedCalls } from './calls/record-call.ts';
import { createNotificationAdapters, ZNotificationConfig } from './notifications/notification-config.ts';
import { createNotificationWorker } from './notifications/notification-worker.ts';
import { parseInput } from './platform/validation.ts';
import { startPhoneLine } from './phone-line/phone-line.ts';
import { createMetricsRegistry } from './metrics/metrics-registry.ts';
import { registerDeskMetrics } from './metrics/desk-metrics.ts';
import { registerPhoneLineMetrics } from './metrics/phone-line-metrics.ts';
import { createDispatchWorker } from './dispatch/dispatch-worker.ts';
import { createOsrmTravelTimes, greatCircleOnly } from './dispatch/travel-times.ts';

const webRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface RunningDesk {
  services: Services;
  port: number;
  sipPort: number | undefined;
  demoPassword?: string;
  stop(): Promise<void>;
}

/** Wires the desk from its configuration: database, migrations, demo seed, HTTP. */
export async function startDesk(config: Config, options: { log: Logger; clock: Clock; phoneLine?: boolean }): Promise<RunningDesk> {
  const { log } = options;
  const choice = chooseDatabase(config);
  const db = await openDatabase(choice);
  log.info('database opened', { kind: choice.kind, ...(choice.kind === 'pglite' ? { dataDir: choice.dataDir } : {}) });
  let ready = false;
  const applied = await migrate(db);
  if (applied.length) log.info('migrations applied', { applied });
  const services = await createServices(db, {
    log, clock: options.clock, secureCookies: config.secureCookies, publicUrl: config.publicUrl,
    travel: config.osrmUrl ? createOsrmTravelTimes({ baseUrl: config.osrmUrl }) : greatCircleOnly,
    smsAuthToken: config.notifications.sms?.authToken,
  });
  const seed = config.demo ? await seedDemo(services, { password: config.demoPassword }) : { seeded: false };
  if (seed.seeded) log.info('demo desk seeded', { tenant: 'Reparaciones Martínez', line: '+34900100200' });

  const orphans = await closeOrphanedCalls(services);
  if (orphans) log.warn('calls left open by the previous run were closed', { count: orphans });
  const phoneLine = options.phoneLine === false ? undefined : await startPhoneLine(services, log, {
    sipHost: config.sipHost, sipPort: config.sipPort, rtpPorts: config.rtpPorts, dataDir: config.dataDir,
    rtpInactivityMs: config.rtpTimeoutSeconds * 1000,
  });
  if (phoneLine) {
    // The queues rebuild from the database once the line knows which operators' phones are registered.
    await services.acd.start(phoneLine.acdTelephony, { registrationOf: phoneLine.registrationOf });
    phoneLine.connectAcd(services.acd.entry);
  }

  const notifications = parseInput(ZNotificationConfig, JSON.parse(JSON.stringify(config.notifications)), 'notification settings');
  const worker = createNotificationWorker({
    db, clock: options.clock, log: log.child({ worker: 'notifications' }),
    adapters: createNotificationAdapters(notifications, { clock: options.clock, log }),
    pollMs: notifications.worker.pollMs, leaseMs: notifications.worker.leaseMs, maxAttempts: notifications.worker.maxAttempts,
  });
  worker.start();
  const dispatchWorker = createDispatchWorker(services);
  dispatchWorker.start();
  services.events.on('case.created', () => dispatchWorker.nudge());

  const metrics = createMetricsRegistry();
  registerDeskMetrics(metrics, db);
  if (phoneLine) registerPhoneLineMetrics(metrics, phoneLine);
  const app = createHttpApp(services, {
    webRoot: existsSync(webRoot) ? webRoot : undefined, version, isReady: () => ready, metrics: { registry: metrics, token: config.metricsToken },
    sipPort: phoneLine?.sipPort,
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  ready = true;
  log.info('http listening', { port, host: config.host });

  return {
    services,
    port,
    sipPort: phoneLine?.sipPort,
    demoPassword: seed.seeded ? seed.password : undefined,
    async stop() {
      ready = false;
      await closeHttpServer(server);
      services.acd.stop();
      await phoneLine?.stop();
      await worker.stop();
      await dispatchWorker.stop();
      await db.close();
    },
  };
}

/**
 * Stops taking connections and lets requests in flight finish; live event streams (the console's)
 * never end by themselves, so whatever is still open after a short grace is closed.
 */
async function closeHttpServer(server: ServerType, graceMs = 2_000): Promise<void> {
  const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  http.closeIdleConnections?.();
  const grace = setTimeout(() => http.closeAllConnections?.(), graceMs);
  await closed;
  clearTimeout(grace);
}
