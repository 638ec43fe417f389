import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';

/** The SQL statements one unit of work (a GraphQL request) sent to the database. */
export interface StatementTally {
  statements: number;
  /**
   * `performance.now()` after which the unit of work (a request past REQUEST_TIMEOUT_MS) may send
   * no further statement. Checked at each statement, so that it holds even when no timer can fire
   * (embedded PGlite answers without giving the event loop a turn).
   */
  deadline?: number;
  /**
   * The COMMIT of the unit of work's write, once sent: from then on its outcome is the
   * database's, and the request waits for it rather than answer that it was cancelled.
   */
  committing?: Promise<unknown>;
}

/** A statement refused because its request was cancelled (REQUEST_TIMEOUT_MS). */
export class StatementCancelledError extends Error {
  override name = 'StatementCancelledError';
}

const tallies = new AsyncLocalStorage<StatementTally>();

/** Runs `work` and counts the SQL statements it sends, across batching and transactions. */
export function countStatements<T>(tally: StatementTally, work: () => T): T {
  return tallies.run(tally, work);
}

/** What a statement does to the transaction it runs in. */
function transactionEffect(sql: string): 'commit' | 'rollback' | 'savepoint' | null {
  const keyword = /^\s*(COMMIT|ROLLBACK\s+TO|ROLLBACK|RELEASE|SAVEPOINT)\b/i.exec(sql)?.[1]?.toUpperCase();
  if (keyword === 'COMMIT') return 'commit';
  if (keyword === 'ROLLBACK') return 'rollback';
  return keyword ? 'savepoint' : null;
}

function cancelled(): StatementCancelledError {
  return new StatementCancelledError('the request ran out of time; no further SQL runs for it');
}

const pastDeadline = (tally: StatementTally | undefined) => tally?.deadline !== undefined && performance.now() >= tally.deadline;

/**
 * A method the proxies below pass through unchanged, bound to the object it was read from. The
 * methods they wrap are typed, where they are read, by the adapter interface that declares them.
 */
type PassedThrough = (...args: never[]) => unknown;

/**
 * Counts the statements of a connection or transaction, and refuses those of a request past its
 * deadline. Statements that end a transaction or savepoint are never refused: a refused ROLLBACK
 * would hand the connection back to the pool still inside the transaction, for the next request
 * to see and commit its half-done writes. A COMMIT past the deadline is sent as a ROLLBACK: the
 * client is told that its request was cancelled (504), so it must not take effect. Once a
 * transaction has ended it sends nothing more, since its connection may already serve another.
 */
function counted<T extends SqlQueryable>(queryable: T, transaction?: Transaction): T {
  let ended = false;
  /**
   * Sends one statement through `run`, or the adapter's own commit or rollback where it has no
   * statement for them (PGlite); `run(true)` rolls back instead.
   */
  const send = (tally: StatementTally | undefined, effect: ReturnType<typeof transactionEffect>, run: (rollInstead: boolean) => Promise<unknown>) => {
    if (ended) return Promise.reject(new StatementCancelledError('the transaction has already ended'));
    if (effect === 'commit' || effect === 'rollback') ended = transaction !== undefined;
    if (effect === null && pastDeadline(tally)) return Promise.reject(cancelled());
    if (tally) tally.statements += 1;
    if (effect === 'commit' && pastDeadline(tally)) return run(true).then(() => Promise.reject(cancelled()));
    const done = run(false);
    if (effect === 'commit' && tally) tally.committing = done;
    return done;
  };
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        const run = value as (query: SqlQuery) => ReturnType<SqlQueryable['queryRaw' | 'executeRaw']>;
        return (query: SqlQuery) =>
          send(tallies.getStore(), transactionEffect(query.sql), (rollInstead) => run.call(target, rollInstead ? { ...query, sql: 'ROLLBACK' } : query));
      }
      if (transaction && (property === 'commit' || property === 'rollback')) {
        const end = value as Transaction['commit' | 'rollback'];
        if (!transaction.options.usePhantomQuery) {
          // The COMMIT or ROLLBACK statement was sent; this only gives the connection back.
          return () => {
            ended = true;
            return end.call(target);
          };
        }
        const effect = property === 'commit' ? 'commit' : 'rollback';
        return () => send(tallies.getStore(), effect, (rollInstead) => (rollInstead ? transaction.rollback() : end.call(target)));
      }
      if (property === 'startTransaction') {
        const start = value as SqlDriverAdapter['startTransaction'];
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const started = await start.apply(target, args);
          return counted(started, started);
        };
      }
      return (value as PassedThrough).bind(target);
    },
  });
}

/**
 * Wraps a driver adapter factory so that every statement its connections run is tallied.
 * `connected` learns of the adapter the client connects (and of null once it is disposed).
 */
export function countingAdapterFactory(factory: SqlDriverAdapterFactory, connected?: (adapter: SqlDriverAdapter | null) => void): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'connect') {
        const connect = value as SqlDriverAdapterFactory['connect'];
        return async () => {
          const adapter = counted(await connect.apply(target));
          if (!connected) return adapter;
          connected(adapter);
          return new Proxy(adapter, {
            get(inner, name, innerReceiver) {
              const member: unknown = Reflect.get(inner, name, innerReceiver);
              if (name !== 'dispose') return member;
              return () => {
                connected(null);
                return (member as SqlDriverAdapter['dispose']).call(inner);
              };
            },
          });
        };
      }
      return typeof value === 'function' ? (value as PassedThrough).bind(target) : value;
    },
  });
}
