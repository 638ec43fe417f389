/**
 * Test databases: a clean copy, per test file, of a template database migrated and seeded once
 * per vitest run. test/support/global-setup.ts only names the template; the first test file that
 * asks for a copy builds it (the others wait for it), so that a run of files that use no database
 * (unit tests) pays nothing for it.
 *
 * - PGlite (DATABASE_URL unset): the template is a closed PGlite data directory; each copy is a
 *   plain copy of that directory on disk, which the app opens in the test process or a spawned
 *   server through PGLITE_DATA_DIR (a PGlite data directory has one client at a time: do not
 *   open the copy while an app has it). The app in the test process mostly gets one already open
 *   instead (test/support/leased-database.ts).
 * - PostgreSQL (DATABASE_URL set): the template is the database `<db>_tpl_<pid>` on that server;
 *   each copy is `CREATE DATABASE … TEMPLATE` it, dropped by `dispose()`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { quoteIdent, withPgClient } from '../../src/db/pg-client.ts';
import { seedDatabase } from '../../src/data/import/seed.ts';

export { quoteIdent, withPgClient };

/** What the global setup prepared, handed to the test files through vitest's provide/inject. */
export type DatabaseTemplate =
  | {
      kind: 'pglite';
      /** The migrated and seeded data directory (closed; never opened by tests). */
      templateDir: string;
      /** Where copies and the template's build marks go; removed at the end of the run. */
      workDir: string;
    }
  | {
      kind: 'postgres';
      /** DATABASE_URL: the server and the database to connect to for CREATE/DROP DATABASE. */
      adminUrl: string;
      /** The migrated and seeded template database. */
      templateName: string;
      /** Prefix of this run's copies (`<db>_t<pid>_`), so that the teardown can drop leftovers. */
      copyPrefix: string;
      /** Where the template's build marks go; removed at the end of the run. */
      workDir: string;
    };

declare module 'vitest' {
  export interface ProvidedContext {
    stancegraphDatabaseTemplate: DatabaseTemplate;
  }
}

export interface TestDatabase {
  target: DatabaseTarget;
  /**
   * The environment a server process needs to use this database (DATABASE_URL or PGLITE_DATA_DIR).
   * A database leased to this process (`leaseTestDatabase`) has none: see `whileClosed`.
   */
  env: Record<string, string>;
  /**
   * Runs `work` with `env` while this process has the database closed, so that a process it
   * starts may open it (a PGlite directory has one client at a time); the caller stops its own
   * app first.
   */
  whileClosed<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T>;
  /** Removes the copy, or gives a leased database back. The caller stops whatever has it open first. */
  dispose(): Promise<void>;
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1). */
const MAX_IDENTIFIER = 63;

/** The URL of another database on the same server. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** `<db><suffix>`, shortening `<db>` so that the name fits PostgreSQL's 63 bytes. */
export function derivedDatabaseName(database: string, suffix: string): string {
  return `${database.slice(0, MAX_IDENTIFIER - suffix.length)}${suffix}`;
}

const COPY_ID_LENGTH = 10;

/** What every copy's name starts with: `<db>` (shortened to fit) and the run's copy prefix. */
export function copyNamePrefix(database: string, copyPrefix: string): string {
  return derivedDatabaseName(database, `${copyPrefix}${'x'.repeat(COPY_ID_LENGTH)}`).slice(0, -COPY_ID_LENGTH);
}

function template(): DatabaseTemplate {
  const provided = inject('stancegraphDatabaseTemplate');
  if (!provided) {
    throw new Error('no test database template: run the tests through vitest.config.ts (its globalSetup prepares it)');
  }
  return provided;
}

