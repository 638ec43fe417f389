/**
 * `npm run bench`: loads a synthetic graph into the PostgreSQL database of DATABASE_URL (once per
 * scale and seed), starts three servers on it: stancegraph as `npm start` does (production mode),
 * the peer (PostGraphile 4, bench/peer.ts) and a bare baseline server (bench/baseline.ts); checks
 * that they answer the same data, then drives each query over HTTP at a fixed concurrency for a
 * fixed time against each, in interleaved rounds (API, peer, baseline; API, peer, baseline; …), and
 * prints one JSON line per query and round.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancegraph_bench npm run bench [-- options]
 *
 *   --quick            1/100 scale, 5 s per measurement (about three minutes on a fresh database)
 *   --scale <factor>   scale of the graph (default 1: 1,000,000 positions)
 *   --seed <n>         seed of the generator (default 1)
 *   --duration <s>     seconds of measurement per query, server and round (default 20; quick 5; scaling 5)
 *   --concurrency <n>  clients in flight (default 16)
 *   --rounds <n>       rounds per query (default 2)
 *   --warmup <s>       seconds each server is driven with a query, unmeasured, before that query's
 *                      first round (default 20; quick 1); 3 s before each later round (quick 1)
 *                      and before each measurement of --scaling (1 s)
 *   --only <a,b>       run only these queries
 *   --regenerate       generate the graph again even if the database holds this scale and seed
 *   --force            use a database that holds data the generator did not make (it is replaced)
 *   --scaling          instead: p50 latency of every query, one client at a time, at 10,000,
 *                      100,000 and 1,000,000 positions (the API and the baseline)
 *   --scales <a,b>     the scales of --scaling (default 0.01,0.1,1)
 *
 * The database is the benchmark's own: its graph is replaced by the generated one. It is created
 * when it does not exist. `--scaling` uses DATABASE_URL's database for scale 1 and databases named
 * after it for the others (stancegraph_bench_10k, stancegraph_bench_100k), each prepared the same
 * way. See docs/benchmarks.md for the results and how to read them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { withPgClient } from '../src/db/pg-client.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { generate, scaled, type Scale } from './generate.ts';
import { runLoad, type LoadResult, type LoadTarget } from './load.ts';
import { benchQueries, filteredPageConditions, filteredPageOrder, scalingQueries, type BenchQuery, type QueryOptions } from './queries.ts';
import { buildCompiled, npmStartArguments } from '../scripts/compiled-build.ts';
import { freePort } from '../scripts/free-port.ts';
import { peakRssMb, processTree, resetPeakRss, treeCpuMs } from './process-cpu.ts';

interface Options {
  quick: boolean;
  factor: number;
  seed: number;
  durationMs: number;
  /** Load before each measurement, unmeasured. */
  warmupMs: number;
  /** Load before a query's first measurement on each server, unmeasured (see measureRound). */
  firstWarmupMs: number;
  concurrency: number;
  only: string[] | null;
  regenerate: boolean;
  force: boolean;
  rounds: number;
  scaling: boolean;
  scales: number[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    quick: false,
    factor: 1,
    seed: 1,
    durationMs: 20_000,
    warmupMs: 3_000,
    firstWarmupMs: 20_000,
    concurrency: 16,
    only: null,
    regenerate: false,
    force: false,
    rounds: 2,
    scaling: false,
    scales: [0.01, 0.1, 1],
  };
  let durationSet = false;
  let factorSet = false;
  let warmupSet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = () => {
      const parsed = Number(value());
      if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${arg} needs a positive number`);
      return parsed;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--scale') {
      options.factor = number();
      factorSet = true;
    } else if (arg === '--seed') options.seed = Math.round(number());
    else if (arg === '--duration') {
      options.durationMs = number() * 1000;
      durationSet = true;
    } else if (arg === '--concurrency') options.concurrency = Math.round(number());
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--regenerate') options.regenerate = true;
    else if (arg === '--force') options.force = true;
    else if (arg === '--rounds') options.rounds = Math.round(number());
    else if (arg === '--warmup') {
      options.firstWarmupMs = number() * 1000;
      warmupSet = true;
    } else if (arg === '--scaling') options.scaling = true;
    else if (arg === '--scales') {
      options.scales = value()
        .split(',')
        .map((factor) => {
          const parsed = Number(factor);
          if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--scales needs positive numbers, not ${factor}`);
          return parsed;
        });
      options.scaling = true;
    } else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run.ts)`);
  }
  if (options.quick) {
    if (!factorSet) options.factor = 0.01;
    if (!durationSet) options.durationMs = 5_000;
    options.warmupMs = 1_000;
    if (!warmupSet) options.firstWarmupMs = 1_000;
  }
  if (options.scaling) {
    // One client at a time: a few seconds give hundreds of samples of all but the slowest query.
    if (!durationSet) options.durationMs = 5_000;
    options.warmupMs = 1_000;
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Creates the database of `url` when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  try {
    await withPgClient(url, async () => undefined);
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const admin = new URL(url);
    admin.pathname = '/postgres';
    await withPgClient(admin.toString(), (client) => client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
    log(`created database ${name}`);
  }
}

interface GraphMark {
  scale: Scale;
  seed: number;
}

async function readMark(client: pg.Client): Promise<{ mark: GraphMark | null; hasData: boolean }> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS stancegraph_bench`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS stancegraph_bench.graph (scale jsonb NOT NULL, seed int NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`,
  );
  const mark = (await client.query<GraphMark>(`SELECT scale, seed FROM stancegraph_bench.graph`)).rows[0] ?? null;
  const hasData = (await client.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Article") AS has`)).rows[0]!.has;
  return { mark, hasData };
}

