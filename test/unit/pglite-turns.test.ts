// @module-tag any-database
/**
 * The embedded database's statements take turns with the rest of the event loop
 * (src/db/pglite-turns.ts): a timer that falls due while statements are queued runs between two of
 * them, not after the last; a transaction's statements are not held behind statements that wait
 * for the transaction to end.
 */
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from '../../src/db/pglite-cluster.ts';
import { takingTurns } from '../../src/db/pglite-turns.ts';

let pglite: PGlite;
let db: PGlite;

beforeAll(async () => {
  pglite = await createPglite('memory://');
  db = takingTurns(pglite);
  await db.query('CREATE TABLE t (n int)');
}, 60_000);

afterAll(async () => {
  await pglite?.close();
});

/** A statement that keeps the thread busy for some milliseconds. */
const busy = 'SELECT sum(g) FROM generate_series(1, 100000) AS g';

describe('statements outside transactions', () => {
  it('let a timer that fell due run between two of them', async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('timer')), 1));
    const statements = [1, 2, 3, 4].map((i) => db.query(busy).then(() => void order.push(`statement ${i}`)));
    await Promise.all([timer, ...statements]);
    expect(order.indexOf('timer'), order.join(', ')).toBeLessThan(order.indexOf('statement 4'));
    expect(order.filter((entry) => entry !== 'timer')).toEqual(['statement 1', 'statement 2', 'statement 3', 'statement 4']);
  });

  it('report their own errors and leave the queue running', async () => {
    const failing = db.query('SELECT * FROM missing_table');
    const next = db.query<{ one: number }>('SELECT 1 AS one');
    await expect(failing).rejects.toThrow(/missing_table/);
    expect((await next).rows).toEqual([{ one: 1 }]);
  });
});

describe('transactions', () => {
  it('run their statements while a statement outside waits for them, which then sees their writes', async () => {
    const inside = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.query('INSERT INTO t VALUES (2)');
      return tx.query<{ count: number }>('SELECT count(*)::int AS count FROM t');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outside = db.query<{ count: number }>('SELECT count(*)::int AS count FROM t');
    expect((await inside).rows[0]?.count).toBe(2);
    expect((await outside).rows[0]?.count).toBe(2);
  });
});
