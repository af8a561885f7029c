import { systemClock } from './platform/clock.ts';
import { ConfigError, parseConfig } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { startDesk } from './start-desk.ts';

/** The composition root: the only place that reads the environment and picks adapters. */
async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const desk = await startDesk(config, { log, clock: systemClock });
  if (desk.demoPassword && !config.demoPassword) {
    // Shown once, on the console only: the generated password is the newcomer's way in.
    process.stderr.write(
      `\n  Demo desk ready. Sign in at http://localhost:${desk.port}/ as admin@demo.local, operator@demo.local\n` +
        `  or tech1@demo.local … tech5@demo.local with the password: ${desk.demoPassword}\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await desk.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`centralita failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
