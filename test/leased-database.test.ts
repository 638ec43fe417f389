/**
 * A leased test database (test/support/leased-database.ts) comes back as the template was, however
 * the file before left it: the same rows in every table (the append-only change log included), the
 * same next ids, no transaction or setting of the last session; and the app opened on a PGlite it
 * is handed (`instance`) leaves it open when it stops.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { dumpTables } from './support/curation.ts';
import { createTestDatabaseTarget, type TestDatabase } from './support/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

/** Every table's rows and the next id each sequence would give, read without changing them. */
async function contents(database: TestDatabase) {
  const db = await openDatabase(database.target);
  try {
    const sequences = await db.prisma.$queryRawUnsafe<Array<{ name: string; last: number | null }>>(
      `SELECT sequencename AS name, last_value::float8 AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    return { tables: await dumpTables(db.prisma), sequences };
  } finally {
    await db.close();
  }
}

// PGlite only: on the PostgreSQL server a lease is a new copy of the template.
describe.skipIf(process.env.DATABASE_URL)('a leased PGlite database', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('is the template again when leased after a file wrote to it and left a transaction open', async () => {
    const copy = await createTestDatabaseTarget();
    cleanups.push(() => copy.dispose());
    const template = await contents(copy);

    const first = await leaseTestDatabase();
    const pglite = first.target.kind === 'pglite' ? first.target.instance : undefined;
    expect(pglite, 'a lease hands the app an open PGlite').toBeDefined();
    const db = await openDatabase(first.target);
    await db.prisma.$executeRawUnsafe(`UPDATE "Position" SET summary = 'rewritten'`);
    await db.prisma.$executeRawUnsafe(`DELETE FROM "Evidence"`);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "ChangeLog" (action, "entityType", "entityId", details, actor) SELECT action, "entityType", "entityId", details, actor FROM "ChangeLog" LIMIT 1`,
    );
    await db.close();
    // Closing the app's client leaves the instance open: it is the lease's.
    expect((await pglite!.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pglite!.exec(`SET random_page_cost = 7; BEGIN; UPDATE "Article" SET headline = 'half-written'`);
    await first.dispose();

    const second = await leaseTestDatabase();
    cleanups.push(() => second.dispose());
    expect(second.target.kind === 'pglite' && second.target.instance, 'the pooled instance, not a new one').toBe(pglite);
    expect(await contents(second)).toEqual(template);
    const db2 = await openDatabase(second.target);
    try {
      const [setting] = await db2.prisma.$queryRawUnsafe<Array<{ cost: string }>>(`SELECT current_setting('random_page_cost') AS cost`);
      expect(setting!.cost).toBe('1.1');
    } finally {
      await db2.close();
    }
  });

  it('has no environment for a process until it is closed, and is open again after', async () => {
    const lease = await leaseTestDatabase();
    cleanups.push(() => lease.dispose());
    expect(() => lease.env).toThrow(/whileClosed/);
    const dir = await lease.whileClosed(async (env) => env.PGLITE_DATA_DIR);
    expect(dir).toBe(lease.target.kind === 'pglite' ? lease.target.dataDir : null);
    const db = await openDatabase(lease.target);
    try {
      expect(await db.prisma.country.count()).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