async function prepareGraph(url: string, options: Options, factor: number): Promise<Scale> {
  const scale = scaled(factor);
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } finally {
    await db.close();
  }
  await withPgClient(url, async (client) => {
    const { mark, hasData } = await readMark(client);
    if (mark && isDeepStrictEqual(mark, { scale, seed: options.seed }) && !options.regenerate) {
      log(`the database already holds the graph of scale ${factor} and seed ${options.seed}`);
      return;
    }
    if (hasData && !mark && !options.force) {
      throw new Error(
        'DATABASE_URL names a database with data the generator did not make; the benchmark replaces the whole graph. Use a database of its own, or pass --force',
      );
    }
    log(`generating ${JSON.stringify(scale)} (seed ${options.seed}) …`);
    const started = performance.now();
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`DELETE FROM stancegraph_bench.graph`);
    await generate(async (sql) => void (await client.query(sql)), { scale, seed: options.seed, log });
    await client.query(`VACUUM ANALYZE`);
    await client.query(`INSERT INTO stancegraph_bench.graph (scale, seed) VALUES ($1, $2)`, [JSON.stringify(scale), options.seed]);
    log(`generated in ${Math.round((performance.now() - started) / 1000)} s`);
  });
  return scale;
}

/** Where the deep page starts: 100,000 elements in (page 5,001), or 90% of the way on a small graph. */
async function deepPageStart(url: string): Promise<{ key: string; id: number; rank: number }> {
  return withPgClient(url, async (client) => {
    const total = Number(
      (await client.query<{ total: string }>(`SELECT count(*) AS total FROM "Position" AS n WHERE ${filteredPageConditions}`)).rows[0]!.total,
    );
    const rank = Math.max(1, Math.min(100_000, Math.floor(total * 0.9)));
    const row = (
      await client.query<{ key: string; id: number }>(
        `SELECT COALESCE(n."statedOn", '-infinity'::date)::text AS key, n.id FROM "Position" AS n WHERE ${filteredPageConditions} ORDER BY ${filteredPageOrder} OFFSET $1 LIMIT 1`,
        [rank - 1],
      )
    ).rows[0];
    if (!row) throw new Error('the filtered page has no elements: was the graph generated?');
    log(`filtered page: ${total.toLocaleString('en')} matches; the deep page starts after element ${rank.toLocaleString('en')}`);
    return { key: row.key, id: row.id, rank };
  });
}

interface Started {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
  /** How it ended and the last of its output, once it has exited; null while it runs. */
  exit(): string | null;
}

/**
 * Starts `node <args>` and waits until `probe` answers (60 s at most). Its output is drained and
 * only the last few kilobytes are kept, for the error message if it fails to start.
 */
