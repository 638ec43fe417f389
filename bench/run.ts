/**
 * `npm run bench`: loads a synthetic graph into the PostgreSQL database of DATABASE_URL (once per
 * scale and seed), starts stancegraph on it as `npm start` does (production mode) and a bare
 * baseline server (bench/baseline.ts), drives each query over HTTP at a fixed concurrency for a
 * fixed time against both, and prints one JSON line per query.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/stancegraph_bench npm run bench [-- options]
 *
 *   --quick            1/100 scale, 5 s per measurement (under two minutes on a fresh database)
 *   --scale <factor>   scale of the graph (default 1: 1,000,000 positions)
 *   --seed <n>         seed of the generator (default 1)
 *   --duration <s>     seconds of measurement per query and server (default 20; quick 5)
 *   --concurrency <n>  clients in flight (default 16)
 *   --only <a,b>       run only these queries
 *   --regenerate       generate the graph again even if the database holds this scale and seed
 *   --force            use a database that holds data the generator did not make (it is replaced)
 *
 * The database is the benchmark's own: its graph is replaced by the generated one. It is created
 * when it does not exist. See docs/benchmarks.md for the results and how to read them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { generate, scaled, type Scale } from './generate.ts';
import { runLoad, type LoadResult, type LoadTarget } from './load.ts';
import { benchQueries, filteredPageConditions, filteredPageOrder, type BenchQuery } from './queries.ts';
import { freePort } from '../scripts/free-port.ts';

interface Options {
  quick: boolean;
  factor: number;
  seed: number;
  durationMs: number;
  warmupMs: number;
  concurrency: number;
  only: string[] | null;
  regenerate: boolean;
  force: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    quick: false,
    factor: 1,
    seed: 1,
    durationMs: 20_000,
    warmupMs: 3_000,
    concurrency: 16,
    only: null,
    regenerate: false,
    force: false,
  };
  let durationSet = false;
  let factorSet = false;
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
    else throw new Error(`unknown option ${arg} (see the comment at the top of bench/run.ts)`);
  }
  if (options.quick) {
    if (!factorSet) options.factor = 0.01;
    if (!durationSet) options.durationMs = 5_000;
    options.warmupMs = 1_000;
  }
  return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database of `url` when it does not exist yet. */
