/**
 * What an operator relies on: probes that tell "alive" from "ready" (503 while migrating, while
 * draining, and while the database is down), a SIGTERM that lets requests in flight finish and
 * exits 0, one JSON log line per request that never holds a secret, and settings checked at
 * start with one line per mistake.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/data/api-keys.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';
import { leaseTestDatabase } from '../support/leased-database.ts';
import { startTcpProxy } from '../../scripts/soak/proxy.ts';
import { eventually, logLines, postGraphQL, request } from '../support/http.ts';
import { spawnServer, type WatchedServer } from '../support/server.ts';
import { startTestApp } from '../support/in-process.ts';
import { runServerToExit } from '../support/process.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}, 60_000);

/**
 * A seeded server process of this test's own, watched line by line (all it prints, stdout and
 * stderr); killed at the end of the file. For what the process does: signals, its whole output.
 */
async function seededServer(env: Record<string, string> = {}): Promise<{ server: WatchedServer; url: string; database: TestDatabase }> {
  const database = await createTestDatabaseTarget();
  const server = spawnServer({ ...database.env, ...env });
  cleanups.push(async () => {
    server.kill('SIGKILL');
    await server.exited;
    await database.dispose();
  });
  const [, url] = await server.waitFor(/serves (http:\/\/\S+\/graphql)/, 90_000);
  return { server, url: url!, database };
}

/** The app in the test process on a seeded copy, for what does not depend on the process. */
async function seededApp(env: Record<string, string> = {}) {
  const database = await leaseTestDatabase();
  cleanups.push(() => database.dispose());
  const app = await startTestApp(database, env);
  cleanups.push(() => app.stop());
  return app;
}

const origin = (url: string) => new URL(url).origin;

