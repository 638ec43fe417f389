/**
 * `npm run soak -- [--minutes N] [--faults] [--seed N] [--concurrency N] [--keep]`: mixed reads,
 * curation mutations and article imports from concurrent clients against a stancegraph server this
 * command starts (a child process) on a PostgreSQL server; then every invariant of the graph is
 * checked in SQL on the database itself. One JSON line on stdout; progress on stderr; exit code 1
 * when an invariant is broken or an acknowledged write is lost (docs/soak.md).
 *
 * Database: DATABASE_URL when set (the soak adds to what it holds), otherwise a new database on
 * postgresql://postgres@127.0.0.1:5432, dropped at the end (kept with --keep, to look into it).
 * The server reaches the database through a TCP proxy on 127.0.0.1 (scripts/soak/proxy.ts).
 *
 * --faults: the database is cut off now and then (every proxied connection destroyed, new ones
 * refused for 2–5 s), some requests are cancelled by their client after a short random delay, and
 * the server is sent SIGTERM and started again while the clients go on.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeGlobalId } from '../src/data/global-id.ts';
import { withPgClient } from '../src/db/pg-client.ts';
import { seededRandom } from './seeded-random.ts';
import { generateApiKey } from '../src/data/api-keys.ts';
import { checkInvariants, countByKind, type Ledger, type SentImport, type Sql, type TrackedRow, type Violation } from './soak/invariants.ts';
import { startTcpProxy, type TcpProxy } from './soak/proxy.ts';
import { freePort } from './free-port.ts';
import { ServerProcess } from './soak/server-process.ts';
import { buildCompiled } from './compiled-build.ts';
import { articleBody, between, importDocument, importMutation, mutations, nodeQuery, pick, randomStatus, reads, type Rng } from './soak/workload.ts';

const usage = 'usage: npm run soak -- [--minutes N] [--faults] [--seed N] [--concurrency N] [--keep]';
const log = (line: string) => process.stderr.write(`soak: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sleeps `ms`, or until the deadline if that comes first. */
const sleepUntil = (ms: number, deadline: number) => sleep(Math.max(0, Math.min(ms, deadline - Date.now())));

interface Settings {
  minutes: number;
  concurrency: number;
  seed: number;
  faults: boolean;
  keep: boolean;
}

function parseSettings(): Settings {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      faults: { type: 'boolean' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.error(usage);
    process.exit(0);
  }
  const number = (name: string, raw: string | undefined, fallback: number, integer: boolean) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    minutes: number('minutes', values.minutes, 2, false),
    concurrency: number('concurrency', values.concurrency, 32, true),
    seed: number('seed', values.seed, Math.floor(Math.random() * 1_000_000) + 1, true),
    faults: values.faults ?? false,
    keep: values.keep ?? false,
  };
}

// ---- The database ----

const defaultServer = 'postgresql://postgres@127.0.0.1:5432/postgres';

interface SoakDatabase {
  url: string;
  name: string;
  created: boolean;
}

async function prepareDatabase(seed: number): Promise<SoakDatabase> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { url: given, name: decodeURIComponent(new URL(given).pathname.slice(1)), created: false };
  const name = `stancegraph_soak_${seed}_${process.pid}`;
  await withPgClient(defaultServer, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(defaultServer);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, created: true };
}

