/**
 * Keep-alive connections spread evenly over the server processes of one port (WEB_CONCURRENCY,
 * src/cluster.ts).
 *
 * The supervisor hands each new connection to the next worker that is free to take it; a worker
 * busy running a request takes it later, so a burst of connections (16 clients starting at once)
 * ends up unevenly spread, and a keep-alive client stays on the process it first reached. Each
 * process gets the same share of the CPU, so each answers about as many requests per second: the
 * clients of a process holding 11 connections wait twice as long as those of one holding 5. The
 * benchmark's deep traversal (two processes, 16 clients) measured 5 and 11 connections, 382 and
 * 863 ms on average, its p99 3.2 times its p50 (docs/benchmarks.md).
 *
 * So each worker reports how many connections it holds (`ConnectionShare`); once the counts have
 * settled, the supervisor asks a worker holding more than its fair share to release the excess
 * (`excessOf`), and that worker answers its next requests with `Connection: close`, one per
 * connection to release. Those clients open a new connection, which the supervisor hands out
 * again, and the processes converge to even shares. Decisions wait for settled counts because a
 * client told to reconnect is counted off one worker before the next counts it: a decision made
 * in between would see too few connections and release more. A worker never closes a connection
 * in the middle of a request, and nothing is released while the shares are even.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How many connections each process should release for `counts` (the connections each holds) to
 * be spread evenly: what a process holds beyond the fair share, ceil(total / processes).
 */
export function excessOf(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const share = Math.ceil(total / Math.max(1, counts.length));
  return counts.map((count) => Math.max(0, count - share));
}

/** How long a worker lets its count change before it reports it: a client without keep-alive opens a connection per request. */
const REPORT_AFTER_MS = 100;
/** How long a request to release connections holds: one the worker's idle clients never used is void after it. */
const RELEASE_FOR_MS = 1_000;

/** One worker's side: counts its connections, reports the count, and releases connections when asked. */
export class ConnectionShare {
  private open = 0;
  private reported = -1;
  private reportTimer: NodeJS.Timeout | null = null;
  private toRelease = 0;
  private releaseUntil = 0;

  /** @param report sends this process's count of open connections to the supervisor */
  constructor(private readonly report: (open: number) => void) {}

  /** Counts the connections `server` accepts, until each closes. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.open++;
      this.changed();
      socket.once('close', () => {
        this.open--;
        this.changed();
      });
    });
  }

  /** The supervisor asks for `count` connections to be released, from now on. */
  release(count: number): void {
    this.toRelease = count;
    this.releaseUntil = Date.now() + RELEASE_FOR_MS;
  }

  /** Whether the response about to be sent is to be its connection's last. */
  releases(): boolean {
    if (this.toRelease === 0 || Date.now() > this.releaseUntil) return false;
    this.toRelease--;
    return true;
  }

  private changed(): void {
    this.reportTimer ??= setTimeout(() => {
      this.reportTimer = null;
      if (this.open === this.reported) return;
      this.reported = this.open;
      this.report(this.open);
    }, REPORT_AFTER_MS).unref();
  }
}
