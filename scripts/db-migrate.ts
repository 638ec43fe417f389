/**
 * `npm run db:migrate`: applies the migrations in prisma/migrations that the configured database
 * has not applied yet (what `prisma migrate deploy` does, through the WebAssembly schema engine)
 * and prints their names, or that the database is up to date.
 *
 * Database: DATABASE_URL (postgresql://…) for a PostgreSQL server, otherwise embedded PGlite at
 * PGLITE_DATA_DIR (default ./data/pglite). With MIGRATION_DATABASE_URL as well, the migrations
 * run through it (the tables' owner) and the role of DATABASE_URL is then granted exactly the
 * runtime privileges (src/db/privileges.ts).
 */
import { ConfigError, databaseTargetFromEnv, loadDotEnv, migrationTargetFromEnv } from '../src/config.ts';
import { DatabaseUnavailableError, describeTarget, openDatabase } from '../src/db/database.ts';
import { migrateSchema } from '../src/db/migrate.ts';
import { MigrationError } from '../src/db/schema-engine.ts';
import { PrivilegeError } from '../src/db/privileges.ts';

async function main(): Promise<void> {
  loadDotEnv(); // as the server: .env when present, the environment winning
  const target = databaseTargetFromEnv();
  const migrationTarget = migrationTargetFromEnv();
  const db = await openDatabase(target);
  try {
    const { applied } = await migrateSchema(db, migrationTarget);
    if (applied.length === 0) {
      console.log(`db:migrate: ${describeTarget(target)} is up to date`);
    } else {
      console.log(`db:migrate: applied to ${describeTarget(target)}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
    if (migrationTarget) console.log(`db:migrate: the role of DATABASE_URL has exactly the runtime privileges`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError || error instanceof PrivilegeError;
  console.error(`db:migrate: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
