/**
 * Least privilege on a PostgreSQL server (src/db/privileges.ts): migrations run as the owner of
 * the tables (MIGRATION_DATABASE_URL), the server as a role that reads and writes rows only, so
 * it cannot turn off, empty or rewrite the append-only change log. Roles are cluster-wide: each
 * one this file creates has a unique name and is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.ts';
import { MIGRATIONS_TABLE, setUpRuntimeRole, type RuntimeRoleSetUp } from '../../src/db/privileges.ts';
import { generateApiKey } from '../../src/data/api-keys.ts';
import { configProblems } from '../support/config.ts';
import { copyNamePrefix, createTestDatabaseTarget, databaseNameOf, quoteIdent, urlForDatabase, withPgClient, type TestDatabase } from '../support/database.ts';
import { runScript, runServerToExit } from '../support/process.ts';
import { startServer, type StartedServer } from '../support/server.ts';

const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
const runtimeRole = `stancegraph_rt_${suffix}`;
const freshRuntimeRole = `stancegraph_rt2_${suffix}`;
const ownerRole = `stancegraph_own_${suffix}`;
const freshDatabaseId = randomBytes(5).toString('hex');

function asRole(url: string, role: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

const postgres = (url: string): DatabaseTarget => ({ kind: 'postgres', url });

async function post(server: StartedServer, query: string, key?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** Each privilege the role holds on each table of the schema, as `table: P1, P2`. */
async function tablePrivileges(url: string, role: string): Promise<Record<string, string>> {
  return withPgClient(url, async (client) => {
    const { rows } = await client.query<{ table_name: string; privileges: string }>(
      `SELECT table_name, string_agg(privilege_type, ', ' ORDER BY privilege_type) AS privileges
       FROM information_schema.role_table_grants WHERE grantee = $1 AND table_schema = current_schema()
       GROUP BY table_name`,
      [role],
    );
    return Object.fromEntries(rows.map((row) => [row.table_name, row.privileges]));
  });
}