async function startProcess(args: string[], env: Record<string, string>, url: string, probe: () => Promise<boolean>, stdin?: string): Promise<Started> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitedEarly = false;
  let ending = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedEarly = true;
      ending = `exited (${signal ?? `code ${code}`})`;
      resolve();
    }),
  );
  child.stdin.end(stdin ?? '');
  const stop = async () => {
    if (!exitedEarly) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitedEarly) throw new Error(`${args.join(' ')} exited before serving:\n${tail}`);
    if (await probe().catch(() => false)) return { child, url, stop, exit: () => (exitedEarly ? `${ending}:\n${tail}` : null) };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not start within 60 s:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---------------------------------------------------------------------------------------------
// What a server costs (bench/process-cpu.ts): the load generator runs in this process and is not
// counted; nor is PostgreSQL.

/** What the bench reads of a GraphQL response (the API's, the peer's, or the baseline's copy of the API's JSON). */
interface GraphQLResponse {
  data?: unknown;
  errors?: unknown;
  extensions?: { sql?: { statements?: number } };
}

/** Posts `body`; `json` is the answer parsed, or `{}` when it is not JSON (`text` has it as sent). */
async function post(url: string, body: string): Promise<{ status: number; json: GraphQLResponse; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as GraphQLResponse, text };
  } catch {
    return { status: response.status, json: {}, text };
  }
}

/** The first path where two JSON values differ, for the report when the baseline or the peer is not equivalent. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

// ---------------------------------------------------------------------------------------------
// The three servers, and one measurement of one of them.

interface Servers {
  api: Started;
  /** Null in the scaling run (the API and its baseline only), and when no query of the run has a peer. */
  peer: Started | null;
  baseline: Started;
}

/** Starts the API, the peer (unless `withPeer` is false) and the baseline on `url`; stops them all if one fails. */
async function startServers(url: string, queries: BenchQuery[], withPeer: boolean): Promise<Servers> {
  const started: Started[] = [];
  try {
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const apiEnv: Record<string, string> = {
      DATABASE_URL: url,
      PORT: String(apiPort),
      NODE_ENV: 'production',
      REPORT_SQL_STATEMENTS: 'true',
      // The deep traversal asks for 10 × 50 positions with their lists: over the default cost limit.
      GRAPHQL_MAX_COST: '100000',
      // One API process per core (node:cluster), as the README advises on a PostgreSQL server, unless
      // the bench is run with WEB_CONCURRENCY; the CPU and memory columns sum the process tree.
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY?.trim() || String(os.availableParallelism()),
    };
    const graphqlProbe = (target: string) => async () => (await post(target, JSON.stringify({ query: '{ __typename }' }))).status === 200;
    const api = await startProcess(npmStartArguments(), apiEnv, apiUrl, graphqlProbe(apiUrl));
    started.push(api);

    let peer: Started | null = null;
    if (withPeer) {
      const peerPort = await freePort();
      const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
      peer = await startProcess(
        ['--import', 'tsx', 'bench/peer.ts'],
        { DATABASE_URL: url, PORT: String(peerPort), NODE_ENV: 'production' },
        peerUrl,
        graphqlProbe(peerUrl),
      );
      started.push(peer);
    }

    const baselinePort = await freePort();
    const statements = Object.fromEntries(queries.map((query) => [query.name, query.baseline]));
    const baselineUrl = `http://127.0.0.1:${baselinePort}/`;
    const baseline = await startProcess(
      ['--import', 'tsx', 'bench/baseline.ts'],
      { DATABASE_URL: url, PORT: String(baselinePort) },
      baselineUrl,
      async () => (await fetch(`${baselineUrl}none`, { method: 'POST' })).status === 404,
      JSON.stringify(statements),
    );
    return { api, peer, baseline };
  } catch (error) {
    await Promise.all(started.map((server) => server.stop()));
    throw error;
  }
}

async function stopServers(servers: Servers): Promise<void> {
  await Promise.all([servers.api.stop(), servers.peer?.stop(), servers.baseline.stop()]);
}

