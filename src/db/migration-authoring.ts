/**
 * Authoring a migration (`npm run db:migration`): replays the committed migrations into a
 * throwaway in-memory PGlite (the "shadow database") and asks the engine for the SQL that turns it
 * into prisma/schema.prisma, as `prisma migrate dev --create-only` does.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createPglite } from './pglite-cluster.ts';
import {
  type EngineOptions,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  MIGRATION_FILE_NAME,
  type MigrationDirOptions,
  MigrationError,
  NO_FILTER,
  SCHEMA_PATH,
  describeMigrationsDir,
  readMigrations,
  withEngine,
} from './schema-engine.ts';

/**
 * A fresh in-memory PGlite (from the kept empty cluster: src/db/pglite-cluster.ts); the engine
 * replays the migrations into it as its shadow database.
 */
async function withShadowPglite<T>(work: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T> {
  const pglite = await createPglite('memory://');
  try {
    const adapter = new PrismaPGlite(pglite);
    // The engine needs a main connection as well as a shadow one: both are this empty database,
    // which nothing but the shadow replay touches.
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      connect: () => adapter.connect(),
      connectToShadowDb: () => adapter.connect(),
    };
    return await work(factory);
  } finally {
    await pglite.close().catch(() => undefined);
  }
}

export interface SchemaDiffOptions extends MigrationDirOptions, EngineOptions {
  /** Defaults to prisma/schema.prisma of this repository. */
  schemaPath?: string;
}

/**
 * The SQL that takes a database from the state the migrations directory produces to the state
 * the Prisma schema describes, or `null` when they already agree.
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions = {}): Promise<string | null> {
  const migrationsList = await readMigrations(options.migrationsDir);
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const schema = await readFile(schemaPath, 'utf8');
  if (migrationsList.migrationDirectories.length > 0 && migrationsList.lockfile.content === null) {
    throw new MigrationError(`${describeMigrationsDir(migrationsList)} has migrations but no ${LOCKFILE_NAME}`);
  }
  const lockedList: MigrationList = {
    ...migrationsList,
    // The engine needs the provider to replay migrations; Prisma writes this file with the first one.
    lockfile: { path: LOCKFILE_NAME, content: migrationsList.lockfile.content ?? LOCKFILE_CONTENT },
  };
  return withShadowPglite((factory) =>
    withEngine(
      factory,
      'cannot compare the migrations with the schema',
      async (engine) => {
        const result = await engine.diff({
          from: { tag: 'migrations', ...lockedList },
          to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
          script: true,
          exitCode: true,
          filters: NO_FILTER,
        });
        return result.exitCode === 2 ? (result.stdout ?? '') : null;
      },
      options,
    ),
  );
}

/** Prisma's migration name rules (`slugify(name, { separator: '_' })`, at most 200 characters). */
export function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/** `YYYYMMDDHHMMSS` in UTC, as Prisma names migration directories. */
function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Statements in a generated script that can lose data or fail on tables that have rows. */
export function reviewWarnings(sql: string): string[] {
  const warnings: string[] = [];
  const statements = sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
  // Tables this script creates are empty when it changes them.
  const created = new Set(statements.map((s) => /^CREATE TABLE ("[^"]+"(?:\."[^"]+")?)/.exec(s)?.[1]).filter(Boolean));
  for (const statement of statements) {
    const table = /^(?:ALTER|DROP) TABLE (?:IF EXISTS )?("[^"]+"(?:\."[^"]+")?)/.exec(statement)?.[1];
    const indexed = /^CREATE UNIQUE INDEX .* ON ("[^"]+"(?:\."[^"]+")?)/.exec(statement)?.[1];
    if (created.has(table ?? indexed)) continue;
    if (/^DROP TABLE/.test(statement)) warnings.push(`drops the table ${table}: its data will be lost`);
    for (const m of statement.matchAll(/DROP COLUMN "([^"]+)"/g)) {
      warnings.push(`drops the column ${table}."${m[1]}": its data will be lost`);
    }
    for (const m of statement.matchAll(/ALTER COLUMN "([^"]+)" SET DATA TYPE/g)) {
      warnings.push(`changes the type of ${table}."${m[1]}": fails or loses data if existing values do not convert`);
    }
    for (const m of statement.matchAll(/ALTER COLUMN "([^"]+)" SET NOT NULL/g)) {
      warnings.push(`makes ${table}."${m[1]}" required: fails if a row has NULL there`);
    }
    for (const m of statement.matchAll(/ADD COLUMN "([^"]+)"[^,;]*NOT NULL(?![^,;]*DEFAULT)/g)) {
      warnings.push(`adds the required column ${table}."${m[1]}" without a default: fails if the table has rows`);
    }
    if (indexed) warnings.push(`adds a unique index on ${indexed}: fails if existing rows have duplicates`);
    if (/^DROP TYPE/.test(statement) || /^ALTER TYPE .* RENAME TO .*_old/.test(statement)) {
      warnings.push(`changes an enum (${/TYPE ("[^"]+")/.exec(statement)?.[1]}): rows holding a removed value make it fail`);
    }
  }
  return warnings;
}

export interface CreateMigrationOptions extends SchemaDiffOptions {
  /** Write an empty migration when the schema has no change (to hand-write SQL). */
  allowEmpty?: boolean;
  /** Defaults to now. */
  now?: Date;
}

export type CreateMigrationResult =
  { created: true; name: string; directory: string; file: string; sql: string; warnings: string[] } | { created: false; reason: string };

/**
 * Writes `<migrations>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL that brings the
 * committed migrations to prisma/schema.prisma, and `migration_lock.toml`, as
 * `prisma migrate dev --create-only --name <name>` does. Writes nothing when there is no change
 * (unless `allowEmpty`).
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<CreateMigrationResult> {
  const slug = migrationSlug(name);
  if (!slug) throw new MigrationError(`invalid migration name ${JSON.stringify(name)}: use letters, digits and _`);
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const diff = await diffMigrationsToSchema({ ...options, migrationsDir });
  const schemaName = path.relative(process.cwd(), options.schemaPath ?? SCHEMA_PATH);
  const dirName = path.relative(process.cwd(), migrationsDir);
  if (diff === null && !options.allowEmpty) {
    return { created: false, reason: `no change: ${schemaName} matches the migrations in ${dirName}` };
  }
  const warnings = diff === null ? [] : reviewWarnings(diff);
  let sql = diff ?? '-- This is an empty migration.\n';
  if (warnings.length > 0) {
    sql = `/*\n  Warnings:\n\n${warnings.map((w) => `  - This migration ${w}.`).join('\n')}\n\n*/\n${sql}`;
  }
  const directoryName = `${migrationTimestamp(options.now ?? new Date())}_${slug}`;
  const existing = (await readMigrations(migrationsDir)).migrationDirectories.map((m) => m.path);
  const last = existing.at(-1);
  if (last !== undefined && last.localeCompare(directoryName) >= 0) {
    throw new MigrationError(`a migration named ${last} already exists and sorts after ${directoryName}`);
  }
  const directory = path.join(migrationsDir, directoryName);
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, MIGRATION_FILE_NAME);
  await writeFile(file, sql, { encoding: 'utf8', flag: 'wx' });
  await writeFile(path.join(migrationsDir, LOCKFILE_NAME), LOCKFILE_CONTENT, 'utf8');
  return { created: true, name: directoryName, directory, file, sql, warnings };
}
