/**
 * The cost bounds what runs, and the response's size is bounded too: variables are costed with
 * their defaults, every `first` is counted at its value, lists that are not connections are cut to
 * the bound they are counted at, introspection counts its objects, a response too large for
 * RESPONSE_MAX_BYTES is refused with its own code (never a server error), `requested` is never
 * below `actual`, and `/healthz` answers within a second while the most expensive operations the
 * default limits accept run.
 *
 * The database is a copy of the seeded one with one record of each kind filled to its bounds and
 * twelve 1 MB articles (bench/limits-operations.ts, shared with `npm run bench:limits`). The server
 * runs in a process of its own: how long it keeps its event loop busy is what is measured.
 */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillToBounds, largeArticles, measure, operations, type Prepared } from '../../bench/limits-operations.ts';
import { defaultOperationLimits } from '../../src/config.ts';
import { encodeGlobalId } from '../../src/data/global-id.ts';
import { unboundedLists } from '../../src/graphql/list-bounds.ts';
import { buildGraphQLSchema } from '../../src/graphql/schema.ts';
import { exampleQuery } from '../../src/http/graphiql.ts';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';
import { postGraphQL, type RawResponse } from '../support/http.ts';
import { startServer, type StartedServer } from '../support/server.ts';

const limits = defaultOperationLimits;
const requestTimeoutMs = 10_000;
let database: TestDatabase;
let server: StartedServer;
let prepared: Prepared;

beforeAll(async () => {
  database = await createTestDatabaseTarget();
  prepared = await fillToBounds(database.target);
  server = await startServer({ ...database.env, REPORT_SQL_STATEMENTS: 'true', REQUEST_TIMEOUT_MS: String(requestTimeoutMs) }, { timeoutMs: 90_000 });
}, 240_000);

afterAll(async () => {
  try {
    await server?.stop();
  } finally {
    await database?.dispose();
  }
}, 60_000);

const post = (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, { query, variables });
const position = () => encodeGlobalId('Position', prepared.positionId);
const article = (i = 0) => encodeGlobalId('Article', prepared.articleIds[i]!);

/** Ran: HTTP 200, no error; `requested` within the limit and never below `actual`. */
function expectRan(response: RawResponse): { requested: number; actual: number } {
  expect(response.json?.errors, response.text.slice(0, 500)).toBeUndefined();
  expect(response.status).toBe(200);
  const { requested, actual } = response.json.extensions.cost;
  expect(requested).toBeLessThanOrEqual(limits.maxCost);
  expect(actual).toBeLessThanOrEqual(requested);
  return { requested, actual };
}

/** Refused before running: HTTP 400, one error with this code, and not one SQL statement. */
function expectRefused(response: RawResponse, code: string) {
  expect(response.status, response.text.slice(0, 500)).toBe(400);
  expect(response.json.errors).toHaveLength(1);
  expect(response.json.errors[0].extensions.code, response.json.errors[0].message).toBe(code);
  expect(response.json.extensions.sql.statements).toBe(0);
  return response.json.errors[0];
}

describe('variables are costed as execution reads them, defaults included', () => {
  it('a defaulted page size is counted at its default, not at 20', async () => {
    const response = await post(`query($n: Int = 100) { positions(first: $n) { nodes { id } } }`);
    expect(expectRan(response).requested).toBe(1 + 100);
  });

  it('a defaulted page size that multiplies past the limit is refused before running', async () => {
    const error = expectRefused(
      await post(`query($n: Int = 100) { deployments(first: $n) { nodes { positions(first: $n) { nodes { id } } } } }`),
      'COST_LIMIT_EXCEEDED',
    );
    expect(error.extensions.cost).toBe(1 + 100 * (1 + 1 + 100));
  });

  it('a value given overrides the default', async () => {
    const response = await post(`query($n: Int = 100) { positions(first: $n) { nodes { id } } }`, { n: 5 });
    expect(expectRan(response).requested).toBe(1 + 5);
  });

  it('a defaulted list of IDs is counted at its length', async () => {
    const ids = JSON.stringify(Array.from({ length: 100 }, () => position()));
    const ran = expectRan(await post(`query($ids: [ID!]! = ${ids}) { nodes(ids: $ids) { id } }`));
    expect(ran).toEqual({ requested: 100, actual: 100 });
    const error = expectRefused(
      await post(`query($ids: [ID!]! = ${ids}) { nodes(ids: $ids) { ... on Position { holders(first: 50) { id } } } }`),
      'COST_LIMIT_EXCEEDED',
    );
    expect(error.extensions.cost).toBe(100 * (1 + 50));
  });
});

