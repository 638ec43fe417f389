/**
 * The change feed of one API process: it reads the change log after the last row it has seen
 * whenever it is told to look (a change signal, src/live/change-signals.ts) and, as a safety net,
 * every LIVE_POLL_INTERVAL_MS, and hands each event to the subscriptions that want it, in commit
 * order (docs/live-updates.md).
 *
 * Each subscription has a bounded queue: a consumer that falls more than `maxQueued` events
 * behind is dropped (`onOverflow`) rather than buffered without bound.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { changesAfter, eventsOf, latestChangeSequence, type ChangeEvent, type ChangeEventType } from '../data/change-events.ts';
import type { Logger } from '../logger.ts';
import { onWriteCommitted } from '../data/write.ts';
import type { DatabaseTarget } from '../config.ts';
import { InProcessSignal, PostgresSignal, RedisSignal, type ChangeSignal } from './change-signals.ts';

/** The LISTEN/NOTIFY channel (a PostgreSQL identifier: at most 63 bytes, or NOTIFY refuses it). */
const postgresChannel = 'stancegraph_changes';

/** Rows read per statement. */
const rowsPerRead = 1_000;

/**
 * The events of one read, shared by every subscription they are handed to: work that does not
 * depend on the subscriber (a filter's SQL over the batch, loading the records) is done once.
 */
export class DeliveryBatch {
  private readonly memo = new Map<string, unknown>();
  constructor(readonly events: readonly ChangeEvent[]) {}

  /** `make()` the first time `key` is asked for in this batch, its result again afterwards. */
  once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }
}

export interface Delivery<E extends ChangeEvent = ChangeEvent> {
  event: E;
  batch: DeliveryBatch;
}

export interface SubscribeOptions<T extends ChangeEventType> {
  types: readonly T[];
  /** Whether the subscriber wants this event (checked in order, one event at a time). */
  accepts?: (delivery: Delivery<Extract<ChangeEvent, { type: T }>>) => boolean | Promise<boolean>;
  /** The subscriber fell more than `maxQueued` events behind: its iterator has ended. */
  onOverflow: () => void;
}

/** One subscriber's events, as an async iterator (what a GraphQL subscription resolves to). */
class LiveSubscription<T extends ChangeEventType> implements AsyncIterableIterator<Delivery<Extract<ChangeEvent, { type: T }>>> {
  private readonly queue: Array<Delivery<Extract<ChangeEvent, { type: T }>>> = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private readonly types: ReadonlySet<ChangeEventType>;

  constructor(
    private readonly options: SubscribeOptions<T>,
    private readonly maxQueued: number,
    private readonly detach: () => void,
  ) {
    this.types = new Set(options.types);
  }

  offer(batch: DeliveryBatch): void {
    if (this.ended) return;
    for (const event of batch.events) {
      if (!this.types.has(event.type)) continue;
      this.queue.push({ event: event as Extract<ChangeEvent, { type: T }>, batch });
    }
    if (this.queue.length > this.maxQueued) {
      this.end();
      this.options.onOverflow();
      return;
    }
    this.wake?.();
  }

