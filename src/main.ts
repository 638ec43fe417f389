import cluster from 'node:cluster';
import type { RunningApp } from './app.ts';
import { isClusterMessage, superviseWorkers, type ClusterMessage } from './cluster.ts';
import { ConfigErrors, loadConfig, loadDotEnv, type AppConfig } from './config.ts';
import { ConnectionShare } from './http/connection-share.ts';
import { createLogger, type Logger } from './logger.ts';

async function oneLine(error: unknown): Promise<string> {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `port ${(error as NodeJS.ErrnoException & { port?: number }).port ?? ''} is already in use; set PORT to a free port`;
  }
  // Loaded when needed: the database module brings the drivers, which a supervisor never uses.
  const { oneLineReason } = await import('./db/database.ts');
  return oneLineReason(error);
}

/**
 * Serves the API from this process until SIGTERM or SIGINT (or, as a worker of src/cluster.ts,
 * the supervisor's stop message) stops it gracefully; a second signal ends it at once.
 */
async function serve(config: AppConfig, log: Logger): Promise<void> {
  let app: RunningApp | undefined;
  let stopSignal: string | null = null;
  const stop = (signal: string, impatient: boolean) => {
    if (stopSignal !== null) {
      if (!impatient) return;
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
      async (error: unknown) => {
        log.error({ err: error }, `could not stop cleanly: ${await oneLine(error)}`);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal must not kill the process half-way through stopping.
  process.on('SIGTERM', () => stop('SIGTERM', true));
  // A worker of several reports the connections it holds, and releases those beyond its share when
  // the supervisor asks (src/http/connection-share.ts).
  const connectionShare = cluster.isWorker ? new ConnectionShare((open) => process.send?.({ type: 'connections', open } satisfies ClusterMessage)) : null;
  if (cluster.isWorker) {
    // The supervisor stops its workers (src/cluster.ts); a terminal's Ctrl-C reaches them too.
    process.on('SIGINT', () => undefined);
    process.on('message', (message: unknown) => {
      if (isClusterMessage(message, 'stop')) stop('stop from the supervisor', false);
      else if (isClusterMessage(message, 'release-connections')) connectionShare?.release(message.count);
    });
  } else {
    process.on('SIGINT', () => stop('SIGINT', true));
  }
  // Imported here, not at the top: a supervisor (src/cluster.ts) never loads the app, so it stays
  // a small process.
  const { startApp } = await import('./app.ts');
  app = await startApp({ ...config, log, connectionShare });
  process.send?.({ type: 'ready' } satisfies ClusterMessage);
  if (stopSignal !== null) {
    const signal: string = stopSignal;
    stopSignal = null;
    stop(signal, false);
  }
}

/**
 * The server process. Start-up failures (a setting, the database, the port) end it with status
 * 1 after plain lines on stderr, one per problem: an operator reads them in a terminal. Once it
 * runs, it logs JSON lines on stdout (src/logger.ts). With WEB_CONCURRENCY above 1 it
 * supervises that many server processes instead (src/cluster.ts). A `.env` file in the current
 * directory is read first; the process's environment wins over it.
 */
try {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  if (config.webConcurrency > 1 && cluster.isPrimary) superviseWorkers({ processes: config.webConcurrency, shutdownGraceMs: config.shutdownGraceMs, log });
  else await serve(config, cluster.isWorker ? log.child({ worker: cluster.worker?.id, pid: process.pid }) : log);
} catch (error) {
  const problems = error instanceof ConfigErrors ? error.problems : [await oneLine(error)];
  for (const problem of problems) console.error(`stancegraph: ${problem}`);
  process.exit(1);
}