describe('every argument that bounds a list is counted at its value', () => {
  it("stanceSummary's byHolder, byDeployment and byTopic: at their first (10 by default)", async () => {
    const defaults = expectRan(await post(`{ stanceSummary { byHolder { totalCount } byDeployment { totalCount } byTopic { totalCount } } }`));
    expect(defaults.requested).toBe(1 + 3 * 10);
    const given = expectRan(await post(`{ stanceSummary { byHolder(first: 100) { holder { __typename } byStance { count } } } }`));
    expect(given.requested).toBe(1 + 100 * (1 + 1 + 7));
  });

  it('a list that is not a connection returns at most its first (10 by default), and is counted so', async () => {
    const query = `query($id: ID!, $n: Int!) { node(id: $id) { ... on Position { holders { id } more: holders(first: $n) { id } } } }`;
    const response = await post(query, { id: position(), n: 50 });
    expect(expectRan(response)).toEqual({ requested: 1 + 10 + 50, actual: 1 + 10 + 50 });
    expect(response.json.data.node.holders).toHaveLength(10);
    expect(response.json.data.node.more).toHaveLength(50);
  });

  it('asking for more than a list gives is refused before running, naming the bound', async () => {
    const error = expectRefused(
      await post(`query($id: ID!) { node(id: $id) { ... on Position { holders(first: 51) { id } } } }`, { id: position() }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toBe('Argument "first" must be between 1 and 50, got 51');
  });

  it('nested lists multiply: a page of 100 positions with 50 holders each is over the limit', async () => {
    const error = expectRefused(await post(`{ positions(first: 100) { nodes { holders(first: 50) { id } } } }`), 'COST_LIMIT_EXCEEDED');
    expect(error.extensions.cost).toBe(1 + 100 * (1 + 50));
  });

  it('every list of objects in the schema is bounded: a page size, ids, or a bound its resolver enforces', async () => {
    expect(unboundedLists(await buildGraphQLSchema())).toEqual([]);
  });
});

describe('the size of the response is bounded (RESPONSE_MAX_BYTES, 10 MB by default)', () => {
  const bodies = (aliases: number) =>
    `query($ids: [ID!]!) { ${Array.from({ length: aliases }, (_, i) => `a${i}: nodes(ids: $ids) { ... on Article { body } }`).join(' ')} }`;

  it('one 1 MB article a hundred times under six aliases: RESPONSE_TOO_LARGE, not a server error', async () => {
    const response = await post(bodies(6), { ids: Array.from({ length: 100 }, () => article()) });
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expect(response.json.data).toBeNull();
    expect(response.json.errors).toHaveLength(1);
    expect(response.json.errors[0].extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', limit: limits.maxResponseBytes });
    expect(response.json.errors[0].message).toContain(`larger than ${limits.maxResponseBytes} bytes`);
    expect(response.json.extensions.cost).toMatchObject({ requested: 600, actual: 0 });
    expect(response.text.length).toBeLessThan(2_000);
    // The server is fine afterwards.
    expectRan(await post(`{ positions(first: 1) { totalCount } }`));
  });

  it('nine distinct 1 MB bodies fit; ten do not', async () => {
    expect(largeArticles).toBeGreaterThanOrEqual(10);
    const nine = await post(bodies(1), { ids: prepared.articleIds.slice(0, 9).map((_, i) => article(i)) });
    expectRan(nine);
    expect(nine.json.data.a0.map((a: { body: string }) => a.body.length)).toEqual(Array(9).fill(1024 * 1024));
    const ten = await post(bodies(1), { ids: prepared.articleIds.slice(0, 10).map((_, i) => article(i)) });
    expect(ten.json.errors?.[0]?.extensions?.code, ten.text.slice(0, 300)).toBe('RESPONSE_TOO_LARGE');
  });
});

describe('introspection is costed like anything else', () => {
  it("the IDE's introspection query: its objects, counted exactly", async () => {
    const ran = expectRan(
      await post(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true })),
    );
    expect(ran.requested).toBeGreaterThan(1_000);
    expect(ran.actual).toBe(ran.requested);
  });

  it('one type', async () => {
    const ran = expectRan(await post(`{ __type(name: "Position") { fields { name args { name type { name ofType { name } } } } } }`));
    expect(ran.actual).toBe(ran.requested);
  });

  it('introspection repeated past the limit is refused before running', async () => {
    const once = expectRan(await post(`{ __schema { types { fields { args { type { name } } } } } }`));
    const times = Math.floor(limits.maxCost / once.requested) + 1;
    const repeated = `{ ${Array.from({ length: times }, (_, i) => `a${i}: __schema { types { fields { args { type { name } } } } }`).join(' ')} }`;
    const error = expectRefused(await post(repeated), 'COST_LIMIT_EXCEEDED');
    expect(error.extensions.cost).toBe(times * once.requested);
  });
});

describe('requested is never below actual', () => {
  const representative: Array<[string, string, Record<string, unknown>?]> = [
    ["the IDE's example", exampleQuery],
    ['timestamps (a DateTime is not an object)', `{ articles(first: 20) { nodes { createdAt updatedAt publishedAt meetings { nodes { date } } } } }`],
    ['IDs twice, and an ID of nothing', `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Position { speakers(first: 50) { name } } } }`],
    ['search', `{ search(query: "deployment", first: 50) { totalCount edges { rank snippet node { __typename ... on Position { holders { name } } } } } }`],
    ['summaries', `{ stanceSummary { byStance { count } byHolder(first: 20) { holder { name } byStance { count } } byTopic { topic } } }`],
    [
      'members and participants',
      `{ organizations(first: 5) { nodes { members(first: 250) { name } } } meetings(first: 5) { nodes { participants(first: 250) { name } } } }`,
    ],
  ];

  it.each(representative)('%s', async (_, query) => {
    const variables = { ids: [position(), position(), encodeGlobalId('Position', 2_000_000_000)] };
    const { actual } = expectRan(await post(query, query.includes('$ids') ? variables : undefined));
    expect(actual).toBeGreaterThan(0);
  });
});

describe('a deadline that holds: the most expensive operations the defaults accept', () => {
  // A server busy in JavaScript (or in the embedded database, which runs on the same thread)
  // answers nothing else: /healthz, polled while each operation runs, shows how long that lasts.
  // Each runs once, as it comes: the server warms up before it says it is ready (src/http/warm-up.ts).
  const names = operations({ positionId: 1, articleIds: Array.from({ length: largeArticles }, (_, i) => i + 1) }).map((o) => [o.name]);
  it.each(names)(
    '%s: /healthz within 1 s, answered within the deadline',
    async (name) => {
      const operation = operations(prepared).find((o) => o.name === name)!;
      const result = await measure(server.url.replace(/\/graphql$/, ''), operation);
      expect(result.status).toBe(200);
      expect(result.code === null || result.code === 'RESPONSE_TOO_LARGE', JSON.stringify(result)).toBe(true);
      expect(result.healthzWorstMs, JSON.stringify(result)).toBeLessThan(1_000);
      expect(result.serverMs, JSON.stringify(result)).toBeLessThan(requestTimeoutMs + 1_000);
    },
    60_000,
  );
});
