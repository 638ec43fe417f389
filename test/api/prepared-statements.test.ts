/**
 * On a PostgreSQL server, a statement sent a second time is prepared on its connection under a
 * name (src/db/statement-names.ts): one with parameters is still planned for each execution's
 * values, a read sent again with its values written in (src/db/direct-reads.ts) is planned once;
 * a name given up is dropped from the connection; with PREPARED_STATEMENTS_MAX=0 nothing is
 * prepared. Reads the server's own view of the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { queryRows } from '../../src/db/direct-reads.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';

let probes = 0;
/**
 * Queries run one after another use one connection of the pool: the last one released is idle and
 * taken again. Each probe's text is new, so that it never takes a name itself.
 */
async function preparedOnConnection(db: Database): Promise<Array<{ name: string; statement: string; generic_plans: number; custom_plans: number }>> {
  return db.prisma.$queryRawUnsafe(
    `SELECT name, statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements ORDER BY name /* probe ${++probes} */`,
  );
}

describe.runIf(process.env.DATABASE_URL)('prepared statements', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabaseTarget();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('are made of a statement sent twice, planned for each execution still when it has parameters', async () => {
    const db = await openDatabase(database.target, { preparedStatements: 5 });
    try {
      const read = (id: number) => db.prisma.$queryRaw<Array<{ name: string }>>`SELECT name FROM "Actor" WHERE id = ${id} /* prepared-test */`;
      const [first] = await read(1);
      const [again] = await read(1);
      const [other] = await read(2);
      expect(again).toEqual(first);
      expect(other?.name).not.toBe(first?.name); // the values of each execution, not the first one's
      const prepared = (await preparedOnConnection(db)).filter((row) => row.statement.includes('prepared-test'));
      expect(prepared).toEqual([
        {
          name: expect.stringMatching(/^stancegraph_\d+$/),
          statement: expect.stringContaining('FROM "Actor" WHERE id = $1'),
          generic_plans: 0,
          custom_plans: 2,
        },
      ]);
      const [mode] = await db.prisma.$queryRaw<Array<{ plan_cache_mode: string }>>`SHOW plan_cache_mode`;
      expect(mode?.plan_cache_mode).toBe('force_custom_plan');
    } finally {
      await db.close();
    }
  });

  it('are planned once for a read sent again with the same values, written into its text; new values go as parameters', async () => {
    const db = await openDatabase(database.target, { preparedStatements: 5 });
    try {
      const read = (id: number) => queryRows<{ name: string }>(db.prisma, Prisma.sql`SELECT name FROM "Actor" WHERE id = ${id} /* planned-once-test */`);
      await db.prisma.$queryRaw`SELECT 1`; // connects the client's adapter, which reads are sent to
      const [first] = await read(1); // with a parameter
      for (let i = 0; i < 3; i++) expect(await read(1)).toEqual([first]); // written in: unnamed, then prepared and planned once
      const [other] = await read(2); // new: with a parameter, whose shape is now prepared
      expect(other?.name).not.toBe(first?.name);
      const prepared = (await preparedOnConnection(db)).filter((row) => row.statement.includes('planned-once-test'));
      expect(prepared).toEqual([
        { name: expect.stringMatching(/^stancegraph_\d+$/), statement: expect.stringContaining(`WHERE id = '1'`), generic_plans: 2, custom_plans: 0 },
        { name: expect.stringMatching(/^stancegraph_\d+$/), statement: expect.stringContaining('WHERE id = $1'), generic_plans: 0, custom_plans: 1 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('are dropped from the connection when their name is given up for a more recent text', async () => {
    const db = await openDatabase(database.target, { preparedStatements: 2 });
    try {
      const send = (text: string) => db.prisma.$queryRawUnsafe(`SELECT '${text}' AS text /* given-up-test */`);
      for (const text of ['a', 'a', 'b', 'b']) await send(text);
      const texts = async () =>
        (await preparedOnConnection(db)).filter((row) => row.statement.includes('given-up-test')).map((row) => row.statement.match(/SELECT '(\w)'/)?.[1]);
      expect(await texts()).toEqual(['a', 'b']);
      for (const text of ['c', 'c']) await send(text); // a third name: the least recently used (a's) is given up
      expect((await texts()).sort()).toEqual(['b', 'c']);
      expect(await send('a')).toEqual([{ text: 'a' }]); // and a runs unnamed again, answered as before
    } finally {
      await db.close();
    }
  });

  it('are not made when none are allowed', async () => {
    const db = await openDatabase(database.target, { preparedStatements: 0 });
    try {
      for (let i = 0; i < 3; i++) await db.prisma.$queryRaw`SELECT name FROM "Actor" WHERE id = ${1} /* unprepared-test */`;
      expect(await preparedOnConnection(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
