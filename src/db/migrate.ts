/**
 * Applying migrations at start-up (and `npm run db:migrate`): the engine's own `applyMigrations`
 * (the command behind `prisma migrate deploy`), which records every migration in
 * `_prisma_migrations` exactly as the native engine does (same table, same sha256 checksum of
 * migration.sql), so `prisma migrate deploy` elsewhere sees them as applied.
 */
import pg from 'pg';
import { openDatabase, type Database, type DatabaseTarget } from './database.ts';
import { quoteIdent } from './pg-client.ts';
import { assertRuntimeRole, currentRole, grantRuntimePrivileges, PrivilegeError } from './privileges.ts';
import {
  type EngineOptions,
  MIGRATION_FILE_NAME,
  type MigrationDirOptions,
  MigrationError,
  NO_FILTER,
  describeMigrationsDir,
  readMigrations,
  withEngine,
} from './schema-engine.ts';

/**
 * Key of our own session advisory lock, held around `applyMigrations` on a PostgreSQL server so
 * that processes starting together migrate one after the other. It differs from the key the
 * engine locks itself (72707369) because the engine takes that one on a pooled connection of its
 * own, which a second lock on the same key from this process would wait for.
 */
export const MIGRATION_LOCK_KEY = 7270736901;

/**
 * Holds our advisory lock on a dedicated connection while `work` runs (PostgreSQL server only:
 * PGlite is a single process's database). Waits up to `timeoutMs` for another process's run.
 */
