/**
 * Reads sent straight to the driver adapter (src/db/direct-reads.ts), with parameters or, sent
 * again, their values written into their text, return what Prisma's raw queries return, are
 * counted as statements, leave a transaction's reads in the transaction, and fail with the
 * database's own words; on PGlite and on the PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { queryRows, withValuesWritten } from '../src/db/direct-reads.ts';
import { countStatements, type StatementTally } from '../src/db/statement-counter.ts';
import type { TestDatabase } from './support/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

describe(`direct reads (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await leaseTestDatabase();
    db = await openDatabase(database.target);
    await db.prisma.$queryRawUnsafe('SELECT 1');
  });
  afterAll(async () => {
    await db?.close();
    await database?.dispose();
  });

  // A column of each type the reads select, from parameters of each kind they send.
  const statement = (ids: number[], text: string, at: Date, json: object) => Prisma.sql`
    SELECT n.id, n.stance, n.stance::text AS "stanceText", n.summary, n."statedFrom" IS NULL AS undated,
      (n.id / 3.0)::float8 AS third, (n.id / 3.0)::real AS "thirdReal", ${text}::text AS echoed,
      ${at}::timestamp(3) < now() AS "atIsPast", (${JSON.stringify(json)}::jsonb ->> 'key') AS "fromJson"
    FROM "Position" AS n WHERE n.id = ANY(${ids}::int[]) ORDER BY n.id`;

  it('return the rows Prisma returns, from the same parameters', async () => {
    const [row] = await db.prisma.$queryRaw<Array<{ ids: number[] }>>`SELECT array_agg(id ORDER BY id) AS ids FROM "Position"`;
    const ids = row?.ids ?? [];
    expect(ids.length).toBeGreaterThan(3);
    const sql = statement(ids.slice(0, 4), 'naïve "quotes" \\ and ; DROP', new Date('2016-07-28T12:00:00Z'), { key: 'value' });
    const direct = await queryRows<Record<string, unknown>>(db.prisma, sql);
    const throughPrisma = await db.prisma.$queryRaw<Array<Record<string, unknown>>>(sql);
    expect(direct).toEqual(throughPrisma);
    expect(direct).toHaveLength(4);
    expect(direct[0]).toMatchObject({ echoed: 'naïve "quotes" \\ and ; DROP', atIsPast: true, fromJson: 'value' });
    expect(typeof direct[0]!.third).toBe('number');
  });

  it('sent again, send their values as literals that mean what the parameters meant, whatever the text holds', async () => {
    const texts = ["O'Brien", "back\\slash \\x00 and \\'", '\'); DROP TABLE "Actor"; --', '$1 $$ dollar $q$', 'naïve ✓ 中文', '', '{a,b}', 'NULL'];
    const statement = Prisma.sql`SELECT array_to_json(${texts}::text[])::text AS texts, ${texts[0]}::text AS one, array_to_json(${['RU', null, 'a "b" c']}::text[])::text AS list,
      ${42} + 1 AS number, ${1.5}::float8 AS fraction, ${true}::boolean AS yes, ${null}::int AS nothing,
      ${new Date('2016-07-28T12:34:56.789Z')}::timestamp(3)::text AS instant, ${new Date('2016-07-28T00:00:00Z')}::timestamp(3)::text AS midnight,
      ${JSON.stringify({ key: "it's" })}::jsonb ->> 'key' AS "fromJson", array_to_json(${[3, 1, 2]}::int[])::text AS ids`;
    expect(withValuesWritten(Prisma.sql`SELECT ${1} AS a, ${"it's"} AS b, ${['x', null]} AS c`)).toBe(`SELECT '1' AS a, 'it''s' AS b, '{"x",NULL}' AS c`);
    // Sent once with parameters, then again with the values written in.
    const [withParameters] = await queryRows<Record<string, unknown>>(db.prisma, statement);
    const [direct] = await queryRows<Record<string, unknown>>(db.prisma, statement);
    const [throughPrisma] = await db.prisma.$queryRaw<Array<Record<string, unknown>>>(statement);
    expect(withParameters).toEqual(throughPrisma);
    expect(direct).toEqual(throughPrisma);
    expect(direct).toMatchObject({
      texts: JSON.stringify(texts),
      one: "O'Brien",
      list: JSON.stringify(['RU', null, 'a "b" c']),
      number: 43,
      yes: true,
      nothing: null,
      instant: '2016-07-28 12:34:56.789',
      midnight: '2016-07-28 00:00:00',
      fromJson: "it's",
      ids: '[3,1,2]',
    });
    expect(await db.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Actor"`).not.toEqual([{ n: 0 }]);
  });

  it('are counted as statements of the unit of work that sends them', async () => {
    const tally: StatementTally = { statements: 0 };
    await countStatements(tally, async () => {
      await queryRows(db.prisma, Prisma.sql`SELECT 1 AS one`);
      await queryRows(db.prisma, Prisma.sql`SELECT 2 AS two`);
    });
    expect(tally.statements).toBe(2);
  });

  it("leave a transaction's reads in its transaction", async () => {
    const seen = await db.writer.$transaction(async (tx) => {
      await tx.$executeRaw`CREATE TEMPORARY TABLE direct_reads_probe (id int) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO direct_reads_probe VALUES (7)`;
      return queryRows<{ id: number }>(tx, Prisma.sql`SELECT id FROM direct_reads_probe`);
    });
    expect(seen).toEqual([{ id: 7 }]);
  });

  it("fail with the database's own words, and refuse a column type they do not map", async () => {
    await expect(queryRows(db.prisma, Prisma.sql`SELECT no_such_column FROM "Position"`)).rejects.toThrow(/no_such_column.*does not exist/);
    await expect(queryRows(db.prisma, Prisma.sql`SELECT now() AS instant`)).rejects.toThrow(/column instant is of type/);
  });
});
