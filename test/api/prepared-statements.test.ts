/**
 * On a PostgreSQL server, a statement sent a second time is prepared on its connection under a
 * name (src/db/statement-names.ts) and still planned for each execution's values; with
 * PREPARED_STATEMENTS_MAX=0 nothing is prepared. Reads the server's own view of the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';

/** Queries run one after another use one connection of the pool: the last one released is idle and taken again. */
async function preparedOnConnection(db: Database): Promise<Array<{ name: string; statement: string }>> {
  return db.prisma.$queryRaw<Array<{ name: string; statement: string }>>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`;
}

describe.runIf(process.env.DATABASE_URL)('prepared statements', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabaseTarget();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('are made of a statement sent twice, planned for each execution still', async () => {
    const db = await openDatabase(database.target, { preparedStatements: 5 });
    try {
      const read = (id: number) => db.prisma.$queryRaw<Array<{ name: string }>>`SELECT name FROM "Actor" WHERE id = ${id} /* prepared-test */`;
      const [first] = await read(1);
      const [again] = await read(1);
      const [other] = await read(2);
      expect(again).toEqual(first);
      expect(other?.name).not.toBe(first?.name); // the values of each execution, not the first one's
      const prepared = (await preparedOnConnection(db)).filter((row) => row.statement.includes('prepared-test'));
      expect(prepared).toEqual([{ name: expect.stringMatching(/^stancegraph_\d+$/), statement: expect.stringContaining('FROM "Actor" WHERE id = $1') }]);
      const [mode] = await db.prisma.$queryRaw<Array<{ plan_cache_mode: string }>>`SHOW plan_cache_mode`;
      expect(mode?.plan_cache_mode).toBe('force_custom_plan');
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
