import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';

/** The SQL statements one unit of work (a GraphQL request) sent to the database. */
export interface StatementTally {
  statements: number;
  /**
   * `performance.now()` after which the unit of work (a request past REQUEST_TIMEOUT_MS) may send
   * no further statement. Checked at each statement, so that it holds even when no timer can fire
   * (embedded PGlite answers without giving the event loop a turn).
   */
  deadline?: number;
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

function counted<T extends SqlQueryable>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (...args: unknown[]) => {
          const tally = tallies.getStore();
          if (tally?.deadline !== undefined && performance.now() >= tally.deadline) {
            return Promise.reject(new StatementCancelledError('the request ran out of time; no further SQL runs for it'));
          }
          if (tally) tally.statements += 1;
          return value.apply(target, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => counted((await value.apply(target, args)) as Transaction);
      }
      return value.bind(target);
    },
  });
}

/** Wraps a driver adapter factory so that every statement its connections run is tallied. */
export function countingAdapterFactory(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'connect') {
        return async () => counted((await (value as () => Promise<SqlDriverAdapter>).apply(target)) as SqlDriverAdapter);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
