/**
 * `npm run db:migration -- <name> [--empty]`: writes the next migration,
 * prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql, with the SQL that brings the
 * committed migrations to prisma/schema.prisma (what `prisma migrate dev --create-only` does;
 * Prisma's CLI cannot run its schema engine on our machines). Review the SQL, then apply it
 * with `npm run db:migrate`. Writes nothing when the schema has no change, unless `--empty` is
 * given (to hand-write SQL the schema cannot express).
 */
import { createMigration } from '../src/db/migration-authoring.ts';
import { MigrationError } from '../src/db/schema-engine.ts';

const args = process.argv.slice(2);
const allowEmpty = args.includes('--empty');
const names = args.filter((arg) => arg !== '--empty');

async function main(): Promise<number> {
  if (names.length !== 1 || names[0]!.startsWith('-')) {
    console.error('usage: npm run db:migration -- <name> [--empty]   (e.g. add_deployment_range)');
    return 2;
  }
  const result = await createMigration(names[0]!, { allowEmpty });
  if (!result.created) {
    console.log(`db:migration: ${result.reason}; no migration written.`);
    return 0;
  }
  console.log(`db:migration: wrote ${result.file}`);
  for (const warning of result.warnings) console.log(`  review: this migration ${warning}`);
  console.log('Review it, then apply it with `npm run db:migrate`.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof MigrationError;
    console.error(`db:migration: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
