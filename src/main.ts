import { startApp, type RunningApp } from './app.ts';
import { ConfigErrors, loadConfig } from './config.ts';
import { oneLineReason } from './db/database.ts';
import { createLogger } from './logger.ts';

function oneLine(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `port ${(error as NodeJS.ErrnoException & { port?: number }).port ?? ''} is already in use; set PORT to a free port`;
  }
  return oneLineReason(error);
}

/**
 * The server process. Start-up failures (a setting, the database, the port) end it with status
 * 1 after plain lines on stderr, one per problem: an operator reads them in a terminal. Once it
 * runs, it logs JSON lines on stdout (src/logger.ts). SIGTERM or SIGINT stops it gracefully (a
 * second one, impatient, ends it at once).
 */
try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let app: RunningApp | undefined;
  let stopSignal: string | null = null;
  const stop = (signal: string) => {
    if (stopSignal !== null) {
      log.warn({ signal }, `${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopSignal = signal;
    if (!app) {
      // Still starting (a migration may be running): stop as soon as it has started.
      log.info({ signal }, `${signal}: stopping once start-up has finished`);
      return;
    }
    log.info({ signal, graceMs: config.shutdownGraceMs }, `${signal}: no new connections; finishing requests in flight, then stopping`);
    app.stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, `could not stop cleanly: ${oneLine(error)}`);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal must not kill the process half-way through stopping.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  app = await startApp({ ...config, log });
  if (stopSignal !== null) {
    const signal: string = stopSignal;
    stopSignal = null;
    stop(signal);
  }
} catch (error) {
  const problems = error instanceof ConfigErrors ? error.problems : [oneLine(error)];
  for (const problem of problems) console.error(`stancegraph: ${problem}`);
  process.exit(1);
}
