/**
 * The API's sessions plan with random_page_cost 1.1, not PostgreSQL's default of 4
 * (src/db/database.ts, `randomPageCost`), on PGlite and on the PostgreSQL server, for the reading
 * and the writing connections alike. (The seed's few actors are looked up by key either way: the
 * plans it changes are the benchmark's, docs/benchmarks.md.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import type { TestDatabase } from './support/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

describe(`the API's sessions (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await leaseTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('plan with random_page_cost 1.1', async () => {
    const db = await openDatabase(database.target);
    try {
      for (const client of [db.prisma, db.writer]) {
        const [setting] = await client.$queryRaw<Array<{ random_page_cost: string }>>`SHOW random_page_cost`;
        expect(setting?.random_page_cost).toBe('1.1');
      }
    } finally {
      await db.close();
    }
  });
});
