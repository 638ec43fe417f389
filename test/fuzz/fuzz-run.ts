/**
 * The schema-driven fuzz test (issue 8): operations generated from schema.graphql (generator.ts)
 * are sent over real HTTP to the app started in this process, on a throwaway copy of the seeded
 * database, a few at a time; mutations go with API keys, so they write. No answer may be an HTTP
 * 5xx or carry INTERNAL_SERVER_ERROR, and the app may log no error.
 *
 * The run is split into parts, one test file each (fuzz-part-1.test.ts, …): part p of n sends the
 * operations whose index is p modulo n, to an app and database of its own. Vitest runs the files in
 * two of its workers at once (vitest.config.ts starts them first), so the run keeps both cores busy
 * instead of one app process, its client and its database backend sharing about one.
 *
 * Settings (environment):
 * - FUZZ_SEED: the seed (default 8); printed with any failure.
 * - FUZZ_OPERATIONS: how many operations in all parts together (default 2000; CI sends more, see below).
 * - FUZZ_ONLY: one operation's index, to replay it alone (with the same FUZZ_SEED; the part that
 *   owns it sends it, the others nothing).
 * - FUZZ_CONCURRENCY: requests in flight at once, per part (default 3).
 * - FUZZ_SLOWEST: print the n slowest operations (to keep the run cheap when tuning the generator).
 * Each part prints one JSON line: operations sent, seconds, answers by status and code, and the
 * time spent per kind of answer.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { buildSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { useCurationServer } from '../support/curation.ts';
import { logLines } from '../support/http.ts';
import { generateOperation, type FuzzOperation, type FuzzPools } from './generator.ts';

const seed = Number(process.env.FUZZ_SEED ?? 8);
// Issue 8 asks for 100,000 operations with no server error in CI. Each costs ~3-4 ms of CPU (the
// app's GraphQL pipeline and, on PGlite, the database, all in the test process), so 100,000 take
// minutes: more than the rest of the suite together. `npm test` sends the first 2,000 (the
// operations of a seed do not depend on the count), and .ci/run sends the 100,000 once, in its
// PostgreSQL run, where the database works in its own process; its PGlite run is `npm test`.
const total = Number(process.env.FUZZ_OPERATIONS ?? 2_000);
const only = process.env.FUZZ_ONLY === undefined ? null : Number(process.env.FUZZ_ONLY);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 3);

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

interface Answer {
  status: number;
  body: any;
}

/** What is wrong with an answer, or null: a 5xx, or an INTERNAL_SERVER_ERROR in its errors. */
function serverError(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const errors: Array<{ message?: string; extensions?: { code?: string } }> = Array.isArray(answer.body?.errors) ? answer.body.errors : [];
  const internal = errors.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === undefined);
  return internal ? `${internal.extensions?.code ?? 'no code'}: ${internal.message}` : null;
}

/** An operation as printed with a failure: long texts cut, so that the report stays readable. */
function shown(operation: FuzzOperation): string {
  const cut = (_key: string, value: unknown) =>
    typeof value === 'string' && value.length > 200 ? `${value.slice(0, 60)}…(${value.length} characters)` : value;
  return JSON.stringify({ query: operation.query, variables: operation.variables, caller: operation.caller }, cut, 2);
}

/**
 * Part `part` (from 0) of `parts`: the operations whose index is `part` modulo `parts`, sent to an
 * app of its own. Called at the top of a test file.
 */