async function ensureDatabase(url: string): Promise<void> {
  try {
    await withClient(url, async () => undefined);
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const admin = new URL(url);
    admin.pathname = '/postgres';
    await withClient(admin.toString(), (client) => client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
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

async function prepareGraph(url: string, options: Options): Promise<Scale> {
  const scale = scaled(options.factor);
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } finally {
    await db.close();
  }
  await withClient(url, async (client) => {
    const { mark, hasData } = await readMark(client);
    if (mark && isDeepStrictEqual(mark, { scale, seed: options.seed }) && !options.regenerate) {
      log(`the database already holds the graph of scale ${options.factor} and seed ${options.seed}`);
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
  return withClient(url, async (client) => {
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
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exitedEarly = true;
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
    if (await probe().catch(() => false)) return { child, url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(' ')} did not start within 60 s:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Peak resident set size of a process since the last reset, in MB (Linux). */
function peakRssMb(pid: number): number | null {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not Linux, or not allowed: the peak then covers the whole run */
  }
}

/** What the bench reads of a GraphQL response (the API's, or the baseline's copy of its JSON). */
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

/** The first path where two JSON values differ, for the report when the baseline is not equivalent. */
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

async function measure(query: BenchQuery, api: Started, baseline: Started, options: Options): Promise<Record<string, unknown>> {
  const apiBody = JSON.stringify({ query: query.graphql, variables: query.variables });
  const check = await post(api.url, apiBody);
  if (check.status !== 200 || check.json.errors)
    throw new Error(`${query.name}: the API answered ${check.status} ${(check.json.errors ? JSON.stringify(check.json.errors) : check.text).slice(0, 500)}`);
  const sqlPerRequest = check.json.extensions?.sql?.statements ?? null;
  const reference = await post(`${baseline.url}${query.name}`, '');
  if (reference.status !== 200) throw new Error(`${query.name}: the baseline answered ${reference.status} ${reference.text.slice(0, 500)}`);
  const difference = firstDifference(check.json.data, reference.json.data);
  if (difference) log(`  ${query.name}: the baseline's JSON differs from the API's at ${difference}`);

  const apiTarget: LoadTarget = {
    url: api.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: apiBody,
    failed: (status, head) => status !== 200 || head.subarray(0, 12).toString().includes('"errors"'),
  };
  const baselineTarget: LoadTarget = { url: `${baseline.url}${query.name}`, method: 'POST', headers: {}, body: '', failed: (status) => status !== 200 };
  const load = { concurrency: options.concurrency };
  const pid = api.child.pid!;

  await runLoad(apiTarget, { ...load, durationMs: options.warmupMs });
  resetPeakRss(pid);
  const loadAverage = os.loadavg()[0]!;
  const measured: LoadResult = await runLoad(apiTarget, { ...load, durationMs: options.durationMs });
  const rss = peakRssMb(pid);
  await runLoad(baselineTarget, { ...load, durationMs: options.warmupMs });
  const base: LoadResult = await runLoad(baselineTarget, { ...load, durationMs: options.durationMs });

  return {
    query: query.name,
    rps: measured.rps,
    p50_ms: measured.p50_ms,
    p99_ms: measured.p99_ms,
    sql_per_request: sqlPerRequest,
    baseline_rps: base.rps,
    baseline_p50_ms: base.p50_ms,
    baseline_p99_ms: base.p99_ms,
    ratio: Math.round((measured.rps / base.rps) * 100) / 100,
    server_peak_rss_mb: rss,
    requests: measured.requests,
    errors: measured.errors,
    baseline_errors: base.errors,
    same_json: difference === null,
    response_kb: Math.round(Buffer.byteLength(JSON.stringify(check.json.data)) / 1024),
    concurrency: options.concurrency,
    seconds: options.durationMs / 1000,
    load_avg_1m: Math.round(loadAverage * 100) / 100,
    description: query.description,
  };
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
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await ensureDatabase(url);
  const scale = await prepareGraph(url, options);
  const deep = await deepPageStart(url);
  const queries = benchQueries({ deepAfter: deep, deepRank: deep.rank, searchTerm: 'Seongju', commonSearchTerm: 'THAAD' }).filter(
    (query) => !options.only || options.only.includes(query.name),
  );

  const [apiPort, baselinePort] = [await freePort(), await freePort()];
  const apiEnv: Record<string, string> = {
    DATABASE_URL: url,
    PORT: String(apiPort),
    NODE_ENV: 'production',
    REPORT_SQL_STATEMENTS: 'true',
    // The deep traversal asks for 10 × 50 positions with their lists: over the default cost limit.
    GRAPHQL_MAX_COST: '100000',
  };
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const api = await startProcess(['--import', 'tsx', 'src/main.ts'], apiEnv, apiUrl, async () => {
    const { status } = await post(apiUrl, JSON.stringify({ query: '{ __typename }' }));
    return status === 200;
  });
  const statements = Object.fromEntries(queries.map((query) => [query.name, query.baseline]));
  const baselineUrl = `http://127.0.0.1:${baselinePort}/`;
  let baseline: Started;
  try {
    baseline = await startProcess(
      ['--import', 'tsx', 'bench/baseline.ts'],
      { DATABASE_URL: url, PORT: String(baselinePort) },
      baselineUrl,
      async () => (await fetch(`${baselineUrl}none`, { method: 'POST' })).status === 404,
      JSON.stringify(statements),
    );
  } catch (error) {
    await api.stop();
    throw error;
  }
  try {
    for (const query of queries) {
      log(`${query.name}: ${query.description}`);
      const line = await measure(query, api, baseline, options);
      process.stdout.write(`${JSON.stringify({ ...line, scale: options.factor, positions: scale.positions })}\n`);
    }
  } finally {
    await Promise.all([api.stop(), baseline.stop()]);
  }
  log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
