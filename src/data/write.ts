/**
 * Every change to the graph (a mutation, an imported article, the seed) runs in one write
 * transaction: it takes the global write lock first, so writers run one at a time across every
 * API process on the same database, and either commits whole or changes nothing.
 *
 * Why one lock rather than finer ones: an import matches records before creating them, a merge
 * moves relations between records, an update checks a version — each is a read followed by a
 * write that must not interleave with another writer's. Serializing writers makes every such
 * check-then-write safe without retry loops, and curation writes are few and short; readers are
 * never blocked (PostgreSQL's MVCC). The lock is a transaction-level advisory lock, released at
 * commit or rollback, and works on PGlite and on a PostgreSQL server alike.
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { ChangeAction } from '../generated/prisma/enums.ts';
import { userError, UserErrorsAbort, UserErrorCode, type FieldPath, type UserErrorData } from './user-errors.ts';

export { ChangeAction };
export type Tx = Prisma.TransactionClient;

/** Key of the advisory lock every write transaction holds (the seed loader's key, kept). */
export const WRITE_LOCK_KEY = 7_368_290_154_112;

/** Who makes a change: an API key's label, or "seed", or the import command's label. */
export type ChangeActor = string | null;

export interface WriteOptions {
  /** The whole transaction's time limit (an import of a long article takes longer than an edit). */
  timeoutMs?: number;
  /** How long to wait for a database connection before giving up. */
  maxWaitMs?: number;
}

/** Columns a new row gets from whoever creates it. */
export const createdBy = (actor: ChangeActor) => ({ createdBy: actor, updatedBy: actor });
/** Columns every change sets: who, and the next version (optimistic concurrency). */
export const changedBy = (actor: ChangeActor) => ({ updatedBy: actor, version: { increment: 1 } });

/** What a write does while it runs: the transaction, the actor, and the problems found so far. */
export class Write {
  readonly errors: UserErrorData[] = [];
  /** Whether the change log has an entry of this write (then subscribers have something to hear). */
  logged = false;
  constructor(
    readonly tx: Tx,
    readonly actor: ChangeActor,
  ) {}

  fail(field: FieldPath | null, message: string, code: UserErrorCode): void {
    this.errors.push(userError(field, message, code));
  }

  /** Stops here, rolling back, when any problem has been found. */
  check(): void {
    if (this.errors.length > 0) throw new UserErrorsAbort(this.errors);
  }

  /** Fails and stops at once. */
  abort(field: FieldPath | null, message: string, code: UserErrorCode): never {
    this.fail(field, message, code);
    throw new UserErrorsAbort(this.errors);
  }

  /**
   * Appends to the change log (append-only: a trigger refuses updates and deletes of it). The
   * details are stored as JSON reads them back: dates as ISO strings, undefined fields left out.
   */
  async log(action: ChangeAction, entityType: string, entityId: number, details: object): Promise<void> {
    const json = JSON.parse(JSON.stringify(details)) as Prisma.InputJsonValue;
    this.logged = true;
    await this.tx.changeLog.create({ data: { actor: this.actor, action, entityType, entityId, details: json } });
  }

  /** Several entries of one action in one statement (an import's entry on every record it touched). */
  async logMany(action: ChangeAction, entries: Array<{ entityType: string; entityId: number; details: object }>): Promise<void> {
    if (entries.length === 0) return;
    this.logged = true;
    await this.tx.changeLog.createMany({
      data: entries.map(({ entityType, entityId, details }) => ({
        actor: this.actor,
        action,
        entityType,
        entityId,
        details: JSON.parse(JSON.stringify(details)) as Prisma.InputJsonValue,
      })),
    });
  }

  /** Refuses the change when the record is no longer at the version the client read. */
  expectVersion(field: FieldPath, expected: number | null | undefined, current: number, what: string): void {
    if (expected != null && expected !== current) {
      this.fail(
        field,
        `${what} is at version ${current}, not ${expected}: someone changed it since you read it; read it again and retry`,
        UserErrorCode.VERSION_CONFLICT,
      );
    }
  }
}

const commitListeners = new WeakMap<PrismaClient, Set<() => void>>();

/**
 * Calls `listener` after each write through `prisma` that committed and logged a change (the live
 * updates' prompt to read the change log: src/data/change-events.ts). Returns the way to stop.
 */
export function onWriteCommitted(prisma: PrismaClient, listener: () => void): () => void {
  let listeners = commitListeners.get(prisma);
  if (!listeners) commitListeners.set(prisma, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type WriteResult<T> = { ok: true; value: T } | { ok: false; userErrors: UserErrorData[] };

/**
 * Runs `work` in a write transaction. Problems it reports with `w.fail`/`w.check`/`w.abort` roll
 * everything back and come back as `userErrors`; any other error rolls back and is thrown.
 */
export async function write<T>(prisma: PrismaClient, actor: ChangeActor, work: (w: Write) => Promise<T>, options: WriteOptions = {}): Promise<WriteResult<T>> {
  let logged = false;
  try {
    const value = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
        const w = new Write(tx, actor);
        const result = await work(w);
        w.check();
        logged = w.logged;
        return result;
      },
      { timeout: options.timeoutMs ?? 30_000, maxWait: options.maxWaitMs ?? 30_000 },
    );
    // Only now, committed: a rolled-back write tells nobody anything.
    if (logged) for (const listener of commitListeners.get(prisma) ?? []) listener();
    return { ok: true, value };
  } catch (error) {
    if (error instanceof UserErrorsAbort) return { ok: false, userErrors: error.errors };
    throw error;
  }
}
