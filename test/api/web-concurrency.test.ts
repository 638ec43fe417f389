/**
 * WEB_CONCURRENCY: several server processes on one port (src/cluster.ts). The processes are what
 * is under test, so they are spawned. PostgreSQL server runs only: the embedded database belongs
 * to one process, which the setting's check (tested on every run) says.
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { configProblems } from '../support/config.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';
import { eventually, logLines } from '../support/http.ts';
import { spawnServer, type WatchedServer } from '../support/server.ts';

const onPostgres = Boolean(process.env.DATABASE_URL?.trim());

/** POSTs `{ __typename }` on a connection of its own (the cluster hands out connections, not requests). */
function typenameOnNewConnection(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query: '{ __typename }' }));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids of the workers that logged an answered request. */
const answeringPids = (server: WatchedServer) =>
  new Set(
    logLines(server.output())
      .filter((line) => line.path === '/graphql' && line.status === 200)
      .map((line) => line.pid as number),
  );

describe('WEB_CONCURRENCY, the setting', () => {
  it('takes 1 to 64 processes, and more than one only with a PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@localhost/db', WEB_CONCURRENCY: '4' }).webConcurrency).toBe(4);
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(configProblems({ WEB_CONCURRENCY: '2' })).toEqual([
      'WEB_CONCURRENCY=2 needs a PostgreSQL server (DATABASE_URL): the embedded database can be opened by one process only',
    ]);
    expect(configProblems({ DATABASE_URL: 'postgresql://u@localhost/db', WEB_CONCURRENCY: '0' })).toEqual([
      'WEB_CONCURRENCY must be a whole number from 1 to 64, got "0"',
    ]);
  });
});

describe.skipIf(!onPostgres)('WEB_CONCURRENCY=2 on a PostgreSQL server', () => {
  let database: TestDatabase;
  let server: WatchedServer;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabaseTarget();
    server = spawnServer({ ...database.env, WEB_CONCURRENCY: '2' });
    await server.waitFor(/2 server processes are serving/, 120_000);
    port = Number(logLines(server.output()).find((line) => typeof line.port === 'number')?.port);
  }, 150_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await database?.dispose();
  });

  it('answers from both processes on one port', async () => {
    for (let i = 0; i < 8; i++) expect(await typenameOnNewConnection(port)).toBe(200);
    await eventually(async () => (answeringPids(server).size === 2 ? true : undefined));
  });

  it('replaces a process that dies, and keeps answering meanwhile', async () => {
    const [victim] = answeringPids(server);
    process.kill(victim!, 'SIGKILL');
    await server.waitFor(/ended unexpectedly: starting another/);
    await eventually(
      async () => {
        expect(await typenameOnNewConnection(port)).toBe(200);
        const pids = answeringPids(server);
        pids.delete(victim!);
        return pids.size === 2 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }, 90_000);

  it('stops every process on SIGTERM and exits 0', async () => {
    const workers = [...answeringPids(server)].filter(alive);
    expect(workers.length).toBe(2);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  }, 60_000);

  it('exits 1 with the reason when a process cannot start (the port is taken)', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as { port: number }).port;
    try {
      const failing = spawnServer({ ...database.env, WEB_CONCURRENCY: '2', PORT: String(takenPort) });
      expect(await failing.exited).toBe(1);
      expect(failing.output()).toContain(`stancegraph: port ${takenPort} is already in use; set PORT to a free port`);
    } finally {
      taken.close();
    }
  }, 60_000);
});