async function dropDatabase(db: SoakDatabase): Promise<void> {
  await withPgClient(defaultServer, (client) => client.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`));
}

/** The same database, reached through the proxy. */
function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

// ---- Statistics ----

class Stats {
  requests = 0;
  readonly byOperation: Record<string, number> = {};
  readonly byStatus: Record<string, number> = {};
  readonly byErrorCode: Record<string, number> = {};
  readonly byUserErrorCode: Record<string, number> = {};
  readonly latencies: number[] = [];
  readonly faults: Record<string, number> = {};
  acknowledgedWrites = 0;
  acknowledgedImports = 0;
  readonly online: Violation[] = [];

  count(table: Record<string, number>, key: string, n = 1): void {
    table[key] = (table[key] ?? 0) + n;
  }

  percentile(p: number): number | null {
    if (this.latencies.length === 0) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
  }
}

// ---- Requests ----

interface Answer {
  /** HTTP status as text, or what ended the request without one (cancelled, client_timeout, network:<code>). */
  status: string;
  body?: { data?: Record<string, AnswerField | null> | null; errors?: { extensions?: { code?: string } }[] };
  retryAfterS?: number;
}

/** What the soak reads of a field of an answer's data: a mutation's payload, or a node. */
interface AnswerField {
  userErrors?: { code: string }[];
  deletedDeploymentId?: string | null;
  /** The object a mutation's payload returns (`article`, `position`, ...). */
  [object: string]: unknown;
}

/** What the soak reads of the object an acknowledged mutation returns. */
interface Returned {
  id: string;
  /** A position's evidence. */
  evidence?: { id: string; text: string }[];
}

const clientTimeoutMs = 60_000;

class Api {
  constructor(
    private readonly server: ServerProcess,
    private readonly stats: Stats,
    private readonly settings: Settings,
    private readonly key: string,
  ) {}

  /**
   * Sends one operation; with faults, cancels it after a random delay with probability
   * `cancelChance`. Counts the answer, its error codes and userErrors codes.
   */
  async send(
    kind: 'read' | 'write' | 'import',
    query: string,
    variables: Record<string, unknown> | undefined,
    rng: Rng,
    cancel: { chance: number; maxDelayMs: number },
  ): Promise<Answer> {
    this.stats.requests++;
    this.stats.count(this.stats.byOperation, kind);
    const controller = new AbortController();
    let cancelled = false;
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [setTimeout(() => ((timedOut = true), controller.abort()), clientTimeoutMs)];
    if (this.settings.faults && rng() < cancel.chance) {
      timers.push(setTimeout(() => ((cancelled = true), controller.abort()), between(rng, 0, cancel.maxDelayMs)));
    }
    const sent = performance.now();
    let answer: Answer;
    try {
      const response = await fetch(this.server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(kind === 'read' ? {} : { authorization: `Bearer ${this.key}` }),
        },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
      const text = await response.text();
      this.stats.latencies.push(performance.now() - sent);
      let body: Answer['body'];
      try {
        body = JSON.parse(text) as Answer['body'];
      } catch {
        body = undefined;
      }
      answer = { status: String(response.status), body, retryAfterS: Number(response.headers.get('retry-after')) || undefined };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; name?: string } }).cause;
      answer = { status: cancelled ? 'cancelled' : timedOut ? 'client_timeout' : `network:${cause?.code ?? cause?.name ?? (error as Error).name}` };
    } finally {
      for (const timer of timers) clearTimeout(timer);
    }
    if (cancelled) this.stats.count(this.stats.faults, 'request_cancelled');
    this.stats.count(this.stats.byStatus, answer.status);
    for (const e of answer.body?.errors ?? []) this.stats.count(this.stats.byErrorCode, e.extensions?.code ?? 'none');
    for (const payload of Object.values(answer.body?.data ?? {})) {
      for (const u of payload?.userErrors ?? []) this.stats.count(this.stats.byUserErrorCode, u.code);
    }
    // As a well-behaved client would: wait a moment when the server is away or says it is unavailable.
    if (answer.status === '503' || answer.status.startsWith('network:')) await sleep(Math.min(2_000, (answer.retryAfterS ?? 0.25) * 1000));
    return answer;
  }
}

/** The object an acknowledged mutation returns (HTTP 200, the payload's object, no userErrors), else null. */
function acknowledged(answer: Answer, field: string, object: string): Returned | null {
  if (answer.status !== '200' || answer.body?.errors?.length) return null;
  const payload = answer.body?.data?.[field];
  if (!payload || payload.userErrors?.length || !payload[object]) return null;
  return payload[object] as Returned;
}

// Global IDs decode for the node types a process has loaded: load every model, as the server does.
for (const file of readdirSync(new URL('../src/data/models/', import.meta.url))) await import(new URL(`../src/data/models/${file}`, import.meta.url).href);
const rowId = (globalId: string) => decodeGlobalId(globalId).rowId;

// ---- Clients ----

interface OwnArticle {
  id: string;
  quotes: string[];
  unused: number[];
}

/**
 * One client: a closed loop of reads (60%), writes (28%) and imports (12%) until the deadline.
 * It writes only rows it created itself, so that what it was told is what it can expect.
 */
class Client {
  private readonly rng: Rng;
  private n = 0;
  private readonly articles: OwnArticle[] = [];
  private readonly deployments: TrackedRow[] = [];
  private readonly positions: { id: string; articleIndex: number }[] = [];

  constructor(
    private readonly index: number,
    private readonly runId: string,
    private readonly api: Api,
    private readonly stats: Stats,
    private readonly ledger: Ledger & { byKey: Map<string, TrackedRow> },
    private readonly countryIds: string[],
    seed: number,
  ) {
    this.rng = seededRandom(seed * 1000 + index);
  }

  private mark(): string {
    return `${this.runId}-${this.index}-${++this.n}`;
  }

  private track(type: TrackedRow['type'], id: number, expect: TrackedRow['expect']): TrackedRow {
    const row: TrackedRow = { type, id, expect, acknowledgedUpdates: 0, deleteSent: false, deleteAcknowledged: false };
    this.ledger.rows.push(row);
    this.ledger.byKey.set(`${type}:${id}`, row);
    return row;
  }

  async run(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      const r = this.rng();
      if (r < 0.6) await this.read();
      else if (r < 0.88) await this.write();
      else await this.import();
    }
  }

  private async read(): Promise<void> {
    const own = this.ledger.rows.filter((row) => !row.deleteSent);
    if (own.length > 0 && this.rng() < 0.15) {
      const row = pick(this.rng, own);
      const id = Buffer.from(`${row.type}:${row.id}`).toString('base64');
      const answer = await this.api.send('read', nodeQuery, { id }, this.rng, { chance: 0.03, maxDelayMs: 300 });
      if (answer.status === '200' && !answer.body?.errors?.length && answer.body?.data && answer.body.data.node === null && !row.deleteSent) {
        this.stats.online.push({ kind: 'read_missing_acknowledged', type: row.type, id: row.id });
      }
      return;
    }
    const op = pick(this.rng, reads);
    await this.api.send('read', op.query, op.variables?.(this.rng), this.rng, { chance: 0.03, maxDelayMs: 300 });
  }

  private async write(): Promise<void> {
    const cancel = { chance: 0.05, maxDelayMs: 400 };
    const r = this.rng();
    const live = this.deployments.filter((d) => !d.deleteSent);
    const withQuotes = this.articles.filter((a) => a.unused.length > 0);
    if (this.articles.length === 0 || withQuotes.length === 0 || r < 0.12) {
      const mark = this.mark();
      const { body, quotes } = articleBody(this.rng, mark, 8);
      const url = `https://soak.example/create/${mark}`;
      const answer = await this.api.send(
        'write',
        mutations.articleCreate,
        { input: { source: 'Soak', headline: `Soak created ${mark}`, url, body } },
        this.rng,
        cancel,
      );
      const article = acknowledged(answer, 'articleCreate', 'article');
      if (article) {
        this.stats.acknowledgedWrites++;
        this.articles.push({ id: article.id, quotes, unused: quotes.map((_, i) => i) });
        this.track('Article', rowId(article.id), { url: [url] });
      }
    } else if (live.length === 0 || r < 0.3) {
      const mark = this.mark();
      const status = randomStatus(this.rng);
      const name = `Soak deployment ${mark}`;
      const answer = await this.api.send('write', mutations.deploymentCreate, { input: { name, status, system: `SOAK-${mark}` } }, this.rng, cancel);
      const deployment = acknowledged(answer, 'deploymentCreate', 'deployment');
      if (deployment) {
        this.stats.acknowledgedWrites++;
        this.deployments.push(this.track('Deployment', rowId(deployment.id), { name: [name], status: [status], location: [null] }));
      }
    } else if (r < 0.5) {
      const row = pick(this.rng, live);
      const status = randomStatus(this.rng);
      const location = `Soak location ${this.mark()}`;
      const input = { id: Buffer.from(`Deployment:${row.id}`).toString('base64'), status, location };
      const answer = await this.api.send('write', mutations.deploymentUpdate, { input }, this.rng, cancel);
      if (acknowledged(answer, 'deploymentUpdate', 'deployment')) {
        this.stats.acknowledgedWrites++;
        row.acknowledgedUpdates++;
        // The values of updates that got no answer stay possible: one may commit after this one.
        row.expect.status = [status, ...row.expect.status!.slice(1)];
        row.expect.location = [location, ...row.expect.location!.slice(1)];
      } else if (!answered(answer, 'deploymentUpdate')) {
        row.expect.status!.push(status);
        row.expect.location!.push(location);
      }
    } else if (r < 0.57) {
      const row = pick(this.rng, live);
      row.deleteSent = true;
      const answer = await this.api.send(
        'write',
        mutations.deploymentDelete,
        { input: { id: Buffer.from(`Deployment:${row.id}`).toString('base64') } },
        this.rng,
        cancel,
      );
      if (answer.status === '200' && answer.body?.data?.deploymentDelete?.deletedDeploymentId && !answer.body.data.deploymentDelete.userErrors?.length) {
        this.stats.acknowledgedWrites++;
        row.deleteAcknowledged = true;
      } else if (answered(answer, 'deploymentDelete')) {
        row.deleteSent = false;
      }
    } else if (this.positions.length === 0 || r < 0.8) {
      const articleIndex = this.articles.indexOf(pick(this.rng, withQuotes));
      const article = this.articles[articleIndex]!;
      const text = article.quotes[article.unused.shift()!]!;
      const summary = `Soak position ${this.mark()}`;
      const input = {
        stance: 'CONCERN',
        summary,
        topic: `soak topic ${summary}`,
        holderIds: [pick(this.rng, this.countryIds)],
        evidence: [{ articleId: article.id, text }],
      };
      const answer = await this.api.send('write', mutations.positionCreate, { input }, this.rng, cancel);
      const created = acknowledged(answer, 'positionCreate', 'position');
      if (created) {
        this.stats.acknowledgedWrites++;
        this.positions.push({ id: created.id, articleIndex });
        this.track('Position', rowId(created.id), { summary: [summary] });
        for (const e of created.evidence!) this.track('Evidence', rowId(e.id), { text: [e.text] });
      }
    } else {
      const position = pick(this.rng, this.positions);
      const article = pick(this.rng, withQuotes);
      const text = article.quotes[article.unused.shift()!]!;
      const answer = await this.api.send(
        'write',
        mutations.evidenceCreate,
        { input: { positionId: position.id, articleId: article.id, text } },
        this.rng,
        cancel,
      );
      const evidence = acknowledged(answer, 'evidenceCreate', 'evidence');
      if (evidence) {
        this.stats.acknowledgedWrites++;
        this.track('Evidence', rowId(evidence.id), { text: [text] });
      }
    }
  }

  private async import(): Promise<void> {
    // Some long articles: their transactions hold the write lock for seconds, as a real backlog would.
    const large = this.rng() < 0.15;
    const doc = importDocument(this.rng, `import/${this.mark()}`, large ? between(this.rng, 150, 300) : between(this.rng, 2, 8));
    const sent: SentImport = { url: doc.url, acknowledged: false, articleId: null, positions: doc.positions };
    this.ledger.imports.push(sent);
    const answer = await this.api.send('import', importMutation, { input: doc.input }, this.rng, { chance: 0.1, maxDelayMs: large ? 4000 : 800 });
    const article = acknowledged(answer, 'articleImport', 'article');
    if (article) {
      this.stats.acknowledgedImports++;
      sent.acknowledged = true;
      sent.articleId = rowId(article.id);
    }
  }
}

