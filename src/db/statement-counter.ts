import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable, Transaction } from '@prisma/driver-adapter-utils';

/** The SQL statements one unit of work (a GraphQL request) sent to the database. */
export interface StatementTally {
  statements: number;
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
