/**
 * `npm run db:migrate`: applies the migrations in prisma/migrations that the configured database
 * has not applied yet (what `prisma migrate deploy` does, through the WebAssembly schema engine)
 * and prints their names, or that the database is up to date.
 *
 * Database: DATABASE_URL (postgresql://…) for a PostgreSQL server, otherwise embedded PGlite at
 * PGLITE_DATA_DIR (default ./data/pglite).
 */
import { ConfigError, databaseTargetFromEnv } from '../src/config.ts';
import { DatabaseUnavailableError, describeTarget, openDatabase } from '../src/db/database.ts';
import { applyMigrations, MigrationError } from '../src/db/migrate.ts';

async function main(): Promise<void> {
  const target = databaseTargetFromEnv();
  const db = await openDatabase(target);
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length === 0) {
      console.log(`db:migrate: ${describeTarget(target)} is up to date`);
    } else {
      console.log(`db:migrate: applied to ${describeTarget(target)}:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError;
  console.error(`db:migrate: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
