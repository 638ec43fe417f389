/**
 * Live updates across processes: the processes are what is under test, so they are spawned.
 * SIGTERM ends subscriptions with a close code and the process exits 0 (both databases); on a
 * PostgreSQL server, a write on one process reaches a subscriber on another, through Redis (and
 * again after Redis was stopped and started: no restart, nothing lost) or through LISTEN/NOTIFY.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { generateApiKey } from '../../src/data/api-keys.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';
import { eventually, logLines, postGraphQL } from '../support/http.ts';
import { spawnServer, type WatchedServer } from '../support/server.ts';
import { connect, liveUpdatesOf, subscribe, subscriptionsRegistered, type Connection, type Subscriber } from '../support/subscriptions.ts';

const onPostgres = Boolean(process.env.DATABASE_URL?.trim());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server process on `database`, ready, and its GraphQL URL. */
async function startServer(database: TestDatabase, env: Record<string, string> = {}): Promise<{ server: WatchedServer; url: string }> {
  const server = spawnServer({ ...database.env, ...env });
  await server.waitFor(/stancegraph serves/, 120_000);
  const port = Number(logLines(server.output()).find((line) => typeof line.port === 'number')?.port);
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

/** An EDITOR key, stored before any server starts (a PGlite directory is one process's). */
async function editorKey(database: TestDatabase): Promise<string> {
  const opened = await openDatabase(database.target);
  try {
    const key = generateApiKey();
    await opened.prisma.apiKey.create({ data: { name: 'live-editor', role: 'EDITOR', prefix: key.prefix, keyHash: key.keyHash, createdBy: 'test' } });
    return key.key;
  } finally {
    await opened.close();
  }
}

let articles = 0;
/** Records a position through `url` and returns its global ID. */
async function recordPosition(url: string, key: string): Promise<string> {
  const headers = { authorization: `Bearer ${key}` };
  articles += 1;
  const text = `China opposes the deployment, a spokesman said (report ${articles}).`;
  const ids = (await postGraphQL(url, { query: '{ country(isoCode: "CN") { id } deployments(filter: { systems: ["THAAD"] }) { nodes { id } } }' })).json.data;
  const article = (
    await postGraphQL(
      url,
      {
        query: 'mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } } }',
        variables: { input: { source: 'Desk', body: text } },
      },
      headers,
    )
  ).json.data.articleCreate.article;
  const created = await postGraphQL(
    url,
    {
      query: 'mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id } userErrors { message } } }',
      variables: {
        input: {
          stance: 'OPPOSE',
          summary: text,
          holderIds: [ids.country.id],
          deploymentId: ids.deployments.nodes[0].id,
          evidence: [{ articleId: article.id, text }],
        },
      },
    },
    headers,
  );
  expect(created.json.data.positionCreate.userErrors).toEqual([]);
  return created.json.data.positionCreate.position.id as string;
}

const recorded = 'subscription { positionRecorded { id holders { name } } }';
const receivedIds = (sub: Subscriber) => sub.results.map((result) => result.data?.positionRecorded?.id as string);

describe('SIGTERM', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabaseTarget();
  }, 120_000);
  afterAll(() => database?.dispose());

  it('closes every WebSocket with 1001 and exits 0 within the grace period', async () => {
    const { server, url } = await startServer(database, { SHUTDOWN_GRACE_MS: '5000' });
    const connection = connect(url);
    const sub = subscribe(connection.client, recorded);
    await subscriptionsRegistered(url, 1);
    const started = Date.now();
    server.kill('SIGTERM');
    expect(await connection.closed).toEqual({ code: 1001, reason: 'Going away: the server is shutting down' });
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sub.ended;
  }, 150_000);
});

describe.skipIf(!onPostgres)('two processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let key: string;
  const servers: WatchedServer[] = [];
  const connections: Connection[] = [];
  let redis: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabaseTarget();
    key = await editorKey(database);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.dispose()));
    for (const server of servers) server.kill('SIGKILL');
    redis?.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await database?.dispose();
  });

  /** A Redis of the test's own, on `port`, keeping nothing on disk. */
  async function startRedis(port: number): Promise<ChildProcess> {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(async () => {
      const socket = await new Promise<boolean>((resolve) => {
        const probe = createServer();
        probe.once('error', () => resolve(true)); // the port is taken: Redis listens
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
      });
      return socket ? true : undefined;
    });
    return child;
  }

  const started = async (env: Record<string, string>) => {
    const started = await startServer(database, env);
    servers.push(started.server);
    return started;
  };

  it('through Redis: a write on one reaches a subscriber on the other, and after Redis went away and came back, nothing is lost', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    // No polling: what arrives comes through Redis, or from the catch-up when Redis is back.
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, LIVE_POLL_INTERVAL_MS: '0' };
    const [a, b] = [await started(env), await started(env)];
    // Both connected to Redis before the first write: an announcement made while it is not is dropped.
    for (const { url } of [a, b]) await eventually(async () => ((await liveUpdatesOf(url)).status === 'up' ? true : undefined));
    expect(await liveUpdatesOf(b.url)).toMatchObject({ transport: 'redis', status: 'up' });
    const connection = connect(b.url);
    connections.push(connection);
    const sub = subscribe(connection.client, recorded);
    await subscriptionsRegistered(b.url, 1);

    const first = await recordPosition(a.url, key);
    await sub.result(0);
    expect(receivedIds(sub)).toEqual([first]);

    redis.kill('SIGKILL');
    for (const { url } of [a, b]) await eventually(async () => ((await liveUpdatesOf(url)).status === 'degraded' ? true : undefined));
    expect((await liveUpdatesOf(a.url)).problem).toBeTruthy();
    // Writes go on while Redis is away; their events wait in the change log.
    const during = await recordPosition(a.url, key);

    redis = await startRedis(port);
    for (const { url } of [a, b]) await eventually(async () => ((await liveUpdatesOf(url)).status === 'up' ? true : undefined), { timeoutMs: 30_000 });
    await sub.result(1);
    const after = await recordPosition(a.url, key);
    await sub.result(2);
    expect(receivedIds(sub)).toEqual([first, during, after]);
  }, 180_000);

  it('through LISTEN/NOTIFY when no Redis is configured', async () => {
    const env = { LIVE_POLL_INTERVAL_MS: '0' };
    const [a, b] = [await started(env), await started(env)];
    for (const { url } of [a, b]) await eventually(async () => ((await liveUpdatesOf(url)).status === 'up' ? true : undefined));
    expect(await liveUpdatesOf(b.url)).toMatchObject({ transport: 'postgres', status: 'up' });
    const connection = connect(b.url);
    connections.push(connection);
    const sub = subscribe(connection.client, recorded);
    await subscriptionsRegistered(b.url, 1);
    const id = await recordPosition(a.url, key);
    await sub.result(0);
    expect(receivedIds(sub)).toEqual([id]);
    expect(sub.results[0]!.data.positionRecorded.holders).toEqual([{ name: expect.stringContaining('China') }]);
  }, 180_000);
});
