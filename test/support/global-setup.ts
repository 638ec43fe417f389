/**
 * vitest globalSetup: builds dist/ (the bundled server and commands that some tests spawn), names
 * this run's template database (test/support/database.ts builds it when the first test file asks
 * for a copy, and copies it per file), and removes it and every copy at the end.
 * Uses the PostgreSQL server of DATABASE_URL when it is set, PGlite otherwise.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildCompiled } from '../../scripts/compiled-build.ts';
import { databaseTargetFromEnv } from '../../src/config.ts';
import { copyNamePrefix, databaseNameOf, derivedDatabaseName, quoteIdent, withPgClient, type DatabaseTemplate } from './database.ts';

const WORK_DIR_PREFIX = 'stancegraph-test-';

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
  // Tests that start the server or a CLI command as a process run the bundled build, as `npm
  // start` does: built here, once per run (~1 s).
  await buildCompiled();
  const target = databaseTargetFromEnv();
  await removeStaleWorkDirs();
  const workDir = await mkdtemp(path.join(os.tmpdir(), `${WORK_DIR_PREFIX}${process.pid}-`));
  const removeWorkDir = () => rm(workDir, { recursive: true, force: true });

  if (target.kind === 'postgres') {
    const adminUrl = target.url;
    await dropStaleDatabases(adminUrl);
    const database = databaseNameOf(adminUrl);
    const templateName = derivedDatabaseName(database, `_tpl_${process.pid}`);
    const copyPrefix = `_t${process.pid}_`;
    await withPgClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(templateName)} WITH (FORCE)`));
    const template: DatabaseTemplate = { kind: 'postgres', adminUrl, templateName, copyPrefix, workDir };
    project.provide('stancegraphDatabaseTemplate', template);
    return async () => {
      await withPgClient(adminUrl, async (client) => {
        const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE NOT datistemplate');
        const copies = copyNamePrefix(database, copyPrefix);
        const ours = rows.map((row) => row.datname).filter((name) => name === templateName || name.startsWith(copies));
        for (const name of ours) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
      await removeWorkDir();
    };
  }

  const template: DatabaseTemplate = { kind: 'pglite', templateDir: path.join(workDir, 'template'), workDir };
  project.provide('stancegraphDatabaseTemplate', template);
  return removeWorkDir;
}
