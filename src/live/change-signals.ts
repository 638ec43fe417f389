/**
 * How API processes tell one another that the change log has grown (docs/live-updates.md): a
 * signal carries no data, only "look". What changed is read from the change log itself
 * (src/data/change-events.ts), so a lost or repeated signal delays an event at worst, never
 * loses, duplicates or reorders one.
 *
 * - Redis (REDIS_URL): PUBLISH on a channel every process SUBSCRIBEs to. Built for fan-out; it
 *   costs the database nothing.
 * - PostgreSQL's LISTEN/NOTIFY, when no Redis is configured: one connection per process.
 * - In the process itself on the embedded database, which one process owns.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../logger.ts';

export interface ChangeSignal {
  readonly transport: 'redis' | 'postgres' | 'in-process';
  /** Tells every process, this one included, that the change log has grown. Never throws. */
  announce(): void;
  /** `listener` runs on every announcement, and when the signal works again after an outage (announcements may have been lost). */
  listen(listener: () => void): void;
  /** Why the signal does not work right now, or null. */
  readonly problem: string | null;
  close(): Promise<void>;
}

/** On the embedded database: one process, so the announcement is a call. */
export class InProcessSignal implements ChangeSignal {
  readonly transport = 'in-process';
  readonly problem = null;
  private readonly listeners: Array<() => void> = [];

  announce(): void {
    // After the write's caller has had its answer, as another process would hear it.
    setImmediate(() => {
      for (const listener of this.listeners) listener();
    });
  }

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.listeners.length = 0;
  }
}

/** How long a broken connection waits before it is made again. */
const reconnectDelayMs = 1_000;

/** PostgreSQL's LISTEN/NOTIFY on a connection of its own, made again when it breaks. */
export class PostgresSignal implements ChangeSignal {
  readonly transport = 'postgres';
  problem: string | null = 'not connected yet';
  private client: pg.Client | null = null;
  private readonly listeners: Array<() => void> = [];
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly log: Logger,
  ) {}

  /** Connects and listens; a failure is reported in `problem` and retried, not thrown. */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on('notification', () => this.notify());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    this.client = client;
    const wasDown = this.problem !== 'not connected yet';
    this.problem = null;
    if (wasDown) {
      this.log.info('live updates: LISTEN works again');
      this.notify();
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== null && this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (this.problem === null) this.log.warn({ reason }, 'live updates: the LISTEN connection broke; polling the change log until it is back');
    this.problem = `LISTEN connection: ${reason}`;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, reconnectDelayMs);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  announce(): void {
    const client = this.client;
    if (!client) return;
    client.query('SELECT pg_notify($1, NULL)', [this.channel]).catch((error: unknown) => {
      // The connection breaking is reported by its own events; anything else would be silent.
      if (this.client === client) this.log.warn({ err: error }, 'live updates: NOTIFY failed; subscribers elsewhere hear of the change at their next poll');
    });
  }

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}

/**
 * Redis PUBLISH/SUBSCRIBE. ioredis reconnects by itself and subscribes again; while Redis is
 * away, announcements are dropped (not queued: `enableOfflineQueue: false`) and the feed polls.
 */
export class RedisSignal implements ChangeSignal {
  readonly transport = 'redis';
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners: Array<() => void> = [];
  private down: string | null = null;
  private everReady = false;
  private closed = false;

  constructor(
    url: string,
    private readonly channel: string,
    private readonly log: Logger,
  ) {
    // Every second at most, for ever: Redis coming back must be noticed without a restart.
    const retryStrategy = (attempt: number) => Math.min(attempt * 200, reconnectDelayMs);
    // Connect at once; the subscription waits in the subscriber's queue until Redis answers.
    this.publisher = new Redis(url, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    this.subscriber = new Redis(url, { retryStrategy, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.wentDown(error.message));
      client.on('end', () => this.wentDown('the connection ended'));
    }
    this.subscriber.on('message', () => this.notify());
    this.subscriber.on('ready', () => this.cameBack());
  }

  get problem(): string | null {
    if (this.down) return this.down;
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready' ? null : `Redis connection ${this.subscriber.status}`;
  }

  /** Subscribes; when Redis does not answer, start-up goes on and the signal reports the problem. */
  start(): void {
    this.subscriber.subscribe(this.channel).catch((error: unknown) => this.wentDown(error instanceof Error ? error.message : String(error)));
  }

  private wentDown(reason: string): void {
    if (this.closed) return;
    if (this.down === null) this.log.warn({ reason }, 'live updates: Redis does not answer; polling the change log until it is back');
    this.down = reason;
  }

  private cameBack(): void {
    const after = this.everReady;
    this.everReady = true;
    if (this.down !== null) this.log.info('live updates: Redis answers again');
    this.down = null;
    // Announcements made meanwhile were lost: look now.
    if (after) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  announce(): void {
    this.publisher.publish(this.channel, '').catch(() => undefined);
  }

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.length = 0;
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
