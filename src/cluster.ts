/**
 * WEB_CONCURRENCY > 1: this process becomes a supervisor that runs that many server processes
 * sharing one port (node:cluster; the supervisor accepts connections and hands them to the
 * workers in turn). The API keeps nothing between requests in memory (keys, limits and writes
 * live in the database), so its processes need no coordination: one per core lets the server
 * use every core of the machine, where one process is bound to one.
 *
 * The supervisor serves nothing itself. It
 * - starts the workers, and stops all of them and exits 1 when one fails to start (a setting,
 *   the port, the database): the failure is the worker's own lines on stderr;
 * - replaces a worker that ends unexpectedly once it had started;
 * - on SIGTERM or SIGINT asks every worker to stop gracefully (each finishes its requests in
 *   flight within SHUTDOWN_GRACE_MS, as a single process does) and exits 0 once all have
 *   stopped cleanly (1 otherwise); a second signal ends them at once.
 *
 * - keeps the workers' keep-alive connections evenly spread (src/http/connection-share.ts);
 * - starts them with its own V8 flags, and with V8's garbage collection on one thread when there
 *   are as many processes as cores (`workerExecArgv`).
 *
 * Messages between them: a worker sends `{ type: 'ready' }` once it serves, and `{ type:
 * 'connections', open }` when the count of connections it holds changes; the supervisor sends
 * `{ type: 'stop' }`, and `{ type: 'release-connections', count }` to a worker holding more than
 * its share. Workers ignore SIGINT: a Ctrl-C in a terminal reaches the whole process group, and
 * the supervisor's message is what stops them (once).
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { excessOf } from './http/connection-share.ts';
import type { Logger } from './logger.ts';

export type ClusterMessage = { type: 'ready' } | { type: 'stop' } | { type: 'connections'; open: number } | { type: 'release-connections'; count: number };

export const isClusterMessage = <T extends ClusterMessage['type']>(value: unknown, type: T): value is Extract<ClusterMessage, { type: T }> =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;

/** How long the workers' counts of connections must stay unchanged before the supervisor evens them out. */
const SETTLED_AFTER_MS = 250;

/**
 * The V8 flags of the server processes: the supervisor's own, and `--single-threaded-gc` when the
 * processes are as many as the cores (unless the flags already say either way). V8 does parts of
 * each collection on helper threads, which pays while a core is free for them; with a process per
 * core and PostgreSQL beside them there is none, and the helpers contend with the processes' own
 * work. On a 2-core machine the deep traversal's benchmark answered 15 % more per second with it,
 * for 19 % less of the API's CPU per request; the filtered page as many as without
 * (docs/benchmarks.md, "What changed").
 */
export function workerExecArgv(execArgv: readonly string[], processes: number, cores: number): string[] {
  const decided = execArgv.some((flag) => /^--(no-)?single[-_]threaded[-_]gc$/.test(flag));
  return processes >= cores && !decided ? [...execArgv, '--single-threaded-gc'] : [...execArgv];
}

export interface SupervisorOptions {
  processes: number;
  shutdownGraceMs: number;
  log: Logger;
}

export function superviseWorkers({ processes, shutdownGraceMs, log }: SupervisorOptions): void {
  // Our own tally: cluster.workers may still list a worker when its 'exit' event fires.
  const running = new Map<number, Worker>();
  const started = new Set<number>();
  /** The connections each worker last said it holds. */
  const connections = new Map<number, number>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const workers = () => [...running.values()];

  // Decided once the counts have settled (src/http/connection-share.ts says why).
  let rebalance: NodeJS.Timeout | null = null;
  const countsChanged = () => {
    if (rebalance) clearTimeout(rebalance);
    rebalance = setTimeout(() => {
      rebalance = null;
      if (stopping) return;
      const holding = workers();
      const excess = excessOf(holding.map((worker) => connections.get(worker.id) ?? 0));
      holding.forEach((worker, i) => {
        const count = excess[i] ?? 0;
        if (count > 0 && worker.isConnected()) worker.send({ type: 'release-connections', count } satisfies ClusterMessage);
      });
    }, SETTLED_AFTER_MS).unref();
  };

  const fork = () => {
    const worker = cluster.fork();
    running.set(worker.id, worker);
    worker.on('message', (message: unknown) => {
      if (isClusterMessage(message, 'connections')) {
        connections.set(worker.id, message.open);
        countsChanged();
        return;
      }
      if (!isClusterMessage(message, 'ready')) return;
      started.add(worker.id);
      if (!announced && started.size === processes) {
        announced = true;
        log.info({ processes }, `${processes} server processes are serving`);
      }
    });
  };

  const stop = (reason: string, code: number) => {
    if (stopping) {
      log.warn({ reason }, `${reason} again: ending the server processes without waiting`);
      for (const worker of workers()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    exitCode = Math.max(exitCode, code);
    log.info({ reason, graceMs: shutdownGraceMs }, `${reason}: stopping the server processes`);
    if (workers().length === 0) process.exit(exitCode);
    for (const worker of workers()) if (worker.isConnected()) worker.send({ type: 'stop' } satisfies ClusterMessage);
    // Each worker bounds its own stop by the grace period; this bounds a worker that hangs.
    setTimeout(() => {
      log.error('server processes still running well past the grace period: ending them');
      for (const worker of workers()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, shutdownGraceMs + 15_000).unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker.id);
    connections.delete(worker.id);
    const hadStarted = started.delete(worker.id);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (workers().length === 0) process.exit(exitCode);
      return;
    }
    if (!hadStarted) {
      stop(`a server process failed to start (exit code ${code ?? signal})`, 1);
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'a server process ended unexpectedly: starting another');
    fork();
  });

  // `on`, not `once`: a second signal ends everything at once (see `stop`).
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
  const execArgv = workerExecArgv(process.execArgv, processes, availableParallelism());
  cluster.setupPrimary({ execArgv });
  log.info({ processes, execArgv }, `starting ${processes} server processes (WEB_CONCURRENCY)`);
  for (let i = 0; i < processes; i++) fork();
}
