/**
 * WEB_CONCURRENCY: several server processes on one port (src/cluster.ts). The processes are what
 * is under test, so they are spawned. PostgreSQL server runs only: the embedded database belongs
 * to one process, which the setting's check (tested on every run) says.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism } from 'node:os';
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
    // Kept-alive connections stay open between a test's requests (the tests' 1 s would close them
    // while a test reads the log, and the clients' next connections would be spread anew).
    server = spawnServer({ ...database.env, WEB_CONCURRENCY: '2', KEEP_ALIVE_TIMEOUT_MS: '60000' });
    await server.waitFor(/2 server processes are serving/, 120_000);
    port = Number(logLines(server.output()).find((line) => typeof line.port === 'number')?.port);
  }, 150_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await database?.dispose();
  });

  /** Sends eight requests on connections of their own, and waits until both processes have answered one: their pids. */
  const bothAnswering = async () => {
    for (let i = 0; i < 8; i++) expect(await typenameOnNewConnection(port)).toBe(200);
    return eventually(async () => {
      const answering = answeringPids(server);
      return answering.size === 2 ? [...answering] : undefined;
    });
  };

  it('answers from both processes on one port', async () => {
    expect(await bothAnswering()).toHaveLength(2);
  });

  it('runs garbage collection on one thread in each process when the processes are as many as the cores', async () => {
    const pids = await bothAnswering();
    const flags = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const pid of pids) expect(flags(pid).includes('--single-threaded-gc')).toBe(2 >= availableParallelism());
  });

  it('spreads keep-alive clients evenly: a process holding more than its share tells the excess to reconnect', async () => {
    // Eight clients, a kept-alive connection each; then the clients of one process leave, and the
    // others go on sending: without the balancing they would all stay on the other process.
    const clients = Array.from({ length: 8 }, (_, i) => ({ name: `balance-${i}`, agent: new Agent({ keepAlive: true, maxSockets: 1 }), sent: 0 }));
    let closes = 0;
    const send = (client: (typeof clients)[number]) =>
      new Promise<string>((resolve, reject) => {
        const reqId = `${client.name}-${client.sent++}`;
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            agent: client.agent,
            headers: { 'content-type': 'application/json', 'x-request-id': reqId },
          },
          (response) => {
            if (response.headers.connection === 'close') closes++;
            response.resume();
            response.on('end', () => resolve(reqId));
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify({ query: '{ __typename }' }));
      });
    /** The process that answered each request id, from the log. */
    const pidsOf = (reqIds: string[]) =>
      eventually(async () => {
        const byId = new Map(logLines(server.output()).map((line) => [line.reqId, line.pid as number]));
        const pids = reqIds.map((id) => byId.get(id));
        return pids.every((pid) => pid !== undefined) ? pids : undefined;
      });
    try {
      const first = await pidsOf(await Promise.all(clients.map(send)));
      const [leaving] = first;
      const staying = clients.filter((_, i) => first[i] !== leaving);
      for (const [i, client] of clients.entries()) if (first[i] === leaving) client.agent.destroy();
      expect(staying.length).toBeGreaterThanOrEqual(2);

      // They all started on one process; within a few rounds each process holds half of them.
      const spread = await eventually(
        async () => {
          const pids = await pidsOf(await Promise.all(staying.map(send)));
          const counts = [...new Set(pids)].map((pid) => pids.filter((p) => p === pid).length);
          return counts.length === 2 && Math.abs(counts[0]! - counts[1]!) <= 1 ? counts : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      expect(spread[0]! + spread[1]!).toBe(staying.length);
      // Only the excess was told to reconnect: no connection is closed once the shares are even.
      const closed = closes;
      for (let round = 0; round < 3; round++) await Promise.all(staying.map(send));
      expect(closes).toBe(closed);
    } finally {
      for (const client of clients) client.agent.destroy();
    }
  }, 60_000);

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
