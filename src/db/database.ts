import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { createPglite } from './pglite-cluster.ts';
import { takingTurns } from './pglite-turns.ts';
import { readDirectly } from './direct-reads.ts';
import { countingAdapterFactory } from './statement-counter.ts';
import { statementNames, type StatementNames } from './statement-names.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { DatabaseTarget } from '../config.ts';

/** Where the data lives: a PostgreSQL server, or embedded PGlite (a directory or `memory://`). */
export type { DatabaseTarget };

export interface Database {
  readonly target: DatabaseTarget;
  /** For reads: its connections are never taken by writers, so reads do not queue behind writes. */
  readonly prisma: PrismaClient;
  /**
   * For write transactions (src/db/write.ts): a pool of its own, small because writers take the
   * global write lock one at a time anyway. On PGlite, the same client as `prisma` (one connection).
   */
  readonly writer: PrismaClient;
  /** The driver adapter factory the schema engine uses to apply migrations on the same database. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** A start-up failure whose message is meant to be shown to the operator as one line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `embedded PostgreSQL (PGlite) at ${target.dataDir}`;
  const url = new URL(target.url);
  url.password = url.password ? '***' : '';
  return `PostgreSQL server ${url.toString()}`;
}

async function withTimeout<T>(work: Promise<T>, ms: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${failure}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The gist of an error on one line. Prisma's errors are several lines ("Invalid
 * `prisma.$queryRawUnsafe()` invocation: … Raw query failed. Code: `N/A`. Message: `…`"); the
 * driver's own message is what the operator needs.
 */
export function oneLineReason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return oneLineReason(error.errors[0]);
  const e = error as { message?: unknown; name?: unknown; meta?: { message?: unknown } } | null | undefined;
  if (typeof e?.meta?.message === 'string' && e.meta.message) return oneLine(e.meta.message);
  let message = typeof e?.message === 'string' && e.message ? e.message : typeof e?.name === 'string' ? e.name : String(error);
  message = message.replace(/^\s*Invalid `[^`]*` invocation(?: in\n[\s\S]*?→[^\n]*)?:?\s*/, '');
  const raw = /Raw query failed\. Code: `([^`]*)`\. Message: `([\s\S]*)`\s*$/.exec(message);
  if (raw) message = raw[2]!;
  return oneLine(message);
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** PGlite writes this into a data directory it creates; a non-empty directory without it is not one. */
const PG_VERSION_FILE = 'PG_VERSION';
/** The PostgreSQL major version of the bundled PGlite (0.4.x). */
const PGLITE_PG_MAJOR = '17';
/** Marks a PGlite data directory as open by a process (PGlite itself does not prevent two). */
export const PGLITE_LOCK_FILE = 'stancegraph.lock';

function isLocalDir(dataDir: string): boolean {
  return !/^[a-z]+:\/\//.test(dataDir);
}

/**
 * Checks a PGlite data directory before PGlite sees it, so that the usual mistakes give a precise
 * message (PGlite reports "failed to initialize properly" or an ErrnoError without a message),
 * and locks it. Returns the lock's release function.
 */
function prepareDataDir(dataDir: string): () => void {
  try {
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new Error('it is a file, not a directory');
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: ${oneLineReason(error)}`);
  }
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied (need read, write and search access)' : oneLineReason(error);
    throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: ${why}`);
  }
  return lockDataDir(dataDir);
}

/** Whether the (locked) directory is new or holds data this PGlite can open. */
function inspectDataDir(dataDir: string): { fresh: boolean } {
  const entries = readdirSync(dataDir).filter((name) => !name.startsWith(PGLITE_LOCK_FILE));
  if (entries.length === 0) return { fresh: true };
  if (!entries.includes(PG_VERSION_FILE)) {
    throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: it is not empty and is not a PostgreSQL data directory (no ${PG_VERSION_FILE})`);
  }
  let version: string;
  try {
    version = readFileSync(path.join(dataDir, PG_VERSION_FILE), 'utf8').trim();
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: ${oneLineReason(error)}`);
  }
  if (version !== PGLITE_PG_MAJOR) {
    throw new DatabaseUnavailableError(
      `cannot use data directory ${dataDir}: it holds PostgreSQL ${JSON.stringify(version).slice(0, 40)} data; this PGlite runs PostgreSQL ${PGLITE_PG_MAJOR}`,
    );
  }
  return { fresh: false };
}

/**
 * Takes `<dataDir>/stancegraph.lock` (pid and host of the owner), so that a second process
 * opening the same directory fails at once instead of both writing to it (PGlite does not
 * prevent it, and the writes of one are silently lost). A lock left by a process that no
 * longer runs is taken over. Returns the release function.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, PGLITE_LOCK_FILE);
  const mine = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        const detail = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it is in use by another process' : oneLineReason(error);
        throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: ${detail}`);
      }
      let owner: string[];
      try {
        owner = readFileSync(lockPath, 'utf8').split('\n');
      } catch {
        continue; // released meanwhile
      }
      const pid = Number(owner[0]);
      const host = owner[1];
      if (host === hostname() && Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) {
        removeStaleLock(lockPath, owner.join('\n'));
        continue;
      }
      const who = host === hostname() ? `process ${pid}` : `process ${owner[0]} on ${host}`;
      throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: it is in use by ${who} (remove ${lockPath} if that process is gone)`);
    }
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (readFileSync(lockPath, 'utf8') === mine) unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', release);
  return release;
}

/**
 * Removes a lock left by a process that is gone, if it is still that lock. Two processes may find
 * the same stale lock: without a second look, the slower one would remove the lock the faster one
 * has just taken, and both would open the directory. Whoever holds `<lock>.takeover` (created
 * exclusively) reads the lock again and removes it only if it is unchanged.
 */
function removeStaleLock(lockPath: string, staleContent: string): void {
  const takeoverPath = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = openSync(takeoverPath, 'wx');
  } catch {
    return; // another process is taking it over: the next attempt finds its lock
  }
  try {
    if (readFileSync(lockPath, 'utf8') === staleContent) unlinkSync(lockPath);
  } catch {
    /* already gone */
  } finally {
    closeSync(fd);
    unlinkSync(takeoverPath);
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The planner's cost of reading a page at random, for the API's sessions: 1.1, where PostgreSQL's
 * default of 4 models spinning disks (its documentation suggests 1.1 for storage whose random
 * reads cost little more than sequential ones, as solid-state drives), and an API's working set
 * is in memory. At 4, the deep traversal's page statement found each holder by scanning the
 * whole Actor table (230 rows), once per link (646 times): PostgreSQL's CPU per deep traversal
 * was 28.2–28.6 ms, 20.9–22.3 at 1.1 (docs/benchmarks.md).
 */
export const randomPageCost = 1.1;

/**
 * Opens PGlite on `dataDir`; a new database starts from a copy of an empty cluster
 * (src/db/pglite-cluster.ts). Neither locks nor checks the directory: `openDatabase` does, or the
 * owner of an `instance` target.
 */
export async function startPglite(dataDir: string, fresh: boolean): Promise<PGlite> {
  // PGlite sets process.exitCode = 1 when PostgreSQL fails to start; that is ours to decide.
  const exitCode = process.exitCode;
  let pglite: PGlite | undefined;
  try {
    pglite = fresh ? await createPglite(dataDir) : new PGlite(dataDir);
    await pglite.waitReady;
    // PGlite has one session: set here, the setting holds for every statement.
    await pglite.exec(`SET random_page_cost = ${randomPageCost}`);
    return pglite;
  } catch (error) {
    process.exitCode = exitCode;
    void pglite?.close().catch(() => undefined);
    const hint = isLocalDir(dataDir) && /failed to initialize/i.test(oneLineReason(error)) ? ' (the data directory is damaged or incomplete)' : '';
    throw new DatabaseUnavailableError(`cannot open ${describeTarget({ kind: 'pglite', dataDir })}: ${oneLineReason(error)}${hint}`);
  }
}

/**
 * A client over `factory` whose statements are counted (statement-counter.ts), and whose reads
 * through `queryRows` go straight to the adapter it connected (direct-reads.ts).
 */
function clientReadingDirectly(factory: SqlDriverAdapterFactory): PrismaClient {
  let adapter: SqlDriverAdapter | null = null;
  const client = new PrismaClient({ adapter: countingAdapterFactory(factory, (connected) => (adapter = connected)) });
  readDirectly(client, () => adapter);
  return client;
}

/** The database over an open PGlite (one connection: reads and writes share it); `closePglite` runs after the client lets go. */
function pgliteDatabase(target: DatabaseTarget, pglite: PGlite, closePglite: () => Promise<void>): Database {
  const adapterFactory = new PrismaPGlite(takingTurns(pglite));
  const prisma = clientReadingDirectly(adapterFactory);
  return {
    target,
    prisma,
    writer: prisma,
    adapterFactory,
    async close() {
      try {
        await prisma.$disconnect();
      } finally {
        await closePglite();
      }
    },
  };
}

/**
 * Opens the database and proves it answers, within `timeoutMs`, so that a wrong URL or an
 * unusable data directory fails start-up with one clear line instead of hanging.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: {
    timeoutMs?: number;
    /**
     * PostgreSQL server only: `statement_timeout` (and `idle_in_transaction_session_timeout`) of
     * the client's connections, so that the server itself stops a statement that runs longer
     * (migrations are not bound by it).
     */
    statementTimeoutMs?: number;
    /**
     * PostgreSQL server only: how many statements to keep prepared on each connection
     * (src/db/statement-names.ts); 0, the default, sends them all unnamed.
     */
    preparedStatements?: number;
  } = {},
): Promise<Database> {
  const where = describeTarget(target);
  if (target.kind === 'pglite' && target.instance) {
    // Set as on every open: the owner may have reset its session since.
    await target.instance.exec(`SET random_page_cost = ${randomPageCost}`);
    return pgliteDatabase(target, target.instance, async () => undefined);
  }
  if (target.kind === 'pglite') {
    const local = isLocalDir(target.dataDir);
    const release = local ? prepareDataDir(target.dataDir) : () => undefined;
    let fresh = true;
    try {
      if (local) fresh = inspectDataDir(target.dataDir).fresh;
    } catch (error) {
      release();
      throw error;
    }
    // A new database is made first: ~2 s from the kept empty cluster, ~8 s the first time, which
    // makes that cluster by initdb (more on a busy machine).
    const timeoutMs = options.timeoutMs ?? (fresh ? 30_000 : 10_000);
    const starting = startPglite(target.dataDir, fresh);
    let pglite: PGlite;
    try {
      pglite = await withTimeout(starting, timeoutMs, `cannot open ${where}`);
    } catch (error) {
      // If it comes up after all, shut it down before letting go of the directory.
      void starting
        .then((late) => late.close())
        .catch(() => undefined)
        .finally(release);
      if (error instanceof DatabaseUnavailableError) throw error;
      throw new DatabaseUnavailableError(`cannot open ${where}: ${oneLineReason(error)}`);
    }
    return pgliteDatabase(target, pglite, async () => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    });
  }

  const timeoutMs = options.timeoutMs ?? 10_000;
  const adapterFactory = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: timeoutMs });
  const names = options.preparedStatements ? statementNames(options.preparedStatements) : null;
  const clientFor = (max: number) =>
    clientReadingDirectly(
      new PrismaPg(
        guardedPool(names, {
          connectionString: target.url,
          connectionTimeoutMillis: timeoutMs,
          max,
          ...sessionLimits(options.statementTimeoutMs),
          // A prepared statement with parameters (a write's, sent by Prisma) is still planned for
          // the values of each execution, as an unnamed one is. PostgreSQL's default (`auto`)
          // would switch to one generic plan after five executions when it estimates it no
          // dearer, and an estimate averaged over values can be far off for a given one (a search
          // term in a few documents or in most). A read sent again with the same values has none
          // (they are in its text, src/db/direct-reads.ts): planned once per connection, for them.
          options: [`-c random_page_cost=${randomPageCost}`, ...(names ? ['-c plan_cache_mode=force_custom_plan'] : [])].join(' '),
        }),
        {
          disposeExternalPool: true,
          // The adapter hands the name to pg, for which an undefined one means unnamed (its
          // type says string): statements beyond the names rationed go unnamed, as before.
          ...(names ? { statementNameGenerator: (query: { sql: string }) => names.nameFor(query.sql) as string } : {}),
        },
      ),
    );
  const prisma = clientFor(READ_POOL_SIZE);
  const writer = clientFor(WRITE_POOL_SIZE);
  const disconnect = () => Promise.all([prisma.$disconnect(), writer.$disconnect()]);
  try {
    await withTimeout(prisma.$queryRawUnsafe('select 1'), timeoutMs, `cannot connect to ${where}`);
  } catch (error) {
    await disconnect().catch(() => undefined);
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(`cannot connect to ${where}: ${oneLineReason(error)}`);
  }
  return {
    target,
    prisma,
    writer,
    adapterFactory,
    async close() {
      await disconnect();
    },
  };
}