/** Migrates and seeds a new database, then closes it (a template must have no open session). */
async function buildTemplate(tpl: DatabaseTemplate): Promise<void> {
  let target: DatabaseTarget;
  if (tpl.kind === 'pglite') {
    await mkdir(tpl.templateDir);
    target = { kind: 'pglite', dataDir: tpl.templateDir };
  } else {
    await withPgClient(tpl.adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(tpl.templateName)}`));
    target = { kind: 'postgres', url: urlForDatabase(tpl.adminUrl, tpl.templateName) };
  }
  const started = Date.now();
  const db = await openDatabase(target);
  try {
    await applyMigrations(db);
    await seedDatabase(db.prisma);
  } finally {
    await db.close();
  }
  // PGlite zeroes the whole of PostgreSQL's shared memory when it opens a database (its mmap is a
  // malloc and a memset): at initdb's 128 MB of shared buffers that is ~30,000 page faults, ~0.5 s
  // of every open of a copy, in the test process and in every server a test spawns on one. The
  // test databases are a few MB: 16 MB holds them. The app's own databases keep initdb's setting.
  if (tpl.kind === 'pglite') await appendFile(path.join(tpl.templateDir, 'postgresql.conf'), '\nshared_buffers = 16MB\n');
  console.log(`test database template ${tpl.kind === 'pglite' ? tpl.templateDir : tpl.templateName}: migrated and seeded in ${Date.now() - started} ms`);
}

let templateReady: Promise<void> | undefined;

/**
 * Builds the run's template once, whichever test process asks first: test files run in separate
 * worker processes, so the builder is elected by creating a directory (atomic), and the others
 * wait for the mark it leaves when done (or for the reason it failed).
 */
function ensureTemplate(tpl: DatabaseTemplate): Promise<void> {
  templateReady ??= (async () => {
    const lock = path.join(tpl.workDir, 'template.building');
    const done = path.join(tpl.workDir, 'template.ready');
    const failed = path.join(tpl.workDir, 'template.failed');
    let builder = true;
    await mkdir(lock).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      builder = false;
    });
    if (builder) {
      try {
        await buildTemplate(tpl);
      } catch (error) {
        await writeFile(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
        throw error;
      }
      await writeFile(done, '');
      return;
    }
    for (;;) {
      const reason = await readFile(failed, 'utf8').catch(() => null);
      if (reason !== null) throw new Error(`another test file could not build the test database template:\n${reason}`);
      if (
        await readFile(done).then(
          () => true,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return templateReady;
}

/**
 * A clean copy of the migrated and seeded test database, for one test file (or one test).
 * PGlite: a copy of the ~40 MB data directory (~1,000 files) by `cp -R`, 0.2–0.3 s here, where
 * Node's own recursive `fs.cp` took 0.8–1.1 s; opening it then costs ~0.4 s.
 * PostgreSQL: CREATE DATABASE … TEMPLATE, ~0.1–0.3 s.
 */
export async function createTestDatabaseTarget(): Promise<TestDatabase> {
  const tpl = template();
  await ensureTemplate(tpl);
  if (tpl.kind === 'pglite') {
    // `cp -R` makes the copy's directory itself: it goes inside a new one of its own.
    const copyDir = await mkdtemp(path.join(tpl.workDir, 'db-'));
    const dataDir = path.join(copyDir, 'data');
    await promisify(execFile)('cp', ['-R', tpl.templateDir, dataDir]);
    const env = { PGLITE_DATA_DIR: dataDir };
    return {
      target: { kind: 'pglite', dataDir },
      env,
      whileClosed: (work) => work(env),
      async dispose() {
        await rm(copyDir, { recursive: true, force: true });
      },
    };
  }

  const name = copyNamePrefix(databaseNameOf(tpl.adminUrl), tpl.copyPrefix) + randomBytes(COPY_ID_LENGTH / 2).toString('hex');
  await withPgClient(tpl.adminUrl, async (client) => {
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; only
    // its builder ever connects to it, but retry briefly in case of a straggler.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(tpl.templateName)}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  });
  const url = urlForDatabase(tpl.adminUrl, name);
  const env = { DATABASE_URL: url };
  return {
    target: { kind: 'postgres', url },
    env,
    whileClosed: (work) => work(env),
    async dispose() {
      await withPgClient(tpl.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}
