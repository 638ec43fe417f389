/**
 * `npm run bench:live`: how long a committed write takes to reach the clients subscribed to it.
 *
 * Two API processes (`npm start`'s node arguments, one process each: WEB_CONCURRENCY=1,
 * NODE_ENV=production, LOG_LEVEL=warn) on one PostgreSQL database, their change signals through
 * Redis; 1,000 graphql-ws clients in this process, one connection and one `positionRecorded`
 * subscription each, spread evenly over both processes (half of them with a filter that every
 * write meets, half without); then, on the first process only, one `positionCreate` every 100 ms
 * with an EDITOR key. For every event a client receives: the time from the write to its arrival.
 *
 *   npm run bench:live [-- options]
 *
 *   --subscribers <n>         clients, one connection and one subscription each (default 1000)
 *   --processes <n>           API processes, the subscribers spread evenly over them (default 2);
 *                             the writes all go to the first
 *   --writes <n>              measured writes (default 100), after 5 unmeasured ones (--warmup)
 *   --interval <ms>           one write every this many ms (default 100); a write still running
 *                             delays the next one
 *   --filtered <share>        share of the subscribers with a filter (holders CN, stances OPPOSE)
 *                             that every write meets (default 0.5); the others have none
 *   --transport <t[,t]>       redis (REDIS_URL, default redis://127.0.0.1:6379), postgres (no
 *                             REDIS_URL: LISTEN/NOTIFY), or both, one after the other: one line each
 *   --cpu-prof <dir>          the API processes write V8 CPU profiles there when they stop (node
 *                             --cpu-prof; open them in Chrome DevTools): where their time goes
 *   --trace <file>            one JSON line per measured write there: when it was sent, answered
 *                             and signalled, and when each process's subscribers received it
 *
 * Database: DATABASE_URL when set (used as it is, never dropped: it must hold the country CN and a
 * deployment; a new one is seeded by the first server); otherwise stancegraph_bench_live on
 * postgresql://postgres@127.0.0.1:5432, dropped and created again at each run (the first server
 * seeds it) and dropped at the end.
 *
 * What is measured. A client cannot see the commit: it happens inside the write's transaction,
 * before the server answers the mutation and announces the change. Each event is timed from three
 * points this process sees:
 *
 * - `p50_ms`, `p99_ms`, `max_ms` (the headline): from the arrival of the mutation's HTTP answer to
 *   the event's arrival. The commit came a little earlier (the server reads the position back and
 *   answers after committing): close to commit-to-client, slightly less. An event handled before
 *   the answer counts negative (`before_response` says how many);
 * - `send_p50_ms`, `send_p99_ms`, `send_max_ms`: from sending the mutation: an upper bound, which
 *   includes the write itself (`write_p50_ms`, `write_p99_ms`);
 * - `signal_p50_ms`, `signal_p99_ms`, `signal_max_ms`: from the arrival here of the change signal
 *   (this process listens on the same Redis channel, or LISTENs, as the API processes): the moment
 *   every process is told. The writer announces right after the commit, so this is also close to
 *   commit-to-client; `last_event_p50_ms` is, per write, the signal to its last subscriber.
 *
 * Arrival is when graphql-ws's client hands this process the event (its frame read and parsed).
 * Every client runs in this one process: the queueing of its own event loop (1,000 frames per
 * write, `client_loop_delay_p99_ms`) is in every figure, and it shares the machine's cores with
 * the API processes, PostgreSQL and Redis (`load_avg_1m`; `server_cpu_ms_per_write`,
 * `client_cpu_ms_per_write`: CPU time spent during the measured writes, divided by the writes).
 *
 * expected = measured writes that succeeded × subscribers (every write meets every subscription);
 * delivered = distinct (subscriber, position) pairs received among those writes' positions;
 * lost = expected − delivered, counted 10 s after the last write; duplicates = a position received
 * again by the same subscriber. (A lost signal delays an event by up to LIVE_POLL_INTERVAL_MS, 1 s:
 * it shows in max_ms, not in lost.)
 *
 * One JSON line per transport on stdout; progress on stderr. See docs/benchmarks.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import { withPgClient } from '../src/db/pg-client.ts';
import WebSocket from 'ws';
import { buildCompiled, npmStartArguments } from '../scripts/compiled-build.ts';
import { freePort } from '../scripts/free-port.ts';
import { treeCpuMs } from './process-cpu.ts';

type Transport = 'redis' | 'postgres';

interface Options {
  subscribers: number;
  processes: number;
  writes: number;
  warmup: number;
  intervalMs: number;
  filtered: number;
  transports: Transport[];
  /** --cpu-prof: a directory for the API processes' V8 CPU profiles, or null. */
  cpuProfileDir: string | null;
  /** --trace: a file for one JSON line per measured write, or null. */
  traceFile: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    subscribers: 1000,
    processes: 2,
    writes: 100,
    warmup: 5,
    intervalMs: 100,
    filtered: 0.5,
    transports: ['redis'],
    cpuProfileDir: null,
    traceFile: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const count = (min: number) => {
      const parsed = Number(value());
      if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${arg} needs a whole number of at least ${min}`);
      return parsed;
    };
    if (arg === '--subscribers') options.subscribers = count(1);
    else if (arg === '--processes') options.processes = count(1);
    else if (arg === '--writes') options.writes = count(1);
    else if (arg === '--warmup') options.warmup = count(0);
    else if (arg === '--interval') options.intervalMs = count(0);
    else if (arg === '--filtered') {
      options.filtered = Number(value());
      if (!(options.filtered >= 0 && options.filtered <= 1)) throw new Error('--filtered needs a share from 0 to 1');
    } else if (arg === '--transport') {
      const raw = value();
      const list = raw === 'both' ? ['redis', 'postgres'] : raw.split(',');
      if (list.some((t) => t !== 'redis' && t !== 'postgres')) throw new Error(`--transport takes redis, postgres or both, not ${raw}`);
      options.transports = list as Transport[];
    } else if (arg === '--cpu-prof') options.cpuProfileDir = path.resolve(value());
    else if (arg === '--trace') options.traceFile = path.resolve(value());
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/live.ts)`);
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return round1(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}

const adminUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';
const ownDatabase = 'stancegraph_bench_live';

/** Fails with how to start one when no Redis answers at `url`. */
async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let reason: string | null = null;
  redis.on('error', (error: Error) => (reason ??= error.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `no Redis answers at ${url} (${reason ?? (error as Error).message}): start one with \`redis-server --daemonize yes --port 6379 --save "" --appendonly no\`, set REDIS_URL to yours, or run \`npm run bench:live -- --transport postgres\``,
    );
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// The API processes

interface Server {
  child: ChildProcess;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  stop(): Promise<void>;
}

interface LiveUpdates {
  transport: string;
  status: string;
  problem?: string;
  connections: number;
  subscriptions: number;
}

async function readiness(url: string): Promise<{ status: number; liveUpdates?: LiveUpdates }> {
  const response = await fetch(new URL('/readyz', url));
  const body = (await response.json()) as { liveUpdates?: LiveUpdates };
  return { status: response.status, liveUpdates: body.liveUpdates };
}

/** Starts an API process on `databaseUrl` and waits until /readyz answers 200 (start-up seeds a new database: 120 s at most). */
async function startServer(databaseUrl: string, redisUrl: string | null, cpuProfileDir: string | null): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    WEB_CONCURRENCY: '1',
  };
  delete env.REDIS_URL;
  if (redisUrl) env.REDIS_URL = redisUrl;
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profile, ...npmStartArguments()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await exit;
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the API process exited before it was ready:\n${tail}`);
    if ((await readiness(url).catch(() => null))?.status === 200) return { child, url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API process was not ready within 120 s:\n${tail}`);
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// Writes over HTTP

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, key: string | null): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`the API answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

const userErrors = 'userErrors { code message }';
const articleCreate = `mutation($input: ArticleCreateInput!) { articleCreate(input: $input) { article { id } ${userErrors} } }`;
const positionCreate = `mutation($input: PositionCreateInput!) { positionCreate(input: $input) { position { id } ${userErrors} } }`;

type Payload<K extends string> = { [key in K]: { userErrors: Array<{ code: string; message: string }> } & Record<string, { id: string } | null> };

function created<K extends string>(data: Payload<K>, field: K, object: string): string {
  const payload = data[field];
  const id = (payload[object] as { id: string } | null)?.id;
  if (!id) throw new Error(`${field} failed: ${JSON.stringify(payload.userErrors)}`);
  return id;
}

/** An EDITOR key made with the project's own command (which applies the migrations to a new database first). */
function createEditorKey(databaseUrl: string): string {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/key-create.ts', '--role', 'editor', '--name', `bench-live-${Date.now()}`], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const key = output.trim().split('\n').pop()?.trim();
  if (!key) throw new Error('npm run key:create printed no key');
  return key;
}

// ---------------------------------------------------------------------------------------------
// Subscribers

const subscription = `subscription($filter: PositionFilter) {
  positionRecorded(filter: $filter) { id stance summary holders { name } evidence { text article { source } } }
}`;
const filter = { holders: ['CN'], stances: ['OPPOSE'] };

interface Subscriber {
  client: Client;
  process: number;
  filtered: boolean;
  /** Position id → when it arrived (performance.now()); a second arrival counts as a duplicate. */
  received: Map<string, number>;
  duplicates: number;
  errors: number;
  ended: boolean;
}

/** Opens `count` clients (in batches, each waiting for its connections), subscriber i on process i % servers.length. */
async function openSubscribers(servers: Server[], count: number, filtered: number): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  const batch = 100;
  for (let start = 0; start < count; start += batch) {
    const connected: Array<Promise<void>> = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const server = i % servers.length;
      let onConnected!: () => void;
      let onFailed!: (error: Error) => void;
      connected.push(
        new Promise<void>((resolve, reject) => {
          onConnected = resolve;
          onFailed = reject;
        }),
      );
      const client = createClient({
        url: servers[server]!.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        on: {
          connected: () => onConnected(),
          closed: (event) => onFailed(new Error(`subscriber ${i}: the connection closed (${(event as { code?: number }).code ?? 'no code'})`)),
          error: (error) => onFailed(error instanceof Error ? error : new Error(`subscriber ${i}: ${JSON.stringify(error)}`)),
        },
      });
      // Spread evenly within each process's share (rank: the subscriber's place among that process's).
      const rank = Math.floor(i / servers.length);
      const withFilter = Math.floor((rank + 1) * filtered) > Math.floor(rank * filtered);
      const subscriber: Subscriber = { client, process: server, filtered: withFilter, received: new Map(), duplicates: 0, errors: 0, ended: false };
      client.subscribe<{ positionRecorded: { id: string } }>(
        { query: subscription, variables: withFilter ? { filter } : {} },
        {
          next: (result) => {
            const at = performance.now();
            const id = result.data?.positionRecorded.id;
            if (result.errors || !id) {
              subscriber.errors++;
              return;
            }
            if (subscriber.received.has(id)) subscriber.duplicates++;
            else subscriber.received.set(id, at);
          },
          error: () => {
            subscriber.ended = true;
          },
          complete: () => {
            subscriber.ended = true;
          },
        },
      );
      subscribers.push(subscriber);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('subscribers did not connect within 30 s')), 30_000)));
    try {
      await Promise.race([Promise.all(connected), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return subscribers;
}

/** Waits until every process holds its share of the subscriptions (as /readyz counts them). */
async function subscriptionsRegistered(servers: Server[], count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  const share = (index: number) => Math.floor(count / servers.length) + (index < count % servers.length ? 1 : 0);
  for (;;) {
    const counts = await Promise.all(servers.map(async (server) => (await readiness(server.url)).liveUpdates?.subscriptions ?? 0));
    if (counts.every((held, index) => held >= share(index))) return;
    if (Date.now() > deadline)
      throw new Error(`the processes hold ${counts.join(' and ')} subscriptions, not ${servers.map((_, i) => share(i)).join(' and ')}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// The change signal, heard by this process too

