/**
 * `npm run key:create -- --role <reader|editor|admin> --name <label>`: creates an API key in the
 * configured database (applying the migrations first, so it works on a new one) and prints it,
 * once: only its SHA-256 is stored. Use it to make the first ADMIN key; admins then manage keys
 * with the apiKeyCreate / apiKeyRevoke mutations.
 *
 * The key is the only thing printed on stdout (the rest goes to stderr), so that
 * `KEY=$(npm run -s key:create -- --role editor --name ci)` captures it.
 *
 * Database: DATABASE_URL (postgresql://…) for a PostgreSQL server, otherwise embedded PGlite at
 * PGLITE_DATA_DIR (default ./data/pglite).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, databaseTargetFromEnv, loadDotEnv } from '../src/config.ts';
import { DatabaseUnavailableError, describeTarget, openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { MigrationError } from '../src/db/schema-engine.ts';
import { write } from '../src/data/write.ts';
import { ApiKeyRole } from '../src/generated/prisma/enums.ts';
import { createApiKey } from '../src/data/api-keys.ts';
import { connectLocalSocket, LocalCommandError } from '../src/http/local-socket.ts';

const usage = 'usage: npm run key:create -- --role <reader|editor|admin> --name <label>';

async function main(): Promise<number> {
  let values: { role?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    console.error(`key:create: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.error(usage);
    return 0;
  }
  const role = values.role?.toUpperCase();
  if (!role || !(role in ApiKeyRole) || !values.name) {
    console.error(
      `key:create: ${!values.name ? '--name is required' : `--role must be reader, editor or admin${values.role ? `, got ${JSON.stringify(values.role)}` : ''}`}\n${usage}`,
    );
    return 2;
  }
  loadDotEnv(); // as the server: .env when present, the environment winning
  const target = databaseTargetFromEnv();
  // A server running on this PGlite data directory holds it: it does the work (src/http/local-socket.ts).
  const server = target.kind === 'pglite' ? await connectLocalSocket(target.dataDir) : null;
  if (server) {
    try {
      const result = await server.send({ command: 'key:create', name: values.name, role: role as ApiKeyRole });
      if (!result.ok) {
        for (const e of result.userErrors) console.error(`key:create: --name: ${e.message} (${e.code})`);
        return 1;
      }
      const { apiKey, key } = result;
      console.error(
        `key:create: created the ${apiKey.role} key "${apiKey.name}" (${apiKey.prefix}…) in ${describeTarget(target)}, through the server running on it.`,
      );
      console.error('Its value follows, on stdout. It is shown only this once: store it now (send it as "Authorization: Bearer <key>").');
      console.log(key);
      return 0;
    } finally {
      server.close();
    }
  }
  const db = await openDatabase(target);
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) console.error(`key:create: applied migrations: ${applied.join(', ')}`);
    const result = await write(db.writer, 'cli', (w) => createApiKey(w, { name: values.name as string, role: role as ApiKeyRole }));
    if (!result.ok) {
      for (const e of result.userErrors) console.error(`key:create: --name: ${e.message} (${e.code})`);
      return 1;
    }
    const { apiKey, key } = result.value;
    console.error(`key:create: created the ${apiKey.role} key "${apiKey.name}" (${apiKey.prefix}…) in ${describeTarget(target)}.`);
    console.error('Its value follows, on stdout. It is shown only this once: store it now (send it as "Authorization: Bearer <key>").');
    console.log(key);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known =
      error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof MigrationError || error instanceof LocalCommandError;
    console.error(`key:create: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