async function expectExactRuntimePrivileges(url: string, role: string): Promise<void> {
  const granted = await tablePrivileges(url, role);
  const tables = await withPgClient(url, async (client) =>
    (await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()')).rows.map((r) => r.tablename),
  );
  expect(tables.length).toBeGreaterThan(15);
  expect(granted).toEqual(
    Object.fromEntries(
      tables.map((table) => [table, table === MIGRATIONS_TABLE ? 'SELECT' : table === 'ChangeLog' ? 'INSERT, SELECT' : 'DELETE, INSERT, SELECT, UPDATE']),
    ),
  );
}

describe('MIGRATION_DATABASE_URL', () => {
  it('is read with DATABASE_URL, checked like it, and refused without it', () => {
    const database = 'postgresql://stancegraph_app@db.internal:5432/stancegraph';
    const owner = 'postgresql://stancegraph_owner@db.internal:5432/stancegraph';
    expect(loadConfig({ DATABASE_URL: database, MIGRATION_DATABASE_URL: owner }).migrationDatabase).toEqual({ kind: 'postgres', url: owner });
    expect(loadConfig({ DATABASE_URL: database }).migrationDatabase).toBeNull();
    expect(configProblems({ MIGRATION_DATABASE_URL: owner })).toEqual([
      'MIGRATION_DATABASE_URL needs DATABASE_URL: it names the owner role on a PostgreSQL server (the embedded database has a single role)',
    ]);
    expect(configProblems({ DATABASE_URL: database, MIGRATION_DATABASE_URL: 'mysql://root@db.internal/stancegraph' })).toEqual([
      'MIGRATION_DATABASE_URL must be a postgresql:// URL, not mysql://…',
    ]);
    expect(configProblems({ DATABASE_URL: database, MIGRATION_DATABASE_URL: 'owner@db.internal' })).toEqual([
      'MIGRATION_DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)',
    ]);
  });
});

describe.runIf(process.env.DATABASE_URL)('least privilege on a PostgreSQL server', () => {
  let db: TestDatabase;
  let ownerUrl: string; // the copy as its owner (the test server's superuser)
  let runtimeUrl: string;
  let app: StartedServer | undefined;
  const editorKey = generateApiKey();
  let firstSetUp: RuntimeRoleSetUp;

  beforeAll(async () => {
    db = await createTestDatabaseTarget();
    ownerUrl = (db.target as { url: string }).url;
    runtimeUrl = asRole(ownerUrl, runtimeRole);
    firstSetUp = await withPgClient(ownerUrl, (client) => setUpRuntimeRole(client, runtimeRole));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await db?.dispose();
    const template = inject('stancegraphDatabaseTemplate');
    if (template.kind !== 'postgres') return;
    await withPgClient(template.adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(freshDatabaseName())} WITH (FORCE)`);
      for (const role of [runtimeRole, freshRuntimeRole, ownerRole]) await client.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
    });
  }, 60_000);

  it('db:roles sets up the runtime role, idempotently, with exactly its privileges', async () => {
    const again = await withPgClient(ownerUrl, (client) => setUpRuntimeRole(client, runtimeRole));
    expect(firstSetUp.created).toBe(true);
    expect(again.created).toBe(false);
    await expectExactRuntimePrivileges(ownerUrl, runtimeRole);
    const attributes = await withPgClient(
      ownerUrl,
      async (client) =>
        (await client.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = $1', [runtimeRole])).rows[0],
    );
    expect(attributes).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true });
  });

  it('the server connected as the runtime role answers queries and mutations, with their change-log entries', async () => {
    // The runtime role can create an API key itself (an INSERT).
    const runtime = await openDatabase(postgres(runtimeUrl));
    try {
      await runtime.prisma.apiKey.create({
        data: { name: 'least-privilege-editor', role: 'EDITOR', prefix: editorKey.prefix, keyHash: editorKey.keyHash, createdBy: 'test' },
      });
    } finally {
      await runtime.close();
    }
    app = await startServer({ DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl });

    const read = await post(app, '{ countries(first: 3) { totalCount nodes { name } } }');
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.countries.totalCount).toBeGreaterThan(0);

    const created = await post(
      app,
      'mutation { countryCreate(input: { name: "Kenya", isoCode: "KE" }) { country { name createdBy } userErrors { code message } } }',
      editorKey.key,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.countryCreate).toEqual({ country: { name: 'Kenya', createdBy: 'least-privilege-editor' }, userErrors: [] });
    const entry = await withPgClient(
      runtimeUrl,
      async (client) =>
        (
          await client.query(
            `SELECT c.actor, c.action, c."entityType" FROM "ChangeLog" c JOIN "Country" k ON k.id = c."entityId" WHERE c."entityType" = 'Country' AND k."isoCode" = 'KE'`,
          )
        ).rows,
    );
    expect(entry).toEqual([{ actor: 'least-privilege-editor', action: 'CREATE', entityType: 'Country' }]);

    // Migrating through the owner's connection re-granted the privileges, exactly.
    await expectExactRuntimePrivileges(ownerUrl, runtimeRole);
    expect(await app.stop()).toBe(0);
    app = undefined;
  }, 60_000);

  it('as the runtime role, the change log cannot be disabled, emptied, rewritten or dropped, nor any schema changed', async () => {
    const before = await withPgClient(ownerUrl, async (client) => (await client.query<{ n: string }>('SELECT count(*) AS n FROM "ChangeLog"')).rows[0]!.n);
    const attempts: Array<[string, RegExp]> = [
      ['ALTER TABLE "ChangeLog" DISABLE TRIGGER ALL', /must be owner of table ChangeLog/],
      ['ALTER TABLE "ChangeLog" DISABLE TRIGGER "ChangeLog_no_update_or_delete"', /must be owner of table ChangeLog/],
      ['DELETE FROM "ChangeLog"', /permission denied for table ChangeLog/],
      [`UPDATE "ChangeLog" SET actor = 'someone else'`, /permission denied for table ChangeLog/],
      ['TRUNCATE "ChangeLog"', /permission denied for table ChangeLog/],
      ['DROP TABLE "ChangeLog"', /must be owner of table ChangeLog/],
      ['DROP TABLE "Country" CASCADE', /must be owner of table Country/],
      ['TRUNCATE "Country" CASCADE', /permission denied for table Country/],
      ['ALTER TABLE "Country" ADD COLUMN "x" int', /must be owner of table Country/],
      ['CREATE TABLE "Sneaky" (id int)', /permission denied for schema public/],
      ['DROP FUNCTION "ChangeLog_append_only"() CASCADE', /must be owner of function/],
      ['SET session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
      [`DELETE FROM "${MIGRATIONS_TABLE}"`, /permission denied for table _prisma_migrations/],
      [`UPDATE "${MIGRATIONS_TABLE}" SET checksum = 'x'`, /permission denied for table _prisma_migrations/],
    ];
    await withPgClient(runtimeUrl, async (client) => {
      for (const [sql, message] of attempts) {
        const failure = await client.query(sql).then(
          () => null,
          (error: pg.DatabaseError) => ({ code: error.code, message: error.message }),
        );
        expect(failure, sql).not.toBeNull();
        // 42501 insufficient_privilege from the privilege system itself, not from the trigger.
        expect(failure!.code, sql).toBe('42501');
        expect(failure!.message, sql).toMatch(message);
      }
      // It may still append.
      await client.query(`INSERT INTO "ChangeLog" (actor, action, "entityType", "entityId", details) VALUES ('test', 'CREATE', 'Country', 0, '{}')`);
    });
    await withPgClient(ownerUrl, async (client) => {
      expect((await client.query<{ n: string }>('SELECT count(*) AS n FROM "ChangeLog"')).rows[0]!.n).toBe(String(Number(before) + 1));
      const triggers = await client.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = '"ChangeLog"'::regclass AND NOT tgisinternal ORDER BY 1`);
      expect(triggers.rows).toEqual([
        { tgname: 'ChangeLog_no_truncate', tgenabled: 'O' },
        { tgname: 'ChangeLog_no_update_or_delete', tgenabled: 'O' },
      ]);
      expect((await client.query(`SELECT to_regclass('"Sneaky"') AS t`)).rows[0].t).toBeNull();
    });
  });

  it('without MIGRATION_DATABASE_URL the runtime role starts on an up-to-date schema, and stops with one line naming the setting when a migration is pending', async () => {
    const upToDate = await startServer({ DATABASE_URL: runtimeUrl });
    expect(await upToDate.stop()).toBe(0);

    // The last migration's history row taken away: to the engine, that migration is pending.
    const removed = await withPgClient(
      ownerUrl,
      async (client) =>
        (await client.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE migration_name = (SELECT max(migration_name) FROM "${MIGRATIONS_TABLE}") RETURNING *`))
          .rows[0],
    );
    try {
      const run = await runServerToExit({ DATABASE_URL: runtimeUrl }, 60_000);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `stancegraph: the database lacks ${removed.migration_name} and the role "${runtimeRole}" of DATABASE_URL may not change the schema (permission denied for table ${MIGRATIONS_TABLE}): set MIGRATION_DATABASE_URL to a connection as the role that owns the tables`,
      ]);
      // Nothing was recorded, not even a failed attempt that would block the next deploy.
      const history = await withPgClient(
        ownerUrl,
        async (client) => (await client.query(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE migration_name = $1`, [removed.migration_name])).rows,
      );
      expect(history).toEqual([]);
    } finally {
      const columns = Object.keys(removed);
      await withPgClient(ownerUrl, (client) =>
        client.query(
          `INSERT INTO "${MIGRATIONS_TABLE}" (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((column) => removed[column]),
        ),
      );
    }
  }, 90_000);

  it('stops with one line when MIGRATION_DATABASE_URL cannot be reached, or names the same role as DATABASE_URL', async () => {
    const unreachable = await runServerToExit({ DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5999/nowhere' }, 60_000);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^stancegraph: MIGRATION_DATABASE_URL: cannot connect to PostgreSQL server postgresql:\/\/postgres@127\.0\.0\.1:5999\/nowhere: \S/),
    ]);
    const same = await runServerToExit({ DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl }, 60_000);
    expect(same.code).toBe(1);
    expect(same.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^stancegraph: DATABASE_URL must connect as a least-privilege role when MIGRATION_DATABASE_URL is set: role "postgres" is not a least-privilege role: it is a superuser; .*it owns or acts as the owner of table/,
      ),
    ]);
  }, 90_000);

  function freshDatabaseName(): string {
    const template = inject('stancegraphDatabaseTemplate');
    if (template.kind !== 'postgres') return '';
    // The run's copy prefix: the global teardown drops it too if this file dies half-way.
    return `${copyNamePrefix(databaseNameOf(template.adminUrl), template.copyPrefix)}${freshDatabaseId}`;
  }

  it('on a new database, a non-superuser owner migrates and the runtime role, set up by db:roles, is granted the new tables', async () => {
    const template = inject('stancegraphDatabaseTemplate');
    if (template.kind !== 'postgres') throw new Error('PostgreSQL only');
    const name = freshDatabaseName();
    await withPgClient(template.adminUrl, async (client) => {
      await client.query(`CREATE ROLE ${quoteIdent(ownerRole)} LOGIN`);
      await client.query(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(ownerRole)}`);
    });
    const freshOwnerUrl = asRole(urlForDatabase(template.adminUrl, name), ownerRole);
    const freshRuntimeUrl = asRole(freshOwnerUrl, freshRuntimeRole);
    const env = { MIGRATION_DATABASE_URL: freshOwnerUrl, DATABASE_URL: freshRuntimeUrl };

    // The owner may not create roles: one line says who must.
    const refused = await runScript('db-roles.ts', [freshRuntimeRole], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `db:roles: cannot create role "${freshRuntimeRole}": the connecting role may not create roles; have an administrator run \`CREATE ROLE "${freshRuntimeRole}" LOGIN\`, then run this again`,
    );
    await withPgClient(template.adminUrl, (client) => client.query(`CREATE ROLE ${quoteIdent(freshRuntimeRole)} LOGIN`));
    const done = await runScript('db-roles.ts', [freshRuntimeRole], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`kept role "${freshRuntimeRole}"`));

    // Start-up applies every migration as the owner, grants the runtime role, and seeds through it.
    const fresh = await startServer(env);
    try {
      const read = await post(fresh, '{ articles(first: 1) { totalCount } }');
      expect(read.body.errors).toBeUndefined();
      expect(read.body.data.articles.totalCount).toBe(1);
    } finally {
      expect(await fresh.stop()).toBe(0);
    }
    const owners = await withPgClient(
      freshOwnerUrl,
      async (client) => (await client.query<{ owner: string }>('SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = current_schema()')).rows,
    );
    expect(owners).toEqual([{ owner: ownerRole }]);
    await expectExactRuntimePrivileges(freshOwnerUrl, freshRuntimeRole);
  }, 120_000);
});
