/**
 * vitest globalSetup: builds the migrated and seeded template database once per run, for
 * test/support/database.ts to copy per test file, and removes it (and any copy left behind) at
 * the end. Uses the PostgreSQL server of DATABASE_URL when it is set, PGlite otherwise.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { databaseTargetFromEnv } from '../../src/config.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { seedDatabase } from '../../src/data/import/seed.ts';
import {
  copyNamePrefix,
  databaseNameOf,
  derivedDatabaseName,
  quoteIdent,
  urlForDatabase,
  withPgClient,
  type DatabaseTemplate,
} from './database.ts';

const WORK_DIR_PREFIX = 'stancegraph-test-';

/** Migrates and seeds a new database, then closes it (a template must have no open session). */
async function buildTemplate(target: DatabaseTarget): Promise<void> {
  const db: Database = await openDatabase(target);
  try {
    await applyMigrations(db);
    await seedDatabase(db.prisma);
  } finally {
    await db.close();
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what killed runs on this machine left in the temporary directory. */
async function removeStaleWorkDirs(): Promise<void> {
  const entries = await readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(new RegExp(`^${WORK_DIR_PREFIX}(\\d+)-`).exec(entry)?.[1]);
    if (pid && pid !== process.pid && !processIsAlive(pid)) {
      await rm(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
  }
}

/**
 * Drops the templates and copies that killed runs from this machine left on the server: only
 * names this setup would have generated (`<db>_tpl_<pid>`, `<db>_t<pid>_<10 hex>`) for a pid that
 * no longer runs.
 */
async function dropStaleDatabases(adminUrl: string): Promise<void> {
  const database = databaseNameOf(adminUrl);
  const ownerOf = (name: string): number | undefined => {
    const tpl = /_tpl_(\d+)$/.exec(name);
    if (tpl && name === derivedDatabaseName(database, `_tpl_${tpl[1]}`)) return Number(tpl[1]);
    const copy = /_t(\d+)_[0-9a-f]{10}$/.exec(name);
    if (copy && name.slice(0, -10) === copyNamePrefix(database, `_t${copy[1]}_`)) return Number(copy[1]);
    return undefined;
  };
  await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE NOT datistemplate');
    for (const { datname } of rows) {
      const pid = ownerOf(datname);
      if (pid && pid !== process.pid && !processIsAlive(pid)) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => undefined);
      }
    }
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const target = databaseTargetFromEnv();

  if (target.kind === 'postgres') {
    const adminUrl = target.url;
    await dropStaleDatabases(adminUrl);
    const database = databaseNameOf(adminUrl);
    const templateName = derivedDatabaseName(database, `_tpl_${process.pid}`);
    const copyPrefix = `_t${process.pid}_`;
    await withPgClient(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(templateName)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(templateName)}`);
    });
    const dropAll = () =>
      withPgClient(adminUrl, async (client) => {
        const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE NOT datistemplate');
        const copies = copyNamePrefix(database, copyPrefix);
        const ours = rows.map((row) => row.datname).filter((name) => name === templateName || name.startsWith(copies));
        for (const name of ours) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
    try {
      await buildTemplate({ kind: 'postgres', url: urlForDatabase(adminUrl, templateName) });
    } catch (error) {
      await dropAll().catch(() => undefined);
      throw error;
    }
    const template: DatabaseTemplate = { kind: 'postgres', adminUrl, templateName, copyPrefix };
    project.provide('stancegraphDatabaseTemplate', template);
    console.log(`test database template: PostgreSQL database ${templateName}, migrated and seeded in ${Date.now() - started} ms`);
    return dropAll;
  }

  await removeStaleWorkDirs();
  const workDir = await mkdtemp(path.join(os.tmpdir(), `${WORK_DIR_PREFIX}${process.pid}-`));
  const templateDir = path.join(workDir, 'template');
  await mkdir(templateDir);
  const removeAll = () => rm(workDir, { recursive: true, force: true });
  try {
    await buildTemplate({ kind: 'pglite', dataDir: templateDir });
  } catch (error) {
    await removeAll();
    throw error;
  }
  const template: DatabaseTemplate = { kind: 'pglite', templateDir, workDir };
  project.provide('stancegraphDatabaseTemplate', template);
  console.log(`test database template: PGlite data directory ${templateDir}, migrated and seeded in ${Date.now() - started} ms`);
  return removeAll;
}