/** Whether the server answered the mutation (with its payload or with userErrors): it did or did not commit, and we know which. */
function answered(answer: Answer, field: string): boolean {
  return answer.status === '200' && !answer.body?.errors?.length && Boolean(answer.body?.data?.[field]);
}

// ---- Faults ----

async function cutDatabase(proxy: TcpProxy, stats: Stats, rng: Rng, deadline: number): Promise<void> {
  await sleepUntil(between(rng, 4_000, 8_000), deadline);
  while (Date.now() < deadline) {
    const ms = between(rng, 2_000, 5_000);
    log(`fault: database cut off for ${ms} ms (${proxy.open} connections destroyed)`);
    stats.count(stats.faults, 'database_cut');
    await proxy.cut(ms);
    await sleepUntil(between(rng, 10_000, 20_000), deadline);
  }
}

async function restartServer(server: ServerProcess, stats: Stats, rng: Rng, deadline: number, shutdownGraceMs: number): Promise<void> {
  await sleepUntil(between(rng, 20_000, 35_000), deadline);
  while (Date.now() < deadline) {
    log('fault: SIGTERM to the server; starting it again once it has stopped');
    stats.count(stats.faults, 'server_sigterm');
    if ((await server.stop(shutdownGraceMs + 10_000)) === 'killed') stats.count(stats.faults, 'server_killed_after_grace');
    await startUntilServing(server, stats);
    await sleepUntil(between(rng, 25_000, 40_000), deadline);
  }
}