/** The channel the API processes signal on (src/live/change-feed.ts's channelOf, for a PostgreSQL database). */
const channelOf = (databaseUrl: string) => `stancegraph_changes_${new URL(databaseUrl).pathname.slice(1) || 'postgres'}`;

/**
 * Listens to the signal the API processes announce each committed write on (Redis PUBLISH or
 * NOTIFY, the transport of the run): when it arrives here, every API process is being told too.
 * The times it arrived (performance.now()).
 */
async function listenToSignals(transport: Transport, databaseUrl: string, redisUrl: string | null): Promise<{ heard: number[]; close(): Promise<void> }> {
  const heard: number[] = [];
  const channel = channelOf(databaseUrl);
  if (transport === 'redis') {
    const redis = new Redis(redisUrl!, { maxRetriesPerRequest: 0 });
    redis.on('message', () => heard.push(performance.now()));
    await redis.subscribe(channel);
    return { heard, close: async () => redis.disconnect() };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('notification', () => heard.push(performance.now()));
  await client.connect();
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  return { heard, close: () => client.end() };
}

// ---------------------------------------------------------------------------------------------
// One run

interface Write {
  id: string | null;
  sentAt: number;
  answeredAt: number;
}

async function run(databaseUrl: string, key: string, transport: Transport, options: Options): Promise<Record<string, unknown>> {
  const redisUrl = transport === 'redis' ? process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379' : null;
  if (redisUrl) await checkRedis(redisUrl);
  const started = performance.now();
  const servers: Server[] = [];
  let subscribers: Subscriber[] = [];
  let signals: Awaited<ReturnType<typeof listenToSignals>> | null = null;
  try {
    // One after the other: the first one migrates and seeds a new database.
    for (let i = 0; i < options.processes; i++) servers.push(await startServer(databaseUrl, redisUrl, options.cpuProfileDir));
    const writer = servers[0]!;
    const live = (await readiness(writer.url)).liveUpdates;
    if (live?.transport !== transport || live.status !== 'up')
      throw new Error(`the API reports its live updates as ${JSON.stringify(live)}, not ${transport} and up`);
    log(`${transport}: ${options.processes} API process(es) ready`);

    const found = await graphql<{ country: { id: string } | null; deployments: { nodes: Array<{ id: string }> } }>(
      writer.url,
      `
        {
          country(isoCode: "CN") {
            id
          }
          deployments(first: 1) {
            nodes {
              id
            }
          }
        }
      `,
      {},
      key,
    );
    const holderId = found.country?.id;
    const deploymentId = found.deployments.nodes[0]?.id;
    if (!holderId || !deploymentId) throw new Error('the database has no country CN or no deployment: use a database seeded by the API');

    // The articles first, unmeasured: the measured writes are positionCreate alone.
    const total = options.warmup + options.writes;
    const runId = `${transport}-${Date.now()}`;
    const quote = (n: number) => `China firmly opposes the deployment (statement ${n} of bench run ${runId}).`;
    const articles: string[] = [];
    for (let n = 0; n < total; n++) {
      const data = await graphql<Payload<'articleCreate'>>(writer.url, articleCreate, { input: { source: 'Bench', body: `${quote(n)} More follows.` } }, key);
      articles.push(created(data, 'articleCreate', 'article'));
    }
    log(`${transport}: ${total} articles created`);

    const connectStarted = performance.now();
    subscribers = await openSubscribers(servers, options.subscribers, options.filtered);
    await subscriptionsRegistered(servers, options.subscribers);
    log(`${transport}: ${options.subscribers} subscribers connected and registered in ${Math.round(performance.now() - connectStarted)} ms`);

    const write = async (n: number): Promise<Write> => {
      const sentAt = performance.now();
      const response = await fetch(writer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: positionCreate,
          variables: {
            input: { stance: 'OPPOSE', summary: quote(n), holderIds: [holderId], deploymentId, evidence: [{ articleId: articles[n], text: quote(n) }] },
          },
        }),
      });
      const answeredAt = performance.now();
      const body = (await response.json().catch(() => ({}))) as { data?: Payload<'positionCreate'> };
      const id = body.data?.positionCreate.userErrors.length === 0 ? ((body.data.positionCreate.position as { id: string } | null)?.id ?? null) : null;
      if (!id) log(`  write ${n} failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
      return { id, sentAt, answeredAt };
    };
    const deliveredOf = (ids: string[]) => subscribers.reduce((sum, s) => sum + ids.filter((id) => s.received.has(id)).length, 0);
    const waitForDeliveries = async (ids: string[], timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      while (deliveredOf(ids) < ids.length * subscribers.length && performance.now() < deadline) await sleep(50);
    };

    // Warm-up: the same writes, not counted.
    const warm: string[] = [];
    for (let n = 0; n < options.warmup; n++) {
      const done = await write(n);
      if (done.id) warm.push(done.id);
      await sleep(options.intervalMs);
    }
    await waitForDeliveries(warm, 5_000);

    signals = await listenToSignals(transport, databaseUrl, redisUrl);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const cpuBefore = servers.map((server) => treeCpuMs(server.child.pid!));
    const clientCpuBefore = process.cpuUsage();
    const loadAverage = os.loadavg()[0]!;
    loop.enable();
    const writes: Write[] = [];
    const firstAt = performance.now();
    for (let n = 0; n < options.writes; n++) {
      const due = firstAt + n * options.intervalMs;
      if (due > performance.now()) await sleep(due - performance.now());
      writes.push(await write(options.warmup + n));
    }
    const ids = writes.flatMap((w) => (w.id ? [w.id] : []));
    await waitForDeliveries(ids, 10_000);
    loop.disable();
    const cpuAfter = servers.map((server) => treeCpuMs(server.child.pid!));
    const clientCpu = process.cpuUsage(clientCpuBefore);

    // Each write's signal: the k-th heard is the k-th successful write's (one announcement per
    // committed write, in commit order; a refused write is rolled back and announces nothing; no
    // other write is made meanwhile). Heard more or fewer: none is matched, signals_heard says so.
    const succeeded = writes.filter((done) => done.id !== null);
    const heard = signals.heard;
    const signalOf = new Map<Write, number>(succeeded.length === heard.length ? succeeded.map((done, k) => [done, heard[k]!]) : []);

    // Each event against its write.
    const fromAnswer: number[] = [];
    const fromSend: number[] = [];
    const fromSignal: number[] = [];
    const lastFromSignal: number[] = [];
    const byProcess = servers.map(() => [] as number[]);
    let beforeResponse = 0;
    for (const done of writes) {
      if (!done.id) continue;
      const signal = signalOf.get(done);
      let last = -Infinity;
      for (const subscriber of subscribers) {
        const at = subscriber.received.get(done.id);
        if (at === undefined) continue;
        fromAnswer.push(at - done.answeredAt);
        fromSend.push(at - done.sentAt);
        byProcess[subscriber.process]!.push(at - done.answeredAt);
        if (at < done.answeredAt) beforeResponse++;
        if (signal !== undefined) fromSignal.push(at - signal);
        last = Math.max(last, at);
      }
      if (signal !== undefined && last > -Infinity) lastFromSignal.push(last - signal);
    }
    const heardAfterSend = [...signalOf].map(([done, at]) => at - done.sentAt);
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    if (options.traceFile) {
      // Times in ms from the first write's sending; per process: its subscribers' first, median and last receipt.
      const ms = (at: number | undefined) => (at === undefined ? null : round1(at - firstAt));
      const lines = writes.map((done, n) => {
        const receipts = servers.map((_, server) =>
          sorted(subscribers.flatMap((s) => (s.process === server && done.id && s.received.has(done.id) ? [s.received.get(done.id)!] : []))),
        );
        return JSON.stringify({
          write: n,
          sent: ms(done.sentAt),
          answered: ms(done.answeredAt),
          signal: ms(signalOf.get(done)),
          processes: receipts.map((list) => ({
            received: list.length,
            first: ms(list[0]),
            median: ms(list[Math.floor(list.length / 2)]),
            last: ms(list[list.length - 1]),
          })),
        });
      });
      writeFileSync(options.traceFile, `${lines.join('\n')}\n`);
    }
    const writeTimes = sorted(writes.map((w) => w.answeredAt - w.sentAt));
    const expected = ids.length * subscribers.length;
    const delivered = fromAnswer.length;
    const [answer, send, signal] = [sorted(fromAnswer), sorted(fromSend), sorted(fromSignal)];
    // CPU time of each API process during the measured writes (null when /proc cannot be read).
    const processCpu = servers.map((_, i) => {
      const [before, after] = [cpuBefore[i], cpuAfter[i]];
      return before === null || after === null || before === undefined || after === undefined ? null : after - before;
    });
    const serverCpu = processCpu.includes(null) ? null : processCpu.reduce((sum: number, ms) => sum + (ms ?? 0), 0);
    return {
      bench: 'live',
      transport,
      subscribers: subscribers.length,
      filtered_subscribers: subscribers.filter((s) => s.filtered).length,
      processes: servers.length,
      writes: writes.length,
      write_errors: writes.length - ids.length,
      interval_ms: options.intervalMs,
      expected,
      delivered,
      lost: expected - delivered,
      duplicates: subscribers.reduce((sum, s) => sum + s.duplicates, 0),
      event_errors: subscribers.reduce((sum, s) => sum + s.errors, 0),
      subscriptions_ended: subscribers.filter((s) => s.ended).length,
      p50_ms: percentile(answer, 50),
      p99_ms: percentile(answer, 99),
      max_ms: percentile(answer, 100),
      send_p50_ms: percentile(send, 50),
      send_p99_ms: percentile(send, 99),
      send_max_ms: percentile(send, 100),
      signal_p50_ms: percentile(signal, 50),
      signal_p99_ms: percentile(signal, 99),
      signal_max_ms: percentile(signal, 100),
      signals_heard: heard.length,
      write_p50_ms: percentile(writeTimes, 50),
      write_p99_ms: percentile(writeTimes, 99),
      signal_after_send_p50_ms: percentile(sorted(heardAfterSend), 50),
      last_event_p50_ms: percentile(sorted(lastFromSignal), 50),
      writer_process_p99_ms: percentile(sorted(byProcess[0]!), 99),
      other_processes_p99_ms: servers.length > 1 ? percentile(sorted(byProcess.slice(1).flat()), 99) : null,
      before_response: beforeResponse,
      server_cpu_ms_per_write: serverCpu === null ? null : round1(serverCpu / writes.length),
      process_cpu_ms_per_write: serverCpu === null ? null : processCpu.map((ms) => round1((ms ?? 0) / writes.length)),
      client_cpu_ms_per_write: round1((clientCpu.user + clientCpu.system) / 1000 / writes.length),
      client_loop_delay_p99_ms: round1(loop.percentile(99) / 1e6),
      load_avg_1m: Math.round(loadAverage * 100) / 100,
      cpus: os.availableParallelism(),
      duration: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await signals?.close();
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // The API runs as `npm start` runs it: the bundled build, built first.
  await buildCompiled();
  if (options.transports.includes('redis')) await checkRedis(process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379');
  const given = process.env.DATABASE_URL?.trim();
  let databaseUrl: string;
  if (given) {
    if (!/^postgres(ql)?:\/\//.test(given)) throw new Error('DATABASE_URL must be a PostgreSQL database (postgresql://…): two processes cannot share PGlite');
    databaseUrl = given;
  } else {
    await withPgClient(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${ownDatabase}`);
    });
    const url = new URL(adminUrl);
    url.pathname = `/${ownDatabase}`;
    databaseUrl = url.toString();
    log(`created database ${ownDatabase}`);
  }
  log(
    `machine: ${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    const key = createEditorKey(databaseUrl);
    for (const transport of options.transports) {
      const line = await run(databaseUrl, key, transport, options);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  } finally {
    if (!given) {
      await withPgClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`));
      log(`dropped database ${ownDatabase}`);
    }
  }
}

main().catch((error: unknown) => {
  log(`bench:live: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