  async next(): Promise<IteratorResult<Delivery<Extract<ChangeEvent, { type: T }>>>> {
    for (;;) {
      const delivery = this.queue.shift();
      if (delivery) {
        if (!this.options.accepts || (await this.options.accepts(delivery))) return { value: delivery, done: false };
        continue;
      }
      if (this.ended) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  async return(): Promise<IteratorResult<Delivery<Extract<ChangeEvent, { type: T }>>>> {
    this.end();
    return { value: undefined, done: true };
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.detach();
    this.wake?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export interface ChangeFeedOptions {
  /** LIVE_POLL_INTERVAL_MS: how often the change log is read without being told to (0: never). */
  pollIntervalMs: number;
  /** SUBSCRIPTION_QUEUE_MAX: how many events a subscriber may fall behind before it is dropped. */
  maxQueued: number;
}

export class ChangeFeed {
  private cursor = 0;
  private readonly subscriptions = new Set<{ offer(batch: DeliveryBatch): void; end(): void }>();
  private readonly listeners: Array<(events: readonly ChangeEvent[]) => void> = [];
  private reading: Promise<void> | null = null;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private failing = false;
  private closed = false;
  private stopAnnouncing: (() => void) | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    /** The client writes go through: each committed one is announced. */
    private readonly writer: PrismaClient,
    readonly signal: ChangeSignal,
    private readonly log: Logger,
    private readonly options: ChangeFeedOptions,
  ) {}

  /** Starts after the latest change: subscribers hear of what commits from now on. */
  async start(): Promise<void> {
    this.cursor = await latestChangeSequence(this.prisma);
    this.signal.listen(() => this.wake());
    this.stopAnnouncing = onWriteCommitted(this.writer, () => this.signal.announce());
    if (this.options.pollIntervalMs > 0) this.poll = setInterval(() => this.wake(), this.options.pollIntervalMs).unref();
  }

  /** Reads what is new now, or right after the read in progress. */
  wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew().finally(() => {
      this.reading = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async readNew(): Promise<void> {
    try {
      for (;;) {
        const rows = await changesAfter(this.prisma, this.cursor, rowsPerRead);
        if (rows.length === 0) break;
        this.cursor = rows[rows.length - 1]!.id;
        const events = eventsOf(rows);
        if (events.length > 0) this.dispatch(events);
        if (rows.length < rowsPerRead) break;
      }
      if (this.failing) this.log.info('live updates: the change log can be read again');
      this.failing = false;
    } catch (error) {
      // The database is away: the next signal or poll tries again, from the same row.
      if (!this.failing) this.log.warn({ err: error }, 'live updates: cannot read the change log');
      this.failing = true;
    }
  }

  private dispatch(events: readonly ChangeEvent[]): void {
    const batch = new DeliveryBatch(events);
    for (const subscription of this.subscriptions) subscription.offer(batch);
    for (const listener of this.listeners) listener(events);
  }

  subscribe<T extends ChangeEventType>(options: SubscribeOptions<T>): AsyncIterableIterator<Delivery<Extract<ChangeEvent, { type: T }>>> {
    const subscription: LiveSubscription<T> = new LiveSubscription(options, this.options.maxQueued, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Every event, as read (the server ends the connections of a revoked key with it). */
  onEvents(listener: (events: readonly ChangeEvent[]) => void): void {
    this.listeners.push(listener);
  }

  get subscriberCount(): number {
    return this.subscriptions.size;
  }

  /** Ends every subscription and stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopAnnouncing?.();
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    for (const subscription of [...this.subscriptions]) subscription.end();
    await this.reading;
    await this.signal.close();
  }
}

export interface LiveSettings extends ChangeFeedOptions {
  /** REDIS_URL: fan-out through Redis; null: LISTEN/NOTIFY on a PostgreSQL server, in-process on PGlite. */
  redisUrl: string | null;
}

/**
 * The Redis channel of a database's signals: processes on other databases sharing a Redis do not
 * wake each other. (NOTIFY needs no such name: it reaches the sessions of its own database only.)
 */
function redisChannelOf(database: DatabaseTarget): string {
  let identity: string;
  if (database.kind === 'postgres') {
    const where = new URL(database.url);
    identity = `${where.hostname}:${where.port || '5432'}${where.pathname}`;
  } else {
    identity = database.dataDir;
  }
  return `stancegraph:changes:${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

/**
 * The process's change feed on `database`, started: the signal chosen by the settings, and every
 * committed write through `writer` announced on it.
 */
export async function openChangeFeed(
  { prisma, writer, database, log }: { prisma: PrismaClient; writer: PrismaClient; database: DatabaseTarget; log: Logger },
  settings: LiveSettings,
): Promise<ChangeFeed> {
  let signal: ChangeSignal;
  if (settings.redisUrl) {
    const redis = new RedisSignal(settings.redisUrl, redisChannelOf(database), log);
    redis.start();
    signal = redis;
  } else if (database.kind === 'postgres') {
    const postgres = new PostgresSignal(database.url, postgresChannel, log);
    await postgres.start();
    signal = postgres;
  } else {
    signal = new InProcessSignal();
  }
  const feed = new ChangeFeed(prisma, writer, signal, log, settings);
  await feed.start();
  return feed;
}