async function withMigrationLock<T>(db: Pick<Database, 'target'>, timeoutMs: number, work: (client: pg.Client | null) => Promise<T>): Promise<T> {
  if (db.target.kind !== 'postgres') return work(null);
  const client = new pg.Client({ connectionString: db.target.url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    await client.end().catch(() => undefined);
    const message =
      (error as { code?: string }).code === '55P03' ? `another process kept the migration lock for more than ${timeoutMs / 1000} s` : (error as Error).message;
    throw new MigrationError(`cannot take the migration lock: ${message}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

export interface ApplyMigrationsOptions extends MigrationDirOptions, EngineOptions {
  /** How long to wait for another process that is migrating the same server. Default 120 s. */
  lockTimeoutMs?: number;
  /**
   * PostgreSQL server: the runtime role to grant its privileges to (src/db/privileges.ts) once
   * the migrations are applied, under the same lock; the connection must be the tables' owner's.
   */
  grantTo?: string;
}

/**
 * Applies, in name order, every migration of the migrations directory that the database has not
 * recorded as applied, each once, and records it in `_prisma_migrations` as Prisma Migrate does.
 * A migration that fails is recorded as failed, and later runs refuse to continue until it is
 * resolved (as `prisma migrate deploy` does).
 */
export async function applyMigrations(db: Database, options: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrations(options.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new MigrationError(`no migrations found in ${describeMigrationsDir(migrationsList)}`);
  }
  const unreadable = migrationsList.migrationDirectories.find((m) => m.migrationFile.content.tag === 'error');
  if (unreadable) {
    throw new MigrationError(`cannot read ${unreadable.path}/${MIGRATION_FILE_NAME}: ${unreadable.migrationFile.content.value}`);
  }
  // The engine logs "Applying `<name>`" before each script: name the one that failed.
  let current: string | undefined;
  const log = (line: string) => {
    current = /"message":"Applying `([^`]+)`"/.exec(line)?.[1] ?? current;
    options.log?.(line);
  };
  return withMigrationLock(db, options.lockTimeoutMs ?? 120_000, async (client) => {
    const grantTo = client && options.grantTo;
    // Before migrating: a role that cannot be granted its privileges stops the run unchanged.
    if (grantTo) await assertRuntimeRole(client, grantTo);
    let result: { applied: string[] };
    try {
      result = await withEngine(
        db.adapterFactory,
        'cannot apply migrations',
        async (engine) => {
          const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
          return { applied: appliedMigrationNames };
        },
        { log },
      );
    } catch (error) {
      if (current === undefined || !(error instanceof MigrationError)) throw error;
      const why = error.message.replace(/^cannot apply migrations: /, '');
      throw new MigrationError(`migration ${current} failed: ${why}`, { cause: error });
    }
    if (grantTo) await grantRuntimePrivileges(client, grantTo);
    return result;
  });
}

/**
 * Brings the schema up to date at start-up and in `npm run db:migrate`. With a migration target
 * (MIGRATION_DATABASE_URL, the tables' owner), migrations run through it and the runtime role
 * (whoever `runtime` connects as) is then granted exactly its privileges. Without one, they run
 * through `runtime` itself, as before; if that role may not change the schema, this fails with a
 * line that names the missing migrations and the setting to give, having changed nothing.
 */
export async function migrateSchema(
  runtime: Database,
  migrationTarget: DatabaseTarget | null,
  options: Omit<ApplyMigrationsOptions, 'grantTo'> = {},
): Promise<{ applied: string[] }> {
  if (migrationTarget) {
    if (runtime.target.kind !== 'postgres') throw new MigrationError('a separate migration database needs a PostgreSQL server');
    const runtimeRole = await currentRole(runtime.target.url);
    let owner: Database;
    try {
      owner = await openDatabase(migrationTarget);
    } catch (error) {
      throw new MigrationError(`MIGRATION_DATABASE_URL: ${(error as Error).message}`, { cause: error });
    }
    try {
      return await applyMigrations(owner, { ...options, grantTo: runtimeRole });
    } catch (error) {
      if (!(error instanceof PrivilegeError)) throw error;
      throw new PrivilegeError(`DATABASE_URL must connect as a least-privilege role when MIGRATION_DATABASE_URL is set: ${error.message}`, { cause: error });
    } finally {
      await owner.close();
    }
  }
  try {
    return await applyMigrations(runtime, options);
  } catch (error) {
    if (runtime.target.kind !== 'postgres' || !isPermissionDenied(error)) throw error;
    const role = await currentRole(runtime.target.url).catch(() => '?');
    const pending = (await migrationStatus(runtime, options).catch(() => null))?.pending ?? [];
    const lacking = pending.length > 0 ? `the database lacks ${pending.join(', ')}` : 'the schema is not up to date';
    const why = PERMISSION_DENIED.exec((error as Error).message)?.[0] ?? 'permission denied';
    throw new MigrationError(
      `${lacking} and the role ${quoteIdent(role)} of DATABASE_URL may not change the schema (${why}): set MIGRATION_DATABASE_URL to a connection as the role that owns the tables`,
      { cause: error },
    );
  }
}

/** PostgreSQL's messages for insufficient_privilege (42501), which the engine passes on as text. */
const PERMISSION_DENIED = /\b(?:permission denied for|must be owner of) [^:;\n]+/;

function isPermissionDenied(error: unknown): boolean {
  return error instanceof MigrationError && PERMISSION_DENIED.test(error.message);
}

export interface MigrationStatus {
  /** Migrations of the directory that the database has not applied. */
  pending: string[];
  /** Migrations recorded as failed and not rolled back. */
  failed: string[];
  /** Applied migrations whose migration.sql changed since (checksum mismatch). */
  edited: string[];
  /** Whether `_prisma_migrations` exists. */
  initialized: boolean;
  /** Set when the database has applied migrations the directory does not have. */
  problem?: string;
}

/** Compares the database's migration history with the migrations directory (read only). */
export async function migrationStatus(db: Database, options: MigrationDirOptions & EngineOptions = {}): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(options.migrationsDir);
  return withEngine(
    db.adapterFactory,
    'cannot read the migration history',
    async (engine) => {
      const out = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER });
      const status: MigrationStatus = {
        pending: [],
        failed: out.failedMigrationNames,
        edited: out.editedMigrationNames,
        initialized: out.hasMigrationsTable,
      };
      const history = out.history;
      if (history?.diagnostic === 'databaseIsBehind') status.pending = history.unappliedMigrationNames;
      if (history?.diagnostic === 'migrationsDirectoryIsBehind') {
        status.problem = `the database has applied migrations missing from the directory: ${history.unpersistedMigrationNames.join(', ')}`;
      }
      if (history?.diagnostic === 'historiesDiverge') {
        status.pending = history.unappliedMigrationNames;
        status.problem = `the database and the directory diverge after ${history.lastCommonMigrationName ?? 'the start'}: the database has ${history.unpersistedMigrationNames.join(', ')}`;
      }
      return status;
    },
    options,
  );
}