describe('liveness and readiness', () => {
  it('a ready server answers /healthz and /readyz with 200', async () => {
    const { url } = await seededApp();
    const live = await request(`${origin(url)}/healthz`);
    expect(live.status).toBe(200);
    expect(live.json).toMatchObject({ status: 'ok' });
    const ready = await request(`${origin(url)}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', database: 'up' });
  });

  it('announces how long it keeps an idle connection (KEEP_ALIVE_TIMEOUT_MS)', async () => {
    const { url } = await seededApp({ KEEP_ALIVE_TIMEOUT_MS: '7000' });
    const answer = await request(`${origin(url)}/healthz`);
    expect(answer.headers.get('keep-alive')).toBe('timeout=7');
  });

  it('while a new database is created and migrated: alive, not ready, and GraphQL answers 503', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'stancegraph-fresh-'));
    const server = spawnServer({ PGLITE_DATA_DIR: dataDir });
    cleanups.push(async () => {
      server.kill('SIGKILL');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    });
    // The port is known as soon as it listens, seconds before a fresh PGlite has run initdb.
    const [, port] = await server.waitFor(/"port":(\d+)/, 30_000);
    const base = `http://localhost:${port}`;
    const seen = new Set<string>();
    const live = await request(`${base}/healthz`);
    expect(live.status).toBe(200);
    const early = await request(`${base}/readyz`);
    expect(early.status).toBe(503);
    seen.add(early.json.phase);
    const graphql = await postGraphQL(`${base}/graphql`, { query: '{ __typename }' });
    if (graphql.status === 503) {
      expect(graphql.json.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } else {
      // A start fast enough to be ready already: it must then say so (readiness does not go back).
      expect((await request(`${base}/readyz`)).status, `GraphQL answered ${graphql.status} before the server was ready`).toBe(200);
    }
    await eventually(
      async () => {
        const ready = await request(`${base}/readyz`);
        seen.add(ready.json.phase);
        return ready.status === 200 ? true : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(
      [...seen].some((phase) => phase === 'starting' || phase === 'migrating'),
      [...seen].join(),
    ).toBe(true);
    // Lines are written asynchronously (src/logger.ts): the line may follow the readiness it reports.
    await server.waitFor(/serves http/, 10_000);
  }, 120_000);

  it.runIf(process.env.DATABASE_URL)(
    'when PostgreSQL goes down: alive, not ready; ready again when it is back',
    async () => {
      const database = await createTestDatabaseTarget();
      cleanups.push(() => database.dispose());
      const target = new URL(database.env.DATABASE_URL!);
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => proxy.close());
      const viaProxy = new URL(target);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const server = spawnServer({ DATABASE_URL: viaProxy.toString() });
      cleanups.push(async () => {
        server.kill('SIGKILL');
        await server.exited;
      });
      const [, url] = await server.waitFor(/serves (http:\/\/\S+\/graphql)/, 90_000);
      const base = origin(url!);
      expect((await request(`${base}/readyz`)).status).toBe(200);

      await proxy.cut();
      const down = await request(`${base}/readyz`);
      expect(down.status).toBe(503);
      expect(down.json).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await request(`${base}/healthz`)).status).toBe(200);
      // A query meanwhile fails at once with a 503 the client can act on, not a hang, a 500 or a crash;
      // so does one with an API key, which cannot be looked up.
      for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${generateApiKey().key}` }]) {
        const failed = await postGraphQL(url!, { query: '{ deployments { nodes { name } } }' }, headers);
        expect(failed.status, failed.text).toBe(503);
        expect(failed.headers.get('retry-after')).toBe('5');
        expect(
          failed.json.errors.map((e: any) => e.extensions.code),
          failed.text,
        ).toEqual(['DATABASE_UNAVAILABLE']);
        expect(failed.json.errors[0].message).toMatch(/database is unavailable/);
      }
      expect(server.process.exitCode).toBeNull();

      await proxy.restore();
      await eventually(async () => ((await request(`${base}/readyz`)).status === 200 ? true : undefined), { timeoutMs: 20_000 });
      const back = await postGraphQL(url!, { query: '{ deployments { nodes { name } } }' });
      expect(back.status, back.text).toBe(200);
      expect(back.json.data.deployments.nodes.length).toBeGreaterThan(0);
      // The log says when the database went away, once, not once per probe.
      const warnings = logLines(server.output()).filter((line) => line.level === 'warn' && /readiness/.test(line.msg));
      expect(warnings).toHaveLength(1);
    },
    120_000,
  );
});

/** Sends the headers of a POST and part of its body: a request in flight until `finish` is called. */
async function startSlowRequest(url: string, query: string): Promise<{ socket: Socket; finish: () => Promise<string> }> {
  const { hostname, port, pathname } = new URL(url);
  const body = JSON.stringify({ query });
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = once(socket, 'close');
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  const half = Math.floor(body.length / 2);
  socket.write(body.slice(0, half));
  return {
    socket,
    async finish() {
      socket.write(body.slice(half));
      await closed;
      return answer;
    },
  };
}

describe('SIGTERM', () => {
  it('finishes a request in flight, refuses new connections, closes the database and exits 0', async () => {
    const { server, url } = await seededServer();
    const inFlight = await startSlowRequest(url, '{ deployments { nodes { name } } }');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the server has the request's headers
    server.kill('SIGTERM');
    await server.waitFor(/SIGTERM: no new connections/);
    await eventually(async () => {
      try {
        await fetch(`${origin(url)}/healthz`);
        return undefined;
      } catch {
        return true; // connection refused: it no longer accepts
      }
    });
    expect(server.process.exitCode, 'exited before its request in flight finished').toBeNull();
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('THAAD');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);

  it('keep-alive clients that go on sending see no reset: answers say Connection: close, then new connections are refused', async () => {
    // Node's keep-alive timeout (not the tests' 1 s): connections kept idle between two requests.
    const { server, url } = await seededServer({ KEEP_ALIVE_TIMEOUT_MS: '5000' });
    const outcomes = { answered: 0, closing: 0, notAccepted: 0, resets: [] as string[] };
    let signalled = false;
    // Eight clients on keep-alive connections, each sending one request after another. Node's
    // client says whether a request went out on a connection that had served one before
    // (`reusedSocket`): a failure there is a kept-alive connection reset under the client, the
    // defect. A new connection may fail at the moment the listener closes (refused, or reset by
    // the kernel for a connection it had queued but the server never accepted): that is the end
    // of the server, and every client ends on one.
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(async () => agent.destroy());
    const body = JSON.stringify({ query: '{ deployments(first: 2) { nodes { name } } }' });
    const post = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = http.request(
          url,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (response) => {
            response.resume();
            response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
            response.on('error', (error) => reject(Object.assign(error, { reused: request.reusedSocket })));
          },
        );
        request.on('error', (error) => reject(Object.assign(error, { reused: request.reusedSocket })));
        request.end(body);
      });
    const client = async () => {
      for (;;) {
        try {
          const answer = await post();
          expect(answer.status).toBe(200);
          outcomes.answered += 1;
          if (answer.connection === 'close') outcomes.closing += 1;
        } catch (error) {
          const { code, reused } = error as { code?: string; reused?: boolean };
          if (reused) outcomes.resets.push(code ?? String(error));
          else outcomes.notAccepted += 1;
          if (!reused || signalled) return;
        }
        if (outcomes.answered === 60 && !signalled) {
          signalled = true;
          server.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    expect(outcomes.resets, JSON.stringify(outcomes)).toEqual([]);
    expect(outcomes.closing, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.notAccepted, JSON.stringify(outcomes)).toBe(8);
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('gives up on a request that does not finish within SHUTDOWN_GRACE_MS, and still exits 0', async () => {
    const { server, url } = await seededServer({ SHUTDOWN_GRACE_MS: '1000' });
    const stuck = await startSlowRequest(url, '{ __typename }');
    const closed = once(stuck.socket, 'close');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await closed;
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 120_000);
});

describe('a client that does not read its response', () => {
  it('has its connection closed after RESPONSE_WRITE_TIMEOUT_MS, not kept in memory for ever', async () => {
    const app = await seededApp({ REQUEST_TIMEOUT_MS: '1000', RESPONSE_WRITE_TIMEOUT_MS: '1000', LOG_LEVEL: 'debug' });
    const url = app.url;
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    cleanups.push(async () => socket.destroy());
    await once(socket, 'connect');
    socket.on('error', () => undefined);
    // Ten pipelined requests for the IDE's largest file (1 MB each), whose answers it never reads:
    // more than the sockets' buffers hold, so the server cannot finish writing them.
    socket.write(`GET /ide/graphiql.min.js HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`.repeat(10));
    socket.pause();
    // The server gives up on the connection (its log line says the response was aborted) once
    // nothing has moved on it for REQUEST_TIMEOUT_MS + RESPONSE_WRITE_TIMEOUT_MS.
    const started = Date.now();
    const aborted = await eventually(async () => logLines(app.output()).find((line) => line.path === '/ide/graphiql.min.js' && line.aborted), {
      timeoutMs: 15_000,
    });
    expect(aborted.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    // The server still serves everyone else.
    expect((await request(`${origin(url)}/healthz`)).status).toBe(200);
  }, 120_000);
});

describe('the log', () => {
  it('has one JSON line per request with its id, operation, status and duration, and no secret', async () => {
    const { server, url } = await seededServer();
    const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
    const secretValue = `secret-${randomBytes(8).toString('hex')}`;
    const response = await postGraphQL(
      url,
      { query: 'query CountryByCode($code: String!) { country(isoCode: $code) { name } }', variables: { code: secretValue }, operationName: 'CountryByCode' },
      { 'x-request-id': 'req-log-test-1', cookie: `session=${secretKey}` },
    );
    expect(response.headers.get('x-request-id')).toBe('req-log-test-1');
    const lines = await eventually(async () => {
      const found = logLines(server.output()).filter((line) => line.reqId === 'req-log-test-1');
      return found.length > 0 ? found : undefined;
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: response.status,
      operationName: 'CountryByCode',
      operationType: 'query',
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(typeof lines[0]!.time).toBe('string');

    // An API key (a wrong one here) is not logged either.
    const keyed = await postGraphQL(url, { query: '{ __typename }' }, { 'x-request-id': 'req-log-test-2', authorization: `Bearer ${secretKey}` });
    await eventually(async () =>
      logLines(server.output()).some((line) => line.reqId === 'req-log-test-2' && line.status === keyed.status) ? true : undefined,
    );
    expect(server.output()).not.toContain(secretKey);
    expect(server.output()).not.toContain(secretValue);

    // Without an id of its own, a request gets a new one, sent back and logged.
    const other = await postGraphQL(url, { query: '{ __typename }' });
    const id = other.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () => (logLines(server.output()).some((line) => line.reqId === id) ? true : undefined));
  }, 120_000);
});

describe('settings are checked at start', () => {
  it('every mistake gets its own line, then the process exits 1', async () => {
    const run = await runServerToExit(
      {
        PGLITE_DATA_DIR: 'memory://',
        GRAPHQL_MAX_DEPTH: 'deep',
        REQUEST_TIMEOUT_MS: '-5',
        CORS_ORIGINS: 'https://app.example.org/path',
        NODE_ENV: 'prod',
        LOG_LEVEL: 'chatty',
      },
      20_000,
    );
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines, run.stderr).toHaveLength(5);
    for (const name of ['GRAPHQL_MAX_DEPTH', 'REQUEST_TIMEOUT_MS', 'CORS_ORIGINS', 'NODE_ENV', 'LOG_LEVEL']) {
      expect(
        lines.filter((line) => line.includes(name)),
        name,
      ).toHaveLength(1);
    }
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);

  it('a TRUSTED_DOCUMENTS file that is missing or not a manifest stops start-up with one line', async () => {
    const missing = await runServerToExit({ PGLITE_DATA_DIR: 'memory://', TRUSTED_DOCUMENTS: '/nonexistent/persisted-documents.json' }, 20_000);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/TRUSTED_DOCUMENTS .*persisted-documents\.json/);
  }, 30_000);
});
