/**
 * Least privilege on a PostgreSQL server: the server connects as a runtime role that reads and
 * writes rows and nothing more, while migrations run as the role that owns the tables.
 *
 * Why it matters: the change log is append-only through triggers (migration 20261127224519_curation),
 * and whoever owns a table can `ALTER TABLE … DISABLE TRIGGER`, drop it or truncate it. A server
 * that connects as the owner can therefore rewrite history, and so can anyone who takes it over.
 *
 * The runtime role gets, on every table of the schema, SELECT, INSERT, UPDATE and DELETE, except
 * SELECT and INSERT only on the append-only tables and SELECT only on Prisma's migration history;
 * USAGE on every sequence (nextval for new ids). Never TRUNCATE, REFERENCES or TRIGGER, never
 * ownership, never CREATE in the schema: so no DDL at all.
 *
 * The grants are made exact (revoked, then granted, in one transaction) after every migration run
 * through the owner's connection, rather than by ALTER DEFAULT PRIVILEGES: default privileges
 * would give a future append-only table UPDATE and DELETE unless its migration remembered to
 * revoke them, and they apply only to tables created by the role named in them, so a migration
 * run once by another role (an administrator, a superuser) would leave its tables out. Computing
 * the grants from the schema as it stands has neither gap, and repairs privileges changed by hand.
 */
import pg from 'pg';
import { quoteIdent, withPgClient } from './pg-client.ts';

/** Tables the runtime role may read and append to, never change (their triggers say so too). */
export const APPEND_ONLY_TABLES: readonly string[] = ['ChangeLog'];
/** Prisma Migrate's history: the runtime role reads it to tell whether the schema is up to date. */
export const MIGRATIONS_TABLE = '_prisma_migrations';

/** The runtime role cannot be set up or is not least-privilege; the message is one line for the operator. */
export class PrivilegeError extends Error {
  override name = 'PrivilegeError';
}

/** PostgreSQL's rules for role names we accept from an operator: no quoting surprises. */
const ROLE_NAME = /^[a-z_][a-z0-9_$]{0,62}$/;

export function checkRoleName(role: string): void {
  if (!ROLE_NAME.test(role)) {
    throw new PrivilegeError(`invalid role name ${JSON.stringify(role)}: use lower-case letters, digits and _ (at most 63, not starting with a digit)`);
  }
}

/** The role a connection to `url` acts as. */
export async function currentRole(url: string): Promise<string> {
  return withPgClient(url, async (client) => (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role);
}

export async function roleExists(client: pg.ClientBase, role: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
}

/**
 * What would let `role` change the schema or bypass the change log's triggers, one phrase each;
 * empty when it is a least-privilege role.
 */
export async function leastPrivilegeProblems(client: pg.ClientBase, role: string): Promise<string[]> {
  const { rows } = await client.query<{ problem: string }>(
    `WITH r AS (SELECT * FROM pg_roles WHERE rolname = $1),
          s AS (SELECT current_schema() AS name)
     SELECT 'it is a superuser' AS problem FROM r WHERE rolsuper
     UNION ALL SELECT 'it may create roles (CREATEROLE)' FROM r WHERE rolcreaterole
     UNION ALL SELECT 'it bypasses row-level security (BYPASSRLS)' FROM r WHERE rolbypassrls
     UNION ALL SELECT 'it may create objects in schema ' || quote_ident(s.name) || ' (as its owner: REVOKE CREATE ON SCHEMA '
                      || quote_ident(s.name) || ' FROM PUBLIC, and from the role)' FROM s WHERE has_schema_privilege($1, s.name, 'CREATE')
     UNION ALL SELECT 'it may create schemas in database ' || quote_ident(current_database()) WHERE has_database_privilege($1, current_database(), 'CREATE')
     UNION ALL SELECT * FROM (
       SELECT 'it owns or acts as the owner of table ' || quote_ident(c.relname)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, s
       WHERE n.nspname = s.name AND c.relkind IN ('r', 'p') AND pg_has_role($1, c.relowner, 'USAGE')
       ORDER BY c.relname LIMIT 1) AS owned`,
    [role],
  );
  return rows.map((row) => row.problem);
}

/** Throws a PrivilegeError unless `role` exists and is least-privilege. */
export async function assertRuntimeRole(client: pg.ClientBase, role: string): Promise<void> {
  if (!(await roleExists(client, role))) {
    throw new PrivilegeError(`role ${quoteIdent(role)} does not exist: create it with \`npm run db:roles -- ${role}\``);
  }
  const problems = await leastPrivilegeProblems(client, role);
  if (problems.length > 0) {
    throw new PrivilegeError(`role ${quoteIdent(role)} is not a least-privilege role: ${problems.join('; ')}`);
  }
}

async function tablesOfSchema(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Gives `role` exactly the runtime privileges on the tables and sequences of the current schema,
 * in one transaction (other sessions see the old grants or the new ones, never none). Run by the
 * owner of the tables; refuses a role that would not be least-privilege.
 */
export async function grantRuntimePrivileges(client: pg.ClientBase, role: string): Promise<void> {
  await assertRuntimeRole(client, role);
  const who = quoteIdent(role);
  await client.query('BEGIN');
  try {
    const schema = quoteIdent((await client.query<{ name: string }>('SELECT current_schema() AS name')).rows[0]!.name);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${who}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${who}`);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${who}`);
    for (const table of await tablesOfSchema(client)) {
      const privileges = table === MIGRATIONS_TABLE ? 'SELECT' : APPEND_ONLY_TABLES.includes(table) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
      await client.query(`GRANT ${privileges} ON ${schema}.${quoteIdent(table)} TO ${who}`);
    }
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${who}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new PrivilegeError(`cannot grant role ${quoteIdent(role)} its privileges: ${(error as Error).message}`, { cause: error });
  }
}

export interface RuntimeRoleSetUp {
  created: boolean;
  /** Whether CREATE on the schema was taken from PUBLIC (PostgreSQL before 15 grants it). */
  revokedPublicCreate: boolean;
}

/**
 * `npm run db:roles`: creates the login role `role` if it does not exist, lets it connect to the
 * database and use the schema, and grants it the runtime privileges. Idempotent. `client` is a
 * connection of the tables' owner (it needs CREATEROLE too if the role is to be created).
 */
export async function setUpRuntimeRole(client: pg.ClientBase, role: string): Promise<RuntimeRoleSetUp> {
  checkRoleName(role);
  const who = quoteIdent(role);
  let created = false;
  if (!(await roleExists(client, role))) {
    try {
      await client.query(`CREATE ROLE ${who} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
      created = true;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      throw new PrivilegeError(
        `cannot create role ${who}: the connecting role may not create roles; have an administrator run \`CREATE ROLE ${who} LOGIN\`, then run this again`,
        { cause: error },
      );
    }
  }
  const { rows } = await client.query<{ database: string; schema: string; public_create: boolean }>(
    `SELECT current_database() AS database, current_schema() AS schema,
            has_schema_privilege('public', current_schema(), 'CREATE') AS public_create`,
  );
  const { database, schema, public_create: publicCreate } = rows[0]!;
  await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${who}`);
  if (publicCreate) await client.query(`REVOKE CREATE ON SCHEMA ${quoteIdent(schema)} FROM PUBLIC`);
  await grantRuntimePrivileges(client, role);
  return { created, revokedPublicCreate: publicCreate };
}
