/**
 * Reads never wait for writers (PostgreSQL server): writers have connections of their own, so a
 * crowd of writes queued behind the write lock takes none of the connections reads use, and
 * /readyz stays 200.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/database.ts';
import { WRITE_LOCK_KEY } from '../../src/data/write.ts';
import { generateApiKey } from '../../src/data/api-keys.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabaseTarget, withPgClient, type TestDatabase } from '../support/database.ts';
import { eventually, postGraphQL, request } from '../support/http.ts';
import { testServerEnv } from '../support/server.ts';

describe.runIf(process.env.DATABASE_URL)('reads under write load', () => {
  let database: TestDatabase;
  let app: RunningApp | undefined;

  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await database?.dispose();
  });

  it('are answered while twenty writers wait for the write lock', async () => {
    database = await createTestDatabaseTarget();
    const key = generateApiKey();
    const db = await openDatabase(database.target);
    await db.prisma.apiKey.create({ data: { name: 'pools-editor', role: 'EDITOR', prefix: key.prefix, keyHash: key.keyHash, createdBy: 'test' } });
    await db.close();
    app = await startApp({
      database: database.target,
      port: 0,
      host: '127.0.0.1',
      keepAliveTimeoutMs: Number(testServerEnv.KEEP_ALIVE_TIMEOUT_MS),
      log: createLogger('silent'),
    });
    const url = app.url;
    const databaseUrl = database.env.DATABASE_URL!;

    await withPgClient(databaseUrl, async (holder) => {
      // Another process holds the write lock: every write of this server waits for it.
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      const writes = Array.from({ length: 20 }, (_, i) =>
        postGraphQL(
          url,
          {
            query: 'mutation($input: CountryCreateInput!) { countryCreate(input: $input) { country { id } userErrors { code } } }',
            variables: {
              input: {
                isoCode: ['AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ', 'BA', 'BB', 'BD', 'BE'][i],
                name: `Pool test ${i}`,
              },
            },
          },
          { authorization: `Bearer ${key.key}` },
        ),
      );
      // The writers are queued: some wait on the lock in PostgreSQL, the rest for a connection.
      await withPgClient(databaseUrl, (observer) =>
        eventually(async () => {
          const { rows } = await observer.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          );
          return rows[0]!.n > 0 ? true : undefined;
        }),
      );

      const reads = await Promise.all(
        Array.from({ length: 15 }, () => postGraphQL(url, { query: '{ deployments(first: 5) { nodes { name } } countries(first: 5) { totalCount } }' })),
      );
      for (const read of reads) expect(read.status, read.text).toBe(200);
      expect((await request(`${new URL(url).origin}/readyz`)).status).toBe(200);

      // None of the writes got through meanwhile; once the lock is free, all do.
      const { rows } = await holder.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Actor" WHERE name LIKE 'Pool test %'`);
      expect(rows[0]!.n).toBe(0);
      await holder.query('COMMIT');
      for (const write of await Promise.all(writes)) {
        expect(write.status, write.text).toBe(200);
        expect(write.json.data.countryCreate.userErrors).toEqual([]);
      }
    });
  });
});