/** A GraphQL server's load target: failed when not 200 or when the answer starts with errors. */
function graphqlTarget(url: string, body: string): LoadTarget {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    failed: (status, head) => status !== 200 || head.subarray(0, 12).toString().includes('"errors"'),
  };
}

interface Measurement {
  /** The unmeasured load before the window. */
  warmup: LoadResult;
  load: LoadResult;
  cpuMsPerRequest: number | null;
  peakRssMb: number | null;
  /** How many processes run the server's program (the root and its cluster workers). */
  processes: number;
}

/**
 * Warms `server` up for `warmupMs`, then drives it for the measured window, reading its process
 * tree's CPU time just before and after the window and its peak RSS (reset before it) just after.
 */
async function drive(server: Started, target: LoadTarget, options: Options, concurrency: number, warmupMs: number): Promise<Measurement> {
  const pid = server.child.pid!;
  const warmup = await runLoad(target, { concurrency, durationMs: warmupMs });
  for (const { pid: member } of processTree(pid)) resetPeakRss(member);
  const cpuBefore = treeCpuMs(pid);
  const load = await runLoad(target, { concurrency, durationMs: options.durationMs });
  const exit = server.exit();
  // Its requests all failed at once: say why rather than print a line of errors.
  if (exit) throw new Error(`${server.child.spawnargs.slice(-1)[0]} ${exit}`);
  const cpuAfter = treeCpuMs(pid);
  const tree = processTree(pid);
  const peaks = tree.map(({ pid: member }) => peakRssMb(member)).filter((mb): mb is number => mb !== null);
  return {
    warmup,
    load,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || load.requests === 0 ? null : Math.round(((cpuAfter - cpuBefore) / load.requests) * 100) / 100,
    peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
    // The server's own processes: those running its program. tsx starts an esbuild service beside
    // a process that has files to compile (a first run after a change): in the CPU and memory
    // figures, but not a server process.
    processes: tree.filter((member) => member.command === tree[0]?.command).length,
  };
}

// ---------------------------------------------------------------------------------------------
// The main run: each query checked on the three servers, then measured in interleaved rounds.

interface Checked {
  apiBody: string;
  sqlPerRequest: number | null;
  sameJson: boolean;
  responseKb: number;
  /** The peer's request body; null when the query has no peer. */
  peerBody: string | null;
  peerSameData: boolean | null;
  peerResponseKb: number | null;
}

const kb = (data: unknown) => Math.round(Buffer.byteLength(JSON.stringify(data)) / 1024);

/**
 * Asks each server once: the API must answer without errors; the baseline's JSON must be the API's
 * (same_json); the peer's data, normalized, must be the API's (peer_same_data). A difference is
 * logged at its first path and reported, not fatal: the measurement still says what it cost.
 */