export function fuzzPart(part: number, parts: number): void {
  const mine = (index: number) => index % parts === part;
  const indexes = only === null ? Array.from({ length: total }, (_, i) => i).filter(mine) : [only].filter(mine);
  if (indexes.length === 0) {
    it.skip(`fuzz, part ${part + 1} of ${parts}: FUZZ_ONLY=${only} is another part's operation`, () => undefined);
    return;
  }
  // Warnings and errors only: the run checks that nothing was logged as an error, and a line per
  // request would be 100,000 lines kept in memory.
  // Node's keep-alive timeout, not the tests' 1 s: the run's connections are reused, as a client's are.
  const app = useCurationServer({ LOG_LEVEL: 'warn', KEEP_ALIVE_TIMEOUT_MS: '5000' });

  // Node's own HTTP client with kept-alive connections, not fetch, whose web streams cost the test
  // process more per request: the 100,000 operations took 229 s with this and 266 s with fetch, on
  // PostgreSQL on one 2-core machine, with the same answers.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  afterAll(() => agent.destroy());

  function send(operation: Pick<FuzzOperation, 'query' | 'variables' | 'caller'>): Promise<Answer> {
    const key = operation.caller === 'anonymous' ? null : app.keys[operation.caller];
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    return new Promise((resolve, reject) => {
      const request = http.request(
        app.url(),
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(key ? { authorization: `Bearer ${key}` } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: any = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* kept as text */
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** IDs and cursors the database holds, so that many operations reach real rows. */
  async function readPools(): Promise<FuzzPools> {
    const lists = ['countries', 'organizations', 'officials', 'articles', 'meetings', 'deployments', 'positions'];
    const { body } = await send({
      query: `{ ${lists.map((l) => `${l}(first: 10) { edges { cursor node { id } } }`).join(' ')} o1: positions(orderBy: { field: STATED_ON }, first: 3) { edges { cursor } } o2: articles(orderBy: { field: PUBLISHED_AT }, first: 3) { edges { cursor } } s: search(query: "THAAD", first: 3) { edges { cursor } } }`,
      variables: {},
      caller: 'anonymous',
    });
    const ids: string[] = [];
    const cursors: string[] = [];
    for (const list of Object.values<{ edges: Array<{ cursor: string; node?: { id: string } }> }>(body.data)) {
      for (const edge of list.edges) {
        cursors.push(edge.cursor);
        if (edge.node) ids.push(edge.node.id);
      }
    }
    return { ids, cursors };
  }

  describe(`fuzz, part ${part + 1} of ${parts}: ${indexes.length} generated operations (seed ${seed})`, () => {
    it(
      'never answers with a server error',
      async () => {
        const pools = await readPools();
        expect(pools.ids.length).toBeGreaterThan(20);
        const started = Date.now();
        const failures: string[] = [];
        const byOutcome = new Map<string, number>();
        const msByOutcome = new Map<string, number>();
        const slowest: Array<[number, number, string]> = [];
        let next = 0;

        const worker = async () => {
          while (next < indexes.length && failures.length < 5) {
            const operation = generateOperation(schema, pools, seed, indexes[next++]!);
            const sentAt = performance.now();
            const answer = await send(operation);
            const ms = performance.now() - sentAt;
            const code = answer.body?.errors?.[0]?.extensions?.code ?? (answer.body?.errors ? 'error' : 'ok');
            const outcome = `${answer.status} ${code}`;
            byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
            const kind = `${operation.query.startsWith('mutation') ? 'mutation' : 'query'} ${outcome}`;
            msByOutcome.set(kind, (msByOutcome.get(kind) ?? 0) + ms);
            if (process.env.FUZZ_SLOWEST) slowest.push([ms, operation.index, `${outcome} ${operation.query.slice(0, 300)}`]);
            const problem = serverError(answer);
            if (problem) {
              failures.push(
                `operation ${operation.index} of seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_ONLY=${operation.index} npx vitest run test/fuzz/fuzz-part-${part + 1}.test.ts): ${problem}\n${shown(operation)}`,
              );
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));

        const sent = [...byOutcome.values()].reduce((a, b) => a + b, 0);
        const seconds = (Date.now() - started) / 1000;
        console.log(
          JSON.stringify({
            fuzz: {
              seed,
              sent,
              seconds,
              perSecond: Math.round(sent / seconds),
              outcomes: Object.fromEntries([...byOutcome].sort((a, b) => b[1] - a[1])),
              msByKind: Object.fromEntries([...msByOutcome].map(([k, v]) => [k, Math.round(v)]).sort((a, b) => (b[1] as number) - (a[1] as number))),
            },
          }),
        );
        if (process.env.FUZZ_SLOWEST)
          console.log(
            slowest
              .sort((a, b) => b[0] - a[0])
              .slice(0, Number(process.env.FUZZ_SLOWEST))
              .map((x) => `${Math.round(x[0])} ms #${x[1]} ${x[2]}`)
              .join('\n'),
          );
        expect(failures, failures.join('\n\n')).toEqual([]);
        const logged = logLines(app.output()).filter((line) => line.level === 'error' || line.level === 'fatal');
        expect(logged, `the app logged errors (seed ${seed}):\n${JSON.stringify(logged.slice(0, 5), null, 2)}`).toEqual([]);
        expect(sent).toBe(indexes.length);
      },
      30 * 60_000,
    );
  });
}
