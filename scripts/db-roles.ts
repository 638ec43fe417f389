/**
 * `npm run db:roles -- <role>`: sets up the least-privilege role the server connects as on a
 * PostgreSQL server (src/db/privileges.ts): creates it (LOGIN, no password) if it does not exist,
 * lets it connect to the database and use the schema, and grants it exactly the runtime
 * privileges on the tables there are. Idempotent: run it again at will.
 *
 * Connects through MIGRATION_DATABASE_URL, or DATABASE_URL when that is unset: either way, as the
 * role that owns the tables (and, to create the role, one with CREATEROLE).
 */
import { ConfigError, databaseTargetFromEnv, migrationTargetFromEnv } from '../src/config.ts';
import { describeTarget } from '../src/db/database.ts';
import { quoteIdent, withPgClient } from '../src/db/pg-client.ts';
import { checkRoleName, PrivilegeError, setUpRuntimeRole } from '../src/db/privileges.ts';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error('usage: npm run db:roles -- <role>   (e.g. stancegraph_app), with MIGRATION_DATABASE_URL or DATABASE_URL set to the owner of the tables');
    return 2;
  }
  const role = args[0]!;
  checkRoleName(role);
  const target = migrationTargetFromEnv() ?? databaseTargetFromEnv();
  if (target.kind !== 'postgres') {
    throw new ConfigError('a PostgreSQL server is needed: set MIGRATION_DATABASE_URL or DATABASE_URL (the embedded database has a single role)');
  }
  const done = await withPgClient(target.url, (client) => setUpRuntimeRole(client, role));
  console.log(
    `db:roles: ${done.created ? 'created' : 'kept'} role ${quoteIdent(role)} on ${describeTarget(target)}; it may read and write rows, append to the change log, and change nothing else`,
  );
  if (done.revokedPublicCreate) console.log('db:roles: revoked CREATE on the schema from PUBLIC (PostgreSQL before 15 grants it to every role)');
  if (done.created) console.log(`db:roles: give it a password with psql's \\password ${role} (sent hashed), then use it in DATABASE_URL`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof PrivilegeError;
    const message = known ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`db:roles: ${message}`);
    process.exitCode = 1;
  },
);
