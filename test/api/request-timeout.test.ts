/**
 * A request that runs longer than REQUEST_TIMEOUT_MS is cancelled: the client gets a 504 with
 * code REQUEST_TIMEOUT at the deadline, and the database stops working for it (PostgreSQL's
 * statement_timeout; no further statement is sent).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { withPgClient } from '../support/database.ts';
import { leaseTestDatabase } from '../support/leased-database.ts';
import { eventually, logLines, postGraphQL } from '../support/http.ts';
import { startTestApp } from '../support/in-process.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}, 60_000);

async function start(env: Record<string, string>) {
  const database = await leaseTestDatabase();
  cleanups.push(() => database.dispose());
  const server = await startTestApp(database, env);
  cleanups.push(() => server.stop());
  return { server, url: server.url, database };
}

describe('REQUEST_TIMEOUT_MS', () => {
  it.runIf(process.env.DATABASE_URL)(
    'a query stuck in the database gets 504 REQUEST_TIMEOUT at the deadline, and PostgreSQL cancels its statement',
    async () => {
      const timeoutMs = 1500;
      const { server, url, database } = await start({ REQUEST_TIMEOUT_MS: String(timeoutMs) });
      const databaseUrl = database.env.DATABASE_URL!;
      await withPgClient(databaseUrl, async (locker) => {
        // Another session holds the table: the server's SELECT waits behind the lock.
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE "Deployment" IN ACCESS EXCLUSIVE MODE');
        const started = performance.now();
        const response = await postGraphQL(url, { query: '{ deployments { nodes { name } } }' });
        const elapsed = performance.now() - started;
        expect(response.status, response.text).toBe(504);
        expect(response.json.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
        expect(response.json.errors[0].message).toContain(String(timeoutMs));
        expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
        expect(elapsed).toBeLessThan(timeoutMs + 3_000);

        // The statement does not go on waiting: the server's session is no longer busy with it.
        await withPgClient(databaseUrl, (observer) =>
          eventually(
            async () => {
              const { rows } = await observer.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1 AND state = 'active'`,
                [(locker as unknown as { processID: number }).processID],
              );
              return rows[0]!.n === 0 ? true : undefined;
            },
            { timeoutMs: timeoutMs + 2_000 },
          ),
        );
        await locker.query('ROLLBACK');
      });

      // The server is fine afterwards, and its log says which request timed out.
      const after = await postGraphQL(url, { query: '{ deployments { nodes { name } } }' });
      expect(after.status).toBe(200);
      const timedOut = await eventually(async () => {
        const lines = logLines(server.output()).filter((line) => line.msg === 'request' && line.timedOut);
        return lines.length > 0 ? lines : undefined;
      });
      expect(timedOut).toHaveLength(1);
      expect(timedOut[0]).toMatchObject({ status: 504, errors: ['REQUEST_TIMEOUT'] });
    },
    120_000,
  );

  it('a request that outlasts a tiny limit gets 504 REQUEST_TIMEOUT, not its data', async () => {
    // 1 ms: no request that reads the database finishes within it, on PGlite or PostgreSQL.
    const { server, url } = await start({ REQUEST_TIMEOUT_MS: '1' });
    const response = await postGraphQL(url, {
      query: '{ deployments(first: 5) { nodes { name positions(first: 20) { nodes { stance evidence { text } } } } } }',
    });
    expect(response.status).toBe(504);
    expect(response.json.errors).toHaveLength(1);
    expect(response.json.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    expect(response.json.data).toBeUndefined();
    expect(response.headers.get('x-request-id')).toBeTruthy();
    // What the request still did after its deadline is not reported as an unexpected error, and
    // it stopped sending SQL: the query needs at least three statements (deployments, their
    // positions, the positions' evidence), and no timer has to fire for the cut-off to hold
    // (embedded PGlite answers without giving the event loop a turn).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(logLines(server.output()).filter((line) => line.level === 'error')).toEqual([]);
    const [line] = logLines(server.output()).filter((l) => l.msg === 'request' && l.path === '/graphql');
    expect(line).toMatchObject({ status: 504, timedOut: true });
    expect(line!.sqlStatements).toBeLessThan(3);
  }, 120_000);
});
