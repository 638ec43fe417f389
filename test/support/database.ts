/**
 * Test databases: a clean copy, per test file, of a database that test/support/global-setup.ts
 * migrated and seeded once for the whole vitest run.
 *
 * - PGlite (DATABASE_URL unset): the template is a closed PGlite data directory; each copy is a
 *   plain copy of that directory on disk, so a spawned server process can open it through
 *   PGLITE_DATA_DIR (a PGlite data directory is one process's database: do not open the copy in
 *   the test process while a server has it).
 * - PostgreSQL (DATABASE_URL set): the template is the database `<db>_tpl_<pid>` on that server;
 *   each copy is `CREATE DATABASE … TEMPLATE` it, dropped by `dispose()`.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/db/database.ts';
import { quoteIdent, withPgClient } from '../../src/db/pg-client.ts';

export { quoteIdent, withPgClient };

/** What the global setup prepared, handed to the test files through vitest's provide/inject. */
export type DatabaseTemplate =
  | {
      kind: 'pglite';
      /** The migrated and seeded data directory (closed; never opened by tests). */
      templateDir: string;
      /** Where copies go; the whole directory is removed at the end of the run. */
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
    };

declare module 'vitest' {
  export interface ProvidedContext {
    stancegraphDatabaseTemplate: DatabaseTemplate;
  }
}

export interface TestDatabase {
  target: DatabaseTarget;
  /** The environment a server process needs to use this database (DATABASE_URL or PGLITE_DATA_DIR). */
  env: Record<string, string>;
  /** Removes the copy. The caller stops whatever has it open first. */
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

/**
 * A clean copy of the migrated and seeded test database, for one test file (or one test).
 * PGlite: a copy of the ~40 MB data directory (0.2–0.8 s here); opening it then costs ~0.4 s.
 * PostgreSQL: CREATE DATABASE … TEMPLATE, ~0.1–0.3 s.
 */
export async function createTestDatabaseTarget(): Promise<TestDatabase> {
  const tpl = template();
  if (tpl.kind === 'pglite') {
    const dataDir = await mkdtemp(path.join(tpl.workDir, 'db-'));
    await cp(tpl.templateDir, dataDir, { recursive: true });
    return {
      target: { kind: 'pglite', dataDir },
      env: { PGLITE_DATA_DIR: dataDir },
      async dispose() {
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }

  const name = copyNamePrefix(databaseNameOf(tpl.adminUrl), tpl.copyPrefix) + randomBytes(COPY_ID_LENGTH / 2).toString('hex');
  await withPgClient(tpl.adminUrl, async (client) => {
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; only
    // the global setup ever connects to it, but retry briefly in case of a straggler.
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
  return {
    target: { kind: 'postgres', url },
    env: { DATABASE_URL: url },
    async dispose() {
      await withPgClient(tpl.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}
