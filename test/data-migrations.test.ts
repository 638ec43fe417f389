// @module-tag any-database
/**
 * Migrations that carry data over, each run on a database as the version before it left it: the
 * migrations up to it applied, and rows written as that version wrote them (an import, the seed,
 * positionCreate with its change-log entry).
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { MIGRATIONS_DIR } from '../src/db/schema-engine.ts';

/**
 * A database as the version before `migration` left it: every migration before it applied (in
 * memory, a new one for the describe block that asks).
 */
function useDatabaseBefore(migration: string): () => Database {
  let db: Database | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'stancegraph-data-migrations-'));
    db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await applyMigrations(db, { migrationsDir: await migrationsBefore(migration, scratch) });
  });
  afterAll(async () => {
    await db?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  return () => {
    if (!db) throw new Error('the database did not open');
    return db;
  };
}

/** A copy of prisma/migrations without `name` and the migrations after it. */
async function migrationsBefore(name: string, scratch: string): Promise<string> {
  const dir = path.join(scratch, `before-${name}`);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  for (const entry of await readdir(dir)) if (/^\d{14}_/.test(entry) && entry >= name) await rm(path.join(dir, entry), { recursive: true });
  return dir;
}

describe('position_modality_attribution_provenance', () => {
  const migration = '20261130120002_position_modality_attribution_provenance';
  const database = useDatabaseBefore(migration);

  it('records positions without a CREATE entry as IMPORTED, and the seed statements as the seed document now says', async () => {
    const db = database();
    const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
    await sql(`INSERT INTO "Actor" (id, kind, name, "updatedAt") VALUES (1, 'COUNTRY', 'China', now())`);
    await sql(`INSERT INTO "Country" (id, "isoCode") VALUES (1, 'CN')`);
    // The seed (an import: one IMPORT entry, on the article), another import, and positionCreate.
    const positions: Array<[number, string, string]> = [
      [1, 'seed', 'Six Party Talks'],
      [2, 'seed', 'inter-Korean dialogue'],
      [3, 'import-bot', 'Six Party Talks'],
      [4, 'test-editor', 'strategic stability'],
    ];
    for (const [id, by, topic] of positions) {
      await sql(`INSERT INTO "Position" (id, stance, summary, topic, "createdBy", "updatedAt") VALUES (${id}, 'COMMIT', 's', '${topic}', '${by}', now())`);
    }
    await sql(`INSERT INTO "ChangeLog" (actor, action, "entityType", "entityId", details) VALUES ('seed', 'IMPORT', 'Article', 1, '{}')`);
    await sql(`INSERT INTO "ChangeLog" (actor, action, "entityType", "entityId", details) VALUES ('test-editor', 'CREATE', 'Position', 4, '{}')`);

    expect((await applyMigrations(db)).applied[0]).toBe(migration);

    const rows = await db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      `SELECT id, modality::text, attribution::text, provenance::text, confidence FROM "Position" ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 1, modality: 'INTENDED', attribution: 'PARAPHRASE', provenance: 'IMPORTED', confidence: null },
      { id: 2, modality: 'ASSERTED', attribution: 'PARAPHRASE', provenance: 'IMPORTED', confidence: null },
      { id: 3, modality: 'ASSERTED', attribution: null, provenance: 'IMPORTED', confidence: null },
      { id: 4, modality: 'ASSERTED', attribution: null, provenance: 'MANUAL', confidence: null },
    ]);
  });
});

describe('deployment_hosts_aliases_status_history', () => {
  const migration = '20261130123113_deployment_hosts_aliases_status_history';
  const database = useDatabaseBefore(migration);

  it("keeps each deployment's host as its first host country, and its status as its history's one change", async () => {
    const db = database();
    const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
    await sql(`INSERT INTO "Actor" (id, kind, name, "updatedAt") VALUES (1, 'COUNTRY', 'South Korea', now())`);
    await sql(`INSERT INTO "Country" (id, "isoCode") VALUES (1, 'KR')`);
    await sql(
      `INSERT INTO "Deployment" (id, name, system, status, "hostId", "createdBy", "updatedAt") VALUES (1, 'THAAD battery', 'THAAD', 'ANNOUNCED', 1, 'seed', now())`,
    );
    await sql(`INSERT INTO "Deployment" (id, name, status, "updatedAt") VALUES (2, 'a site', 'PROPOSED', now())`);

    expect((await applyMigrations(db)).applied[0]).toBe(migration);

    expect(await db.prisma.$queryRawUnsafe(`SELECT "deploymentId", "countryId" FROM "DeploymentHostCountry" ORDER BY 1`)).toEqual([
      { deploymentId: 1, countryId: 1 },
    ]);
    expect(
      await db.prisma.$queryRawUnsafe(`SELECT "deploymentId", status::text, "onFrom", "articleId", text, "createdBy" FROM "DeploymentStatusChange" ORDER BY 1`),
    ).toEqual([
      { deploymentId: 1, status: 'ANNOUNCED', onFrom: null, articleId: null, text: null, createdBy: 'seed' },
      { deploymentId: 2, status: 'PROPOSED', onFrom: null, articleId: null, text: null, createdBy: null },
    ]);
    expect(await db.prisma.$queryRawUnsafe(`SELECT id, aliases FROM "Deployment" ORDER BY id`)).toEqual([
      { id: 1, aliases: [] },
      { id: 2, aliases: [] },
    ]);
  });
});

describe('topics', () => {
  const migration = '20261130125000_topics';
  const database = useDatabaseBefore(migration);

  it('makes one topic of each topic text in any case, named as first recorded, and links every position to it', async () => {
    const db = database();
    const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
    const positions: Array<[number, string | null]> = [
      [1, 'Six Party Talks'],
      [2, 'six party talks'],
      [3, 'strategic stability'],
      [4, null],
    ];
    for (const [id, topic] of positions) {
      await sql(
        `INSERT INTO "Position" (id, stance, summary, topic, "updatedAt") VALUES (${id}, 'COMMIT', 's', ${topic === null ? 'NULL' : `'${topic}'`}, now())`,
      );
    }
    expect((await applyMigrations(db)).applied[0]).toBe(migration);
    expect(await db.prisma.$queryRawUnsafe(`SELECT id, name FROM "Topic" ORDER BY id`)).toEqual([
      { id: 1, name: 'Six Party Talks' },
      { id: 2, name: 'strategic stability' },
    ]);
    expect(await db.prisma.$queryRawUnsafe(`SELECT id, topic, "topicId" FROM "Position" ORDER BY id`)).toEqual([
      { id: 1, topic: 'Six Party Talks', topicId: 1 },
      { id: 2, topic: 'Six Party Talks', topicId: 1 },
      { id: 3, topic: 'strategic stability', topicId: 2 },
      { id: 4, topic: null, topicId: null },
    ]);
  });
});

describe('position_targets', () => {
  const migration = '20261130131219_position_targets';
  const database = useDatabaseBefore(migration);

  it("makes each position's deployment and topic its targets", async () => {
    const db = database();
    const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
    await sql(`INSERT INTO "Deployment" (id, name, status, "updatedAt") VALUES (1, 'a site', 'PROPOSED', now())`);
    await sql(`INSERT INTO "Topic" (id, name, "updatedAt") VALUES (1, 'Six Party Talks', now())`);
    await sql(`INSERT INTO "Position" (id, stance, summary, "deploymentId", "updatedAt") VALUES (1, 'OPPOSE', 's', 1, now())`);
    await sql(`INSERT INTO "Position" (id, stance, summary, topic, "topicId", "updatedAt") VALUES (2, 'COMMIT', 's', 'Six Party Talks', 1, now())`);
    expect((await applyMigrations(db)).applied[0]).toBe(migration);
    expect(await db.prisma.$queryRawUnsafe(`SELECT "positionId", "deploymentId" FROM "PositionDeployment"`)).toEqual([{ positionId: 1, deploymentId: 1 }]);
    expect(await db.prisma.$queryRawUnsafe(`SELECT "positionId", "topicId" FROM "PositionTopic"`)).toEqual([{ positionId: 2, topicId: 1 }]);
  });
});
