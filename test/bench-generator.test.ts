/**
 * The benchmark's graph generator (bench/generate.ts): the same seed and scale give the same
 * graph, the scale gives the row counts, and the data keeps the graph's rules (every evidence text
 * is its article's body at its offsets; every position has a holder and evidence).
 */
import { describe, expect, it } from 'vitest';
import { generate, scaled } from '../bench/generate.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

async function withGenerated<T>(runs: Array<{ factor: number; seed: number }>, check: (db: Database, digests: string[]) => Promise<T>): Promise<T> {
  const copy = await leaseTestDatabase();
  const db = await openDatabase(copy.target);
  try {
    const digests: string[] = [];
    for (const { factor, seed } of runs) {
      await generate((sql) => db.prisma.$executeRawUnsafe(sql).then(() => undefined), { scale: scaled(factor), seed });
      digests.push(await digest(db));
    }
    return await check(db, digests);
  } finally {
    await db.close();
    await copy.dispose();
  }
}

/** A fingerprint of the whole graph. */
async function digest(db: Database): Promise<string> {
  const [row] = await db.prisma.$queryRawUnsafe<Array<{ digest: string }>>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, stance, summary, "deploymentId", topic, "meetingId", "statedOn"), ';' ORDER BY id) FROM "Position"),
      (SELECT string_agg(concat_ws(',', "positionId", "actorId"), ';' ORDER BY "positionId", "actorId") FROM "PositionHolder"),
      (SELECT string_agg(concat_ws(',', id, "positionId", "articleId", start, "end"), ';' ORDER BY id) FROM "Evidence"),
      (SELECT string_agg("bodySha256", ';' ORDER BY id) FROM "Article"),
      (SELECT string_agg(concat_ws(',', id, name, "countryId"), ';' ORDER BY id) FROM "Official"),
      (SELECT string_agg(concat_ws(',', id, name, "hostId", "operatorId"), ';' ORDER BY id) FROM "Deployment")
    )) AS digest`);
  return row!.digest;
}

const count = async (db: Database, table: string) => (await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;

describe('the benchmark graph generator', () => {
  it('is reproducible: the same seed gives the same graph, another seed another one', async () => {
    await withGenerated(
      [
        { factor: 0.0005, seed: 3 },
        { factor: 0.0005, seed: 3 },
        { factor: 0.0005, seed: 4 },
      ],
      async (_db, [first, again, other]) => {
        expect(again).toBe(first);
        expect(other).not.toBe(first);
      },
    );
  }, 120_000);

  it("makes the counts of its scale, and data that keeps the graph's rules", async () => {
    const scale = scaled(0.001);
    await withGenerated([{ factor: 0.001, seed: 1 }], async (db) => {
      expect(await count(db, 'Position')).toBe(scale.positions);
      expect(await count(db, 'Official')).toBe(scale.officials);
      expect(await count(db, 'Deployment')).toBe(scale.deployments);
      expect(await count(db, 'Meeting')).toBe(scale.meetings);
      expect(await count(db, 'Country')).toBe(200);
      expect(await count(db, 'Article')).toBeLessThanOrEqual(scale.articles);
      const [rules] = await db.prisma.$queryRawUnsafe<Array<Record<string, number>>>(`
        SELECT
          (SELECT count(*)::int FROM "Evidence" AS e JOIN "Article" AS a ON a.id = e."articleId" WHERE substr(a.body, e.start + 1, e."end" - e.start) <> e.text) AS misquoted,
          (SELECT count(*)::int FROM "Position" AS p WHERE NOT EXISTS (SELECT 1 FROM "Evidence" AS e WHERE e."positionId" = p.id)) AS unsupported,
          (SELECT count(*)::int FROM "Position" AS p WHERE NOT EXISTS (SELECT 1 FROM "PositionHolder" AS h WHERE h."positionId" = p.id)) AS unheld,
          (SELECT count(*)::int FROM "Deployment" WHERE location = 'Seongju') AS seongju,
          (SELECT count(*)::int FROM "Article" WHERE "bodySha256" <> encode(sha256(convert_to(body, 'UTF8')), 'hex')) AS wrong_hash`);
      expect(rules).toEqual({ misquoted: 0, unsupported: 0, unheld: 0, seongju: 1, wrong_hash: 0 });
      // New rows after the generated ones get the next ids.
      const created = await db.prisma.actor.create({ data: { kind: 'ORGANIZATION', name: 'After the generator' } });
      expect(created.id).toBe(200 + 30 + 1);
    });
  }, 120_000);
});
