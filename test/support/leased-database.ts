/**
 * Seeded databases for the app in the test process, leased instead of copied and opened anew.
 *
 * Opening a PGlite copy costs ~0.3–0.45 s of CPU (its WebAssembly PostgreSQL starts, its file
 * system is built in memory), and the files of a vitest run did so about a hundred times. Here an
 * opened copy stays open in the worker and goes from file to file: leased again, it is first put
 * back as the template was (every table emptied and refilled with the template's rows, every
 * sequence set back), which takes 30–100 ms. The app uses it through its target's
 * `instance` (src/config.ts) and leaves it open when it stops.
 *
 * On the PostgreSQL server a lease is createTestDatabaseTarget's copy (CREATE DATABASE … TEMPLATE
 * is cheap there).
 */
import type { PGlite } from '@electric-sql/pglite';
import { startPglite } from '../../src/db/database.ts';
import { createTestDatabaseTarget, type TestDatabase } from './database.ts';

/** The template's rows, read from a copy before anything used it. */
interface Snapshot {
  /**
   * DELETE of every table but Prisma's migration bookkeeping: a few milliseconds, where TRUNCATE
   * (new files for every table and index) took 150–210 ms here.
   */
  empty: string;
  /** Each table's rows (JSON) and the columns to write them back to (not the generated ones). */
  tables: Array<{ insert: string; rows: string }>;
  /** Each sequence's value: setval's arguments. */
  sequences: Array<{ name: string; value: number; isCalled: boolean }>;
}

interface Pooled {
  database: TestDatabase;
  pglite: PGlite;
}

/** Copies given back: each has been used, so it is put back before it is lent again. */
const idle: Pooled[] = [];
let snapshot: Snapshot | undefined;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function readSnapshot(pglite: PGlite): Promise<Snapshot> {
  const { rows: tables } = await pglite.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  const filled: Snapshot['tables'] = [];
  for (const { name, columns } of tables) {
    const { rows } = await pglite.query<{ rows: string | null }>(`SELECT json_agg(t)::text AS rows FROM ${ident(name)} t`);
    const json = rows[0]!.rows;
    if (json === null) continue;
    const list = columns.map(ident).join(', ');
    filled.push({
      insert: `INSERT INTO ${ident(name)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${ident(name)}, $1::json)`,
      rows: json,
    });
  }
  const { rows: sequences } = await pglite.query<{ name: string; value: number; isCalled: boolean }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, coalesce(last_value, start_value)::float8 AS value, last_value IS NOT NULL AS "isCalled"
       FROM pg_sequences WHERE schemaname = 'public'`,
  );
  return { empty: tables.map((t) => `DELETE FROM ${ident(t.name)};`).join(' '), tables: filled, sequences };
}

/**
 * Puts the database back as the template was. Its session too: a transaction left open is rolled
 * back, settings and prepared statements are discarded. Triggers do not fire meanwhile (the change
 * log refuses DELETE), nor do foreign keys' checks (the template's rows satisfy them).
 */
async function putBack(pglite: PGlite, template: Snapshot): Promise<void> {
  if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
  await pglite.exec('DISCARD ALL');
  await pglite.transaction(async (tx) => {
    await tx.exec(`SET LOCAL session_replication_role = replica`);
    await tx.exec(template.empty);
    for (const { insert, rows } of template.tables) await tx.query(insert, [rows]);
    for (const { name, value, isCalled } of template.sequences) await tx.query('SELECT setval($1, $2, $3)', [name, value, isCalled]);
  });
}

async function openPooled(): Promise<Pooled> {
  const database = await createTestDatabaseTarget();
  if (database.target.kind !== 'pglite') throw new Error('only a PGlite database is pooled');
  const pglite = await startPglite(database.target.dataDir, false);
  // The first copy opened is read before anyone writes to it.
  snapshot ??= await readSnapshot(pglite);
  return { database, pglite };
}

/**
 * A clean seeded database for the app in this process (startTestApp): a pooled PGlite put back
 * as the template was, or on the PostgreSQL server a copy of the template. A process started on
 * it meanwhile needs `whileClosed`. `dispose()` gives it back to the pool.
 */
export async function leaseTestDatabase(): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) return createTestDatabaseTarget();
  const returned = idle.pop();
  if (returned) {
    await putBack(returned.pglite, snapshot as Snapshot).catch((error: unknown) => {
      throw new Error(`a leased test database could not be put back as the template was (did a file change its tables?): ${String(error)}`, { cause: error });
    });
  }
  const pooled = returned ?? (await openPooled());
  const { dataDir } = pooled.database.target as { dataDir: string };
  const target = { kind: 'pglite' as const, dataDir, instance: pooled.pglite };
  let disposed = false;
  return {
    target,
    get env(): Record<string, string> {
      throw new Error('a leased database is open in this process: start a process on it inside whileClosed(), or use createTestDatabaseTarget()');
    },
    async whileClosed(work) {
      await pooled.pglite.close();
      try {
        return await work(pooled.database.env);
      } finally {
        pooled.pglite = await startPglite(dataDir, false);
        target.instance = pooled.pglite;
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      // One that could not be opened again (whileClosed) is not lent again.
      if (pooled.pglite.closed) await pooled.database.dispose();
      else idle.push(pooled);
    },
  };
}