/** Starts the server, again and again while it fails (the database may be cut off just then). */
async function startUntilServing(server: ServerProcess, stats: Stats): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      stats.count(stats.faults, 'server_start_failed');
      log(`the server did not start (${(error as Error).message}); trying again`);
      await sleep(1_000);
    }
  }
}

// ---- Main ----

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = parseSettings();
  } catch (error) {
    console.error(`soak: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const runId = `${settings.seed.toString(36)}${Date.now().toString(36)}`;
  // The server runs as `npm start` runs it: the bundled build, built first.
  await buildCompiled();
  const db = await prepareDatabase(settings.seed);
  log(`database ${db.name}${db.created ? ' (created for this run)' : ' (DATABASE_URL)'}`);
  const upstream = new URL(db.url);
  const proxy = await startTcpProxy({ host: upstream.hostname || '127.0.0.1', port: Number(upstream.port || 5432) });
  const logDir = mkdtempSync(path.join(tmpdir(), 'stancegraph-soak-'));
  const serverLog = path.join(logDir, 'server.log');
  const shutdownGraceMs = 15_000;
  const server = new ServerProcess(await freePort(), { DATABASE_URL: throughProxy(db.url, proxy), SHUTDOWN_GRACE_MS: String(shutdownGraceMs) }, serverLog);
  const stats = new Stats();
  const ledger: Ledger & { byKey: Map<string, TrackedRow> } = { actors: [], imports: [], rows: [], byKey: new Map() };
  let report: Awaited<ReturnType<typeof checkInvariants>> | undefined;
  let idle: Violation[] = [];
  const started = Date.now();
  try {
    log(`starting the server (log: ${serverLog})`);
    await server.start();
    const key = generateApiKey();
    const keyName = `soak-${runId}`;
    ledger.actors.push(keyName);
    await withPgClient(db.url, (client) =>
      client.query(`INSERT INTO "ApiKey" (name, role, prefix, "keyHash", "createdBy") VALUES ($1, 'EDITOR', $2, $3, 'soak')`, [
        keyName,
        key.prefix,
        key.keyHash,
      ]),
    );
    const countryIds = await withPgClient(db.url, async (client) =>
      (await client.query<{ id: number }>(`SELECT id FROM "Country" ORDER BY id`)).rows.map((r) => Buffer.from(`Country:${r.id}`).toString('base64')),
    );
    const api = new Api(server, stats, settings, key.key);
    const deadline = Date.now() + settings.minutes * 60_000;
    log(`${settings.concurrency} clients for ${settings.minutes} min, seed ${settings.seed}${settings.faults ? ', with faults' : ''}`);
    const faultRng = seededRandom(settings.seed);
    const work: Promise<void>[] = Array.from({ length: settings.concurrency }, (_, i) =>
      new Client(i, runId, api, stats, ledger, countryIds, settings.seed).run(deadline),
    );
    if (settings.faults) {
      work.push(cutDatabase(proxy, stats, faultRng, deadline));
      work.push(restartServer(server, stats, faultRng, deadline, shutdownGraceMs));
    }
    const progress = setInterval(
      () => log(`${stats.requests} requests, ${stats.acknowledgedWrites} writes and ${stats.acknowledgedImports} imports acknowledged`),
      15_000,
    );
    try {
      await Promise.all(work);
    } finally {
      clearInterval(progress);
    }
    // Nothing is in flight now: a session still inside a transaction is one a request left behind.
    await sleep(2_000);
    idle = (
      await withPgClient(db.url, (client) =>
        client.query<{ pid: number; state: string; seconds: number; query: string }>(
          `SELECT pid, state, extract(epoch FROM now() - state_change)::int AS seconds, left(query, 200) AS query FROM pg_stat_activity
           WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
        ),
      )
    ).rows.map((r) => ({ kind: 'idle_in_transaction', ...r }));
    log('stopping the server');
    if ((await server.stop(shutdownGraceMs + 10_000)) === 'killed') stats.count(stats.faults, 'server_killed_after_grace');
    log('checking the invariants');
    report = await withPgClient(db.url, (client) => {
      const sql: Sql = async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
      return checkInvariants(sql, ledger);
    });
  } finally {
    await server.stop(5_000).catch(() => undefined);
    await server.close();
    await proxy.close();
    if (db.created && !settings.keep) await dropDatabase(db).catch((error: unknown) => log(`could not drop ${db.name}: ${(error as Error).message}`));
  }

  if (!report) throw new Error('internal: no invariant report');
  const violations = [...report.violations, ...stats.online, ...idle];
  const lost = report.acknowledgedLost;
  const examples = (items: Violation[]) => Object.keys(countByKind(items)).flatMap((kind) => items.filter((v) => v.kind === kind).slice(0, 2));
  const line = {
    settings: {
      minutes: settings.minutes,
      concurrency: settings.concurrency,
      seed: settings.seed,
      faults: settings.faults,
      database: db.name,
      databaseKept: db.created ? settings.keep : true,
      serverLog,
    },
    seconds: Math.round((Date.now() - started) / 1000),
    requests: stats.requests,
    byOperation: stats.byOperation,
    byStatus: stats.byStatus,
    byErrorCode: stats.byErrorCode,
    byUserErrorCode: stats.byUserErrorCode,
    latencyMs: { p50: stats.percentile(50), p99: stats.percentile(99), max: stats.percentile(100) },
    acknowledged: { writes: stats.acknowledgedWrites, imports: stats.acknowledgedImports },
    faults: stats.faults,
    checked: report.checked,
    invariantViolations: { total: violations.length, byKind: countByKind(violations) },
    acknowledgedButLost: { total: lost.length, byKind: countByKind(lost) },
    examples: [...examples(violations), ...examples(lost)],
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return violations.length > 0 || lost.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
