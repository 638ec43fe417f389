/**
 * The practical limit for this stack: a bare Node http server that answers each benchmark query
 * with one hand-written SQL statement through `pg`, which builds the whole JSON response inside
 * PostgreSQL; Node only passes the text on. Same pool size as the API's driver adapter (pg's
 * default, 10).
 *
 * POST /<query name> with the query's name from bench/queries.ts; the statements and their
 * parameters arrive once at start-up, on stdin, as JSON ({ name: { sql, params } }).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const statements = JSON.parse(input) as Record<string, { sql: string; params: unknown[] }>;

const pool = new pg.Pool({ connectionString: url, max: 10 });
const server = createServer((request, response) => {
  const statement = statements[(request.url ?? '').slice(1)];
  request.resume();
  if (!statement) {
    response.writeHead(404).end();
    return;
  }
  pool.query<{ body: string }>(statement.sql, statement.params).then(
    (result) => {
      const body = result.rows[0]?.body ?? '';
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    },
    (error: Error) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`baseline serves http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