/** Connections for reads: pg's default pool size. */
const READ_POOL_SIZE = 10;
/**
 * Connections for writes: one holds the write lock, the next waits for it; a third lets a write
 * whose connection is being replaced proceed. More would only wait on the lock.
 */
const WRITE_POOL_SIZE = 3;

/**
 * Session settings of the server's connections: PostgreSQL itself stops a statement that outlives
 * its request, and ends a session left idle inside a transaction (the write lock with it) for as
 * long, should anything in this process fail to finish a transaction it began.
 */
function sessionLimits(statementTimeoutMs: number | undefined): pg.PoolConfig {
  if (!statementTimeoutMs) return {};
  return { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs };
}

/**
 * A pg pool that never hands out a connection still inside a transaction. A connection comes back
 * in one when its transaction's end was cut short (a ROLLBACK that could not be sent); reused, it
 * would let the next request see, and then commit, that transaction's half-done writes. Such a
 * connection is closed instead (the server rolls back what it held), and the pool opens a new one.
 */
function guardedPool(names: StatementNames | null, config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('release', (error: Error | undefined, client: pg.PoolClient) => {
    if (!error && client.getTransactionStatus() !== 'I') void client.end().catch(() => undefined);
  });
  // A connection taken from the pool first drops the statements whose names were given up.
  if (names) pool.on('acquire', (client) => names.dropGivenUp(client));
  return pool;
}
