import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase, PGLITE_LOCK_FILE, type Database } from '../src/db/database.ts';
import { applyMigrations, migrationStatus } from '../src/db/migrate.ts';
import { createMigration, diffMigrationsToSchema } from '../src/db/migration-authoring.ts';
import { MigrationError, MIGRATIONS_DIR, SCHEMA_PATH } from '../src/db/schema-engine.ts';
import { copyNamePrefix, createTestDatabaseTarget, databaseNameOf, quoteIdent, urlForDatabase, withPgClient } from './support/database.ts';
import { eventually } from './support/http.ts';
import { runScript } from './support/process.ts';

/** The PostgreSQL server every development and CI machine has (README, "Tests"); DATABASE_URL wins. */
const serverUrl = process.env.DATABASE_URL || process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test';

interface Committed {
  name: string;
  checksum: string;
}

/** prisma/migrations as Prisma sees it: directories in name order, checksum = sha256 hex of migration.sql. */
async function committedMigrations(dir = MIGRATIONS_DIR): Promise<Committed[]> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    entries.map(async (name) => ({
      name,
      checksum: createHash('sha256')
        .update(await readFile(path.join(dir, name, 'migration.sql')))
        .digest('hex'),
    })),
  );
}

interface Recorded {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function recordedMigrations(db: Database): Promise<Recorded[]> {
  return db.prisma.$queryRawUnsafe<Recorded[]>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at, migration_name',
  );
}

/** Every committed migration recorded once, finished, with Prisma's checksum. */
function expectRecordedAsPrismaDoes(recorded: Recorded[], committed: Committed[]): void {
  expect(recorded.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((c) => [c.name, c.checksum]));
  for (const row of recorded) {
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.applied_steps_count).toBe(1);
  }
}

