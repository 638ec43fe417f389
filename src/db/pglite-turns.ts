import type { PGlite, Transaction } from '@electric-sql/pglite';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * PGlite runs each statement on the event loop's own thread and settles it through promises
 * alone, so statements sent together (a request's fifteen aliased searches and their counts) run
 * back to back and keep the loop busy until the last one ends: every other request, `/healthz`
 * included, waits for all of them. Here the statements outside transactions run one at a time (as
 * PGlite runs them anyway), each after the loop's next turn, so that whatever else is ready (an
 * HTTP request, a timer) runs between two of them. One statement still holds the loop for as long
 * as it runs; that is what the operation cost bounds.
 *
 * A transaction's statements are sent one after the other by its owner, and PGlite holds every
 * other statement until it ends: they wait for a turn each, outside that queue, which they could
 * otherwise wait in forever behind a statement that waits for the transaction.
 */
export function takingTurns(pglite: PGlite): PGlite {
  let previous: Promise<unknown> = Promise.resolve();
  const query: PGlite['query'] = <T>(...args: Parameters<PGlite['query']>) => {
    const turn = previous.then(() => nextTurn()).then(() => pglite.query<T>(...args));
    previous = turn.catch(() => undefined);
    return turn;
  };
  const transaction: PGlite['transaction'] = (callback) => pglite.transaction((tx) => callback(withQuery(tx, afterTurn(tx))));
  return withQuery(pglite, query, { transaction });
}

function afterTurn(tx: Transaction): Transaction['query'] {
  return async <T>(...args: Parameters<Transaction['query']>) => {
    await nextTurn();
    return tx.query<T>(...args);
  };
}

/** `target` with `query` (and `overrides`) in place of its own methods. */
function withQuery<Target extends PGlite | Transaction>(target: Target, query: Target['query'], overrides: Partial<Target> = {}): Target {
  return new Proxy(target, {
    get(_, property) {
      if (property === 'query') return query;
      if (property in overrides) return overrides[property as keyof Target];
      // PGlite keeps its state in private fields, which only the instance itself can reach.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
