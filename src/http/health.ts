import type { ServerResponse } from 'node:http';
import { oneLineReason } from '../db/database.ts';
import type { Logger } from '../logger.ts';

export const livenessPath = '/healthz';
export const readinessPath = '/readyz';

/** Where the process is in its life; only `ready` takes traffic. */
export type Phase = 'starting' | 'migrating' | 'ready' | 'draining';

/** How long the readiness probe waits for the database's answer. */
const databaseCheckTimeoutMs = 2_000;

/**
 * The process's health for a load balancer or an orchestrator:
 * - `GET /healthz`: 200 while the process runs (liveness: restart it only when this fails);
 * - `GET /readyz`: 200 when it is ready and the database answers; 503 while it starts or migrates,
 *   while it drains on SIGTERM, and when the database does not answer within 2 s. Its body says how
 *   the live updates' fan-out is (`liveUpdates`: transport, up or degraded, and why).
 */
export class Health {
  phase: Phase = 'starting';
  /** Asks the database for a trivial answer; set once the database is open. */
  databaseCheck: (() => Promise<unknown>) | null = null;
  /**
   * How the live updates' signal is (src/live/change-signals.ts). A broken one (Redis away) is
   * reported but keeps the process ready: queries and writes work, and subscribers still get
   * every event, from the change log read every LIVE_POLL_INTERVAL_MS instead of at once.
   */
  liveUpdatesCheck: (() => { transport: string; problem: string | null; subscriptions: number; connections: number }) | null = null;
  private lastFailure: string | null = null;

  constructor(private readonly log: Logger) {}

  async respond(path: string, response: ServerResponse): Promise<void> {
    if (path === livenessPath) return send(response, 200, { status: 'ok', phase: this.phase });
    if (this.phase !== 'ready' || !this.databaseCheck) return send(response, 503, { status: 'unavailable', phase: this.phase });
    try {
      await withTimeout(this.databaseCheck(), databaseCheckTimeoutMs);
      if (this.lastFailure !== null) this.log.info('readiness: the database answers again');
      this.lastFailure = null;
      const live = this.liveUpdatesCheck?.();
      const liveUpdates = live && {
        transport: live.transport,
        status: live.problem ? 'degraded' : 'up',
        ...(live.problem ? { problem: live.problem } : {}),
        connections: live.connections,
        subscriptions: live.subscriptions,
      };
      return send(response, 200, { status: 'ready', phase: this.phase, database: 'up', ...(liveUpdates ? { liveUpdates } : {}) });
    } catch (error) {
      const reason = oneLineReason(error).slice(0, 300);
      // One warning when the database goes away (and when the reason changes), not one per probe.
      if (reason !== this.lastFailure) this.log.warn({ reason }, 'readiness: the database does not answer');
      this.lastFailure = reason;
      return send(response, 503, { status: 'unavailable', phase: this.phase, database: 'down' });
    }
  }
}

function send(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body)}\n`);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