describe('applyMigrations on PGlite', { tags: ['any-database'] }, () => {
  let db: Database;
  let scratch: string;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'stancegraph-migrations-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies every migration once and records it as Prisma Migrate does', async () => {
    const committed = await committedMigrations();
    expect(committed.length).toBeGreaterThan(0);

    expect(await applyMigrations(db)).toEqual({ applied: committed.map((m) => m.name) });
    expect(await applyMigrations(db)).toEqual({ applied: [] });

    expectRecordedAsPrismaDoes(await recordedMigrations(db), committed);
    expect(await migrationStatus(db)).toEqual({ pending: [], failed: [], edited: [], initialized: true });
    // The tables are there and usable through the Prisma client.
    expect(await db.prisma.article.count()).toBe(0);
  });

  it('rolls back a failing migration, records it as failed, and stops there on later runs', async () => {
    const migrationsDir = path.join(scratch, 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const bad = '29991231235959_bad';
    await mkdir(path.join(migrationsDir, bad));
    await writeFile(path.join(migrationsDir, bad, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT 1/0;\n');

    const failure = await applyMigrations(db, { migrationsDir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toBe(`migration ${bad} failed: Error querying the database: ERROR: division by zero`);
    // The script ran as one transaction: its first statement did not stay behind.
    expect(await db.prisma.$queryRawUnsafe(`SELECT to_regclass('"Half"')::text AS t`)).toEqual([{ t: null }]);
    expect((await migrationStatus(db, { migrationsDir })).failed).toEqual([bad]);

    const again = await applyMigrations(db, { migrationsDir }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(MigrationError);
    expect((again as Error).message).toMatch(/P3009: migrate found failed migrations.*`29991231235959_bad` migration/);
  });
});

describe('applyMigrations on the PostgreSQL server', { tags: ['any-database'] }, () => {
  const admin = serverUrl;
  const database = copyNamePrefix(databaseNameOf(admin), `_t${process.pid}_`) + randomBytes(5).toString('hex');
  const url = urlForDatabase(admin, database);

  beforeAll(async () => {
    await withPgClient(admin, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`)).catch((error: Error) => {
      throw new Error(`the PostgreSQL server of ${admin.replace(/:[^:@/]*@/, ':***@')} is needed: ${error.message}`);
    });
  });
  afterAll(async () => {
    await withPgClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));
  });

  it('applies every migration once, also when three processes start at the same time', async () => {
    const committed = await committedMigrations();
    const runs = await Promise.all([1, 2, 3].map(() => runScript('db-migrate.ts', [], { DATABASE_URL: url })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const outputs = runs.map((run) => run.stdout);
    expect(outputs.filter((out) => out.includes('db:migrate: applied to'))).toHaveLength(1);
    expect(outputs.filter((out) => /is up to date\n$/.test(out))).toHaveLength(2);
    expect(outputs.join('')).toContain(`  ${committed.at(-1)!.name}\n`);

    const db = await openDatabase({ kind: 'postgres', url });
    try {
      expect(await applyMigrations(db)).toEqual({ applied: [] });
      expectRecordedAsPrismaDoes(await recordedMigrations(db), committed);
      expect(await migrationStatus(db)).toEqual({ pending: [], failed: [], edited: [], initialized: true });
      expect(await db.prisma.article.count()).toBe(0);
    } finally {
      await db.close();
    }
    // Nothing left holding a lock or a connection. A backend leaves pg_stat_activity a moment after
    // its client has closed the connection (it exits on its own time): one still listed right
    // after db.close() failed this once on a busy machine, so it gets a few seconds to go.
    const sessionsLeft = () =>
      withPgClient(admin, (client) =>
        client.query<{ pid: number; state: string | null; query: string }>('SELECT pid, state, query FROM pg_stat_activity WHERE datname = $1', [database]),
      ).then(({ rows }) => rows);
    await eventually(async () => ((await sessionsLeft()).length === 0 ? true : undefined), { timeoutMs: 5_000 }).catch(() => undefined);
    expect(await sessionsLeft()).toEqual([]);
  });
});

describe('a persisted PGlite data directory', { tags: ['any-database'] }, () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'stancegraph-pglite-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('is migrated, reopened by a new process, and keeps its data', async () => {
    const dataDir = path.join(scratch, 'data');
    const committed = await committedMigrations();

    let started = Date.now();
    let db = await openDatabase({ kind: 'pglite', dataDir });
    const freshOpenMs = Date.now() - started;
    started = Date.now();
    expect((await applyMigrations(db)).applied).toEqual(committed.map((m) => m.name));
    const migrateMs = Date.now() - started;
    await db.prisma.actor.create({ data: { kind: 'COUNTRY', name: 'Testland', country: { create: { isoCode: 'XT' } } } });
    await db.close();
    expect(existsSync(path.join(dataDir, PGLITE_LOCK_FILE))).toBe(false);

    // Another process reopens it, finds it up to date, and closes it.
    const second = await runScript('db-migrate.ts', [], { PGLITE_DATA_DIR: dataDir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/is up to date\n$/);

    // And this process reopens it once more: the data is there.
    started = Date.now();
    db = await openDatabase({ kind: 'pglite', dataDir }, { timeoutMs: 10_000 });
    const reopenMs = Date.now() - started;
    try {
      expect(await db.prisma.country.findUnique({ where: { isoCode: 'XT' }, include: { actor: true } })).toMatchObject({
        actor: { name: 'Testland' },
      });
      expectRecordedAsPrismaDoes(await recordedMigrations(db), committed);
    } finally {
      await db.close();
    }
    console.log(
      `PGlite on disk: fresh open (initdb) ${freshOpenMs} ms + migrate ${migrateMs} ms; ` +
        `reopen ${reopenMs} ms; db:migrate in a new process (reopen, up to date, close) ${second.ms} ms`,
    );
  });

  it('refuses an unusable directory within the time limit, in one line', async () => {
    const file = path.join(scratch, 'a-file');
    await writeFile(file, 'not a directory');
    const junk = path.join(scratch, 'junk');
    await mkdir(junk);
    await writeFile(path.join(junk, 'notes.txt'), 'hello');
    const damaged = path.join(scratch, 'damaged');
    await mkdir(damaged);
    await writeFile(path.join(damaged, 'PG_VERSION'), '17\n');
    const inUse = path.join(scratch, 'in-use');
    const exitCode = process.exitCode;

    const failure = async (dataDir: string) => {
      const started = Date.now();
      const error = await openDatabase({ kind: 'pglite', dataDir }, { timeoutMs: 10_000 }).then(
        async (db) => {
          await db.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(Date.now() - started).toBeLessThan(10_000);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message;
    };

    expect(await failure(path.join(file, 'data'))).toMatch(/^cannot use data directory .*\/a-file\/data: ENOTDIR: not a directory/);
    expect(await failure(file)).toBe(`cannot use data directory ${file}: it is a file, not a directory`);
    expect(await failure(junk)).toBe(`cannot use data directory ${junk}: it is not empty and is not a PostgreSQL data directory (no PG_VERSION)`);
    expect(await failure(damaged)).toBe(
      `cannot open embedded PostgreSQL (PGlite) at ${damaged}: PGlite failed to initialize properly (the data directory is damaged or incomplete)`,
    );
    // PGlite sets process.exitCode = 1 when PostgreSQL fails to start; openDatabase undoes that.
    expect(process.exitCode).toBe(exitCode);

    const holder = await openDatabase({ kind: 'pglite', dataDir: inUse });
    try {
      expect(await failure(inUse)).toBe(
        `cannot use data directory ${inUse}: it is in use by process ${process.pid} (remove ${path.join(inUse, PGLITE_LOCK_FILE)} if that process is gone)`,
      );
    } finally {
      await holder.close();
    }
    // A lock left by a process that is gone is taken over.
    await writeFile(path.join(inUse, PGLITE_LOCK_FILE), `2147483646\n${os.hostname()}\n`);
    const reopened = await openDatabase({ kind: 'pglite', dataDir: inUse });
    await reopened.close();
  });

  it('reports an unreachable PostgreSQL server in one line', async () => {
    const error = await openDatabase({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:1/test' }, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe(
      "cannot connect to PostgreSQL server postgresql://postgres@127.0.0.1:1/test: Can't reach database server at 127.0.0.1:1",
    );
  });
});

describe('createMigration', { tags: ['any-database'] }, () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'stancegraph-create-migration-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('finds the committed migrations up to date with prisma/schema.prisma', async () => {
    // If this fails, run `npm run db:migration -- <name>` and commit the new migration.
    expect(await diffMigrationsToSchema()).toBeNull();
  });

  it('writes the next migration for a schema change, and nothing when there is none', async () => {
    const migrationsDir = path.join(scratch, 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = path.join(scratch, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const changed = schema.replace('  photoCredit String?\n', '  photoCredit String?\n  language    String?\n');
    expect(changed).not.toBe(schema);
    await writeFile(schemaPath, changed);

    const result = await createMigration('Add article language', {
      migrationsDir,
      schemaPath,
      now: new Date('2999-01-02T03:04:05Z'),
    });
    expect(result).toMatchObject({ created: true, name: '29990102030405_add_article_language', warnings: [] });
    if (!result.created) throw new Error('unreachable');
    expect(await readFile(result.file, 'utf8')).toBe('-- AlterTable\nALTER TABLE "Article" ADD COLUMN     "language" TEXT;\n');
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );

    const again = await createMigration('anything', { migrationsDir, schemaPath });
    expect(again).toEqual({
      created: false,
      reason: `no change: ${path.relative(process.cwd(), schemaPath)} matches the migrations in ${path.relative(process.cwd(), migrationsDir)}`,
    });
    expect((await committedMigrations(migrationsDir)).map((m) => m.name).at(-1)).toBe(result.name);

    // The new migration applies on top of the others.
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      expect((await applyMigrations(db, { migrationsDir })).applied.at(-1)).toBe(result.name);
      expect(
        await db.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'Article' AND column_name = 'language'`),
      ).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('test database copies', () => {
  it('are migrated, seeded and independent of each other', async () => {
    const [a, b] = await Promise.all([createTestDatabaseTarget(), createTestDatabaseTarget()]);
    try {
      expect(a.target).not.toEqual(b.target);
      if (a.target.kind === 'pglite') {
        expect(a.env).toEqual({ PGLITE_DATA_DIR: a.target.dataDir });
        expect(existsSync(path.join(a.target.dataDir, 'PG_VERSION'))).toBe(true);
      } else {
        expect(a.env).toEqual({ DATABASE_URL: a.target.url });
      }

      const dbA = await openDatabase(a.target);
      let articles: number;
      try {
        articles = await dbA.prisma.article.count();
        expect(articles).toBeGreaterThan(0);
        expect(await migrationStatus(dbA)).toEqual({ pending: [], failed: [], edited: [], initialized: true });
        await dbA.prisma.actor.create({ data: { kind: 'ORGANIZATION', name: 'Only in A' } });
      } finally {
        await dbA.close();
      }
      const dbB = await openDatabase(b.target);
      try {
        expect(await dbB.prisma.article.count()).toBe(articles);
        expect(await dbB.prisma.actor.count({ where: { name: 'Only in A' } })).toBe(0);
      } finally {
        await dbB.close();
      }
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
    if (a.target.kind === 'pglite') expect(existsSync(a.target.dataDir)).toBe(false);
  });
});