async function check(query: BenchQuery, servers: Servers): Promise<Checked> {
  const apiBody = JSON.stringify({ query: query.graphql, variables: query.variables });
  const answer = await post(servers.api.url, apiBody);
  if (answer.status !== 200 || answer.json.errors)
    throw new Error(
      `${query.name}: the API answered ${answer.status} ${(answer.json.errors ? JSON.stringify(answer.json.errors) : answer.text).slice(0, 500)}`,
    );
  const reference = await post(`${servers.baseline.url}${query.name}`, '');
  if (reference.status !== 200) throw new Error(`${query.name}: the baseline answered ${reference.status} ${reference.text.slice(0, 500)}`);
  const difference = firstDifference(answer.json.data, reference.json.data);
  if (difference) log(`  ${query.name}: the baseline's JSON differs from the API's at ${difference}`);

  let peerBody: string | null = null;
  let peerSameData: boolean | null = null;
  let peerResponseKb: number | null = null;
  if (query.peer && servers.peer) {
    peerBody = JSON.stringify({ query: query.peer.graphql, variables: query.peer.variables });
    const peerAnswer = await post(servers.peer.url, peerBody);
    if (peerAnswer.status !== 200 || peerAnswer.json.errors)
      throw new Error(
        `${query.name}: the peer answered ${peerAnswer.status} ${(peerAnswer.json.errors ? JSON.stringify(peerAnswer.json.errors) : peerAnswer.text).slice(0, 500)}`,
      );
    const compared = query.peer.api ? query.peer.api(answer.json.data) : answer.json.data;
    const peerDifference = firstDifference(compared, query.peer.normalize(peerAnswer.json.data));
    if (peerDifference) log(`  ${query.name}: the peer's data differs from the API's at ${peerDifference}`);
    peerSameData = peerDifference === null;
    peerResponseKb = kb(peerAnswer.json.data);
  }
  return {
    apiBody,
    sqlPerRequest: answer.json.extensions?.sql?.statements ?? null,
    sameJson: difference === null,
    responseKb: kb(answer.json.data),
    peerBody,
    peerSameData,
    peerResponseKb,
  };
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** One round of one query: the API, the peer (if it answers the query), the baseline, one after the other. */
async function measureRound(query: BenchQuery, checked: Checked, servers: Servers, options: Options, round: number): Promise<Record<string, unknown>> {
  const loadAverage = os.loadavg()[0]!;
  // A query's first measurement on each server warms up longer: V8 optimizes the code a new query
  // runs over its first tens of seconds of load, not its first few requests. One API process under
  // the filtered page, 10 s windows from its start: ~1,000 functions optimized in the first, 188 in
  // the second, 26 in the third, and its CPU per request 2.37, 1.41, 1.36 ms (docs/benchmarks.md,
  // "Warm-up"). With 3 s, a query's first round measured that compilation as the API's cost.
  const warmupMs = round === 1 ? options.firstWarmupMs : options.warmupMs;
  const api = await drive(servers.api, graphqlTarget(servers.api.url, checked.apiBody), options, options.concurrency, warmupMs);
  const peer =
    servers.peer && checked.peerBody !== null
      ? await drive(servers.peer, graphqlTarget(servers.peer.url, checked.peerBody), options, options.concurrency, warmupMs)
      : null;
  const baselineTarget: LoadTarget = { url: `${servers.baseline.url}${query.name}`, method: 'POST', headers: {}, body: '', failed: (status) => status !== 200 };
  const base = await drive(servers.baseline, baselineTarget, options, options.concurrency, warmupMs);

  return {
    query: query.name,
    round,
    rps: api.load.rps,
    p50_ms: api.load.p50_ms,
    p99_ms: api.load.p99_ms,
    sql_per_request: checked.sqlPerRequest,
    peer_rps: peer?.load.rps ?? null,
    peer_p50_ms: peer?.load.p50_ms ?? null,
    peer_p99_ms: peer?.load.p99_ms ?? null,
    baseline_rps: base.load.rps,
    baseline_p50_ms: base.load.p50_ms,
    baseline_p99_ms: base.load.p99_ms,
    ratio: ratio(api.load.rps, base.load.rps),
    ratio_to_peer: peer ? ratio(api.load.rps, peer.load.rps) : null,
    api_cpu_ms_per_request: api.cpuMsPerRequest,
    peer_cpu_ms_per_request: peer?.cpuMsPerRequest ?? null,
    baseline_cpu_ms_per_request: base.cpuMsPerRequest,
    server_peak_rss_mb: api.peakRssMb,
    server_processes: api.processes,
    peer_peak_rss_mb: peer?.peakRssMb ?? null,
    requests: api.load.requests,
    errors: api.load.errors,
    peer_requests: peer?.load.requests ?? null,
    peer_errors: peer?.load.errors ?? null,
    baseline_requests: base.load.requests,
    baseline_errors: base.load.errors,
    same_json: checked.sameJson,
    peer_same_data: checked.peerSameData,
    response_kb: checked.responseKb,
    peer_response_kb: checked.peerResponseKb,
    warmup_rps: api.warmup.rps,
    peer_warmup_rps: peer?.warmup.rps ?? null,
    baseline_warmup_rps: base.warmup.rps,
    concurrency: options.concurrency,
    seconds: options.durationMs / 1000,
    warmup_seconds: warmupMs / 1000,
    load_avg_1m: Math.round(loadAverage * 100) / 100,
    description: query.description,
  };
}

/** The queries' parameters on the graph of `url`: where the deep page starts, the search terms. */
async function queryOptions(url: string): Promise<QueryOptions> {
  const deep = await deepPageStart(url);
  return { deepAfter: deep, deepRank: deep.rank, searchTerm: 'Seongju', commonSearchTerm: 'THAAD' };
}

async function runMain(url: string, options: Options): Promise<void> {
  await ensureDatabase(url);
  const scale = await prepareGraph(url, options, options.factor);
  const queries = benchQueries(await queryOptions(url)).filter((query) => !options.only || options.only.includes(query.name));
  // The peer only when one of the queries asks it something (`--only search` needs none).
  const servers = await startServers(
    url,
    queries,
    queries.some((query) => query.peer !== null),
  );
  try {
    for (const query of queries) {
      log(`${query.name}: ${query.description}${query.peer ? '' : ' (no peer)'}`);
      const checked = await check(query, servers);
      for (let round = 1; round <= options.rounds; round++) {
        const line = await measureRound(query, checked, servers, options, round);
        process.stdout.write(`${JSON.stringify({ ...line, scale: options.factor, positions: scale.positions })}\n`);
      }
    }
  } finally {
    await stopServers(servers);
  }
}

// ---------------------------------------------------------------------------------------------
// The scaling run: how each query's latency grows with the graph, one request at a time.

/** The database of a scale other than 1: DATABASE_URL's, with its name suffixed by the positions (_10k, _100k). */
function scaleDatabaseUrl(url: string, factor: number): string {
  if (factor === 1) return url;
  const positions = scaled(factor).positions;
  const label = positions % 1_000_000 === 0 ? `${positions / 1_000_000}m` : positions % 1000 === 0 ? `${positions / 1000}k` : String(positions);
  const scaleUrl = new URL(url);
  scaleUrl.pathname = `/${encodeURIComponent(`${decodeURIComponent(scaleUrl.pathname.slice(1))}_${label}`)}`;
  return scaleUrl.toString();
}

async function runScaling(url: string, options: Options): Promise<void> {
  for (const factor of options.scales) {
    const scaleUrl = scaleDatabaseUrl(url, factor);
    log(`scale ${factor}: ${decodeURIComponent(new URL(scaleUrl).pathname.slice(1))}`);
    await ensureDatabase(scaleUrl);
    const scale = await prepareGraph(scaleUrl, options, factor);
    const queries = scalingQueries(await queryOptions(scaleUrl)).filter((query) => !options.only || options.only.includes(query.name));
    const servers = await startServers(scaleUrl, queries, false);
    try {
      for (const query of queries) {
        log(`  ${query.name}`);
        const checked = await check(query, servers);
        const loadAverage = os.loadavg()[0]!;
        const api = await drive(servers.api, graphqlTarget(servers.api.url, checked.apiBody), options, 1, options.warmupMs);
        const baselineTarget: LoadTarget = {
          url: `${servers.baseline.url}${query.name}`,
          method: 'POST',
          headers: {},
          body: '',
          failed: (status) => status !== 200,
        };
        const base = await drive(servers.baseline, baselineTarget, options, 1, options.warmupMs);
        const line = {
          scale: factor,
          positions: scale.positions,
          query: query.name,
          p50_ms: api.load.p50_ms,
          baseline_p50_ms: base.load.p50_ms,
          p99_ms: api.load.p99_ms,
          baseline_p99_ms: base.load.p99_ms,
          requests: api.load.requests,
          baseline_requests: base.load.requests,
          errors: api.load.errors,
          baseline_errors: base.load.errors,
          sql_per_request: checked.sqlPerRequest,
          same_json: checked.sameJson,
          api_cpu_ms_per_request: api.cpuMsPerRequest,
          baseline_cpu_ms_per_request: base.cpuMsPerRequest,
          seconds: options.durationMs / 1000,
          load_avg_1m: Math.round(loadAverage * 100) / 100,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    } finally {
      await stopServers(servers);
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      "set DATABASE_URL to a PostgreSQL database of the benchmark's own, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancegraph_bench npm run bench -- --quick",
    );
  }
  const started = performance.now();
  // The API runs as `npm start` runs it: the bundled build, built first.
  await buildCompiled();
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (options.scaling) await runScaling(url, options);
  else await runMain(url, options);
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
