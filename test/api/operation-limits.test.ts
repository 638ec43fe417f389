/**
 * A public endpoint turns away deep, costly, aliased, directive-stuffed, oversized and batched
 * requests before they reach the database: each limit rejects an operation just over its bound
 * with HTTP 400 and an error code naming the limit (and runs no SQL), and accepts one at the
 * bound. Every answer reports the operation's cost against the limit in `extensions.cost`.
 */
import { Kind, OperationTypeNode, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOperationLimits } from '../../src/config.ts';
import { exampleQuery } from '../../src/http/graphiql.ts';
import { useSeededServer } from '../support/api.ts';
import { postGraphQL, request, type RawResponse } from '../support/http.ts';
import { projectRoot } from '../support/server.ts';

const api = useSeededServer({ env: { REPORT_SQL_STATEMENTS: 'true' } });
const limits = defaultOperationLimits;

const post = (query: string, variables?: Record<string, unknown>) => postGraphQL(api.url(), { query, variables });

/** Accepted: HTTP 200, data, no error, and a cost within the limit. */
function expectAccepted(response: RawResponse): void {
  expect(response.json?.errors, JSON.stringify(response.json?.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.json.data).toBeTruthy();
  expect(response.json.extensions.cost.requested).toBeLessThanOrEqual(limits.maxCost);
}

/** Rejected by a limit: HTTP 400, one error with that code, no data, and not one SQL statement run. */
function expectRejected(response: RawResponse, code: string): Record<string, unknown> {
  expect(response.status, response.text).toBe(400);
  expect(response.json.errors, response.text).toHaveLength(1);
  const [error] = response.json.errors;
  expect(error.extensions.code, error.message).toBe(code);
  expect(response.json.data).toBeUndefined();
  expect(response.json.extensions.sql.statements, 'SQL statements run for a rejected operation').toBe(0);
  return error;
}

/** A selection `levels` fields deep (leaf included): country → officials → nodes → positions → … */
function queryOfDepth(levels: number): string {
  // country(1) officials(2) nodes(3) positions(4) nodes(5) meeting(6) participants(7) country(8) officials(9) nodes(10) name(11)
  const chain = [
    'country(isoCode: "RU")',
    'officials(first: 1)',
    'nodes',
    'positions(first: 1)',
    'nodes',
    'meeting',
    'participants',
    'country',
    'officials(first: 1)',
    'nodes',
  ];
  const fields = chain.slice(0, levels - 1);
  return `{ ${fields.map((f) => `${f} {`).join(' ')} name ${'}'.repeat(fields.length)} }`;
}

describe('depth', () => {
  it(`accepts ${limits.maxDepth} levels`, async () => {
    expectAccepted(await post(queryOfDepth(limits.maxDepth)));
  });

  it(`rejects ${limits.maxDepth + 1} levels with DEPTH_LIMIT_EXCEEDED`, async () => {
    const error = expectRejected(await post(queryOfDepth(limits.maxDepth + 1)), 'DEPTH_LIMIT_EXCEEDED');
    expect(error.message).toContain(String(limits.maxDepth));
    expect(error.extensions).toMatchObject({ limit: limits.maxDepth, found: limits.maxDepth + 1 });
  });

  it('does not count fragments as levels', async () => {
    const query = `query { ...Q } fragment Q on Query { country(isoCode: "RU") { officials(first: 1) { nodes { ... on Official { positions(first: 1) { nodes { meeting { participants { name } } } } } } } } }`;
    expectAccepted(await post(query));
  });
});

describe('aliases', () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: country(isoCode: "CN") { name }`).join(' ')} }`;

  it(`accepts ${limits.maxAliases}`, async () => {
    expectAccepted(await post(aliased(limits.maxAliases)));
  });

  it(`rejects ${limits.maxAliases + 1} with ALIAS_LIMIT_EXCEEDED`, async () => {
    expectRejected(await post(aliased(limits.maxAliases + 1)), 'ALIAS_LIMIT_EXCEEDED');
  });
});

describe('directives', () => {
  const directed = (n: number) => `{ country(isoCode: "CN") { ${'name @include(if: true) '.repeat(n)}} }`;

  it(`accepts ${limits.maxDirectives}`, async () => {
    expectAccepted(await post(directed(limits.maxDirectives)));
  });

  it(`rejects ${limits.maxDirectives + 1} with DIRECTIVE_LIMIT_EXCEEDED`, async () => {
    expectRejected(await post(directed(limits.maxDirectives + 1)), 'DIRECTIVE_LIMIT_EXCEEDED');
  });
});

describe('tokens', () => {
  // `{ country ( isoCode : "CN" ) { … } }` is 10 tokens, plus one per field selected in it. (Four
  // different fields in turn: thousands of one field would exceed graphql-js's own budget for
  // comparing fields, a limit of its own.)
  const scalars = ['id', 'name', 'isoCode', 'aliases'];
  const ofTokens = (n: number) => `{ country(isoCode: "CN") { ${Array.from({ length: n - 10 }, (_, i) => scalars[i % 4]).join(' ')} } }`;

  it(`accepts ${limits.maxTokens}, and does not count comments`, async () => {
    expectAccepted(await post(`# ${'a comment is not a token '.repeat(100)}\n${ofTokens(limits.maxTokens)}`));
  });

  it(`rejects ${limits.maxTokens + 1} with TOKEN_LIMIT_EXCEEDED`, async () => {
    const error = expectRejected(await post(ofTokens(limits.maxTokens + 1)), 'TOKEN_LIMIT_EXCEEDED');
    expect(error.message).toBe(`Token limit of ${limits.maxTokens} exceeded.`);
  });
});

describe('cost: the most objects the response can hold, page sizes multiplied in', () => {
  // 1 (deployments) + 1 (pageInfo) + a × (1 node + 1 positions + b × 1 node) = 2 + a(b + 2)
  const costly = `query Costly($a: Int!, $b: Int!, $extra: Boolean!) {
    deployments(first: $a) {
      pageInfo { hasNextPage }
      nodes { positions(first: $b) { nodes { stance } } }
    }
    country(isoCode: "CN") @include(if: $extra) { name }
  }`;

  it(`accepts a cost of exactly ${limits.maxCost} (page sizes given as variables)`, async () => {
    const response = await post(costly, { a: 49, b: 100, extra: false });
    expectAccepted(response);
    expect(response.json.extensions.cost).toMatchObject({ requested: 5000, limit: limits.maxCost });
    // What came back is counted the same way, and stays below the bound.
    expect(response.json.extensions.cost.actual).toBeGreaterThan(0);
    expect(response.json.extensions.cost.actual).toBeLessThanOrEqual(5000);
  });

  it(`rejects a cost of ${limits.maxCost + 1} with COST_LIMIT_EXCEEDED`, async () => {
    const response = await post(costly, { a: 49, b: 100, extra: true });
    const error = expectRejected(response, 'COST_LIMIT_EXCEEDED');
    expect(error.extensions).toMatchObject({ cost: 5001, limit: limits.maxCost });
    expect(response.json.extensions.cost).toEqual({ requested: 5001, actual: null, limit: limits.maxCost });
  });

  it('counts a nested page of 100 under a page of 100 as too much', async () => {
    expectRejected(await post(`{ positions(first: 100) { nodes { speakers { positions(first: 100) { nodes { stance } } } } } }`), 'COST_LIMIT_EXCEEDED');
  });

  it('uses the default page size (20) when neither first nor last is given', async () => {
    const response = await post(`{ positions { nodes { stance } } }`);
    expectAccepted(response);
    expect(response.json.extensions.cost.requested).toBe(1 + 20);
  });
});

describe('page sizes', () => {
  it('a page of 101 is refused before anything runs, even below a page that would have run first', async () => {
    const response = await post(`{ deployments(first: 1) { nodes { name positions(first: 101) { totalCount } } } }`);
    const error = expectRejected(response, 'BAD_USER_INPUT');
    expect(error.message).toContain('"first"');
  });

  it('as is a page of 0 given as a variable', async () => {
    expectRejected(await post(`query($n: Int) { positions(last: $n) { totalCount } }`, { n: 0 }), 'BAD_USER_INPUT');
  });
});

describe('requests that are not one operation', () => {
  it('a batch (a JSON array of operations) is refused with 400 BATCHED_REQUESTS_NOT_SUPPORTED', async () => {
    const response = await postGraphQL(api.url(), [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(response.json.errors[0].extensions.code).toBe('BATCHED_REQUESTS_NOT_SUPPORTED');
  });

  it('a body just over 1 MB gets 413; one just under is served', async () => {
    const oneMegabyte = 1024 * 1024;
    const padded = (size: number) => {
      const envelope = JSON.stringify({ query: '{ __typename }\n#' });
      return JSON.stringify({ query: `{ __typename }\n#${'x'.repeat(size - envelope.length)}` });
    };
    expect(Buffer.byteLength(padded(oneMegabyte))).toBe(oneMegabyte);
    const under = await postGraphQL(api.url(), padded(oneMegabyte));
    expect(under.status, under.text.slice(0, 300)).toBe(200);
    const over = await postGraphQL(api.url(), padded(oneMegabyte + 1));
    expect(over.status).toBe(413);
    expect(over.json.errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
  });
});

describe('extensions.cost', () => {
  it('comes with every answer: data, a validation error, a syntax error, a request refused before GraphQL', async () => {
    const answers = [
      await post('{ deployments { nodes { name } } }'),
      await post('{ deployments { nodes { nosuchfield } } }'),
      await post('{ deployments { '),
      await request(`${api.url()}?query=${encodeURIComponent('{ __typename }')}`), // CSRF prevention: no preflight header
      await postGraphQL(api.url(), '{ not json'),
    ];
    for (const answer of answers) {
      expect(answer.json?.extensions?.cost, `${answer.status} ${answer.text.slice(0, 200)}`).toMatchObject({ limit: limits.maxCost });
    }
    expect(answers[0]!.json.extensions.cost).toEqual({ requested: 1 + 20, actual: 1 + answers[0]!.json.data.deployments.nodes.length, limit: limits.maxCost });
    expect(answers[1]!.json.extensions.cost.actual).toBeNull();
  });
});

describe('the example queries stay within the limits', () => {
  // The README's read-only examples that run as they are (no variables to fill in, no mutation).
  const readmeQueries = [...readFileSync(path.join(projectRoot, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((text) => {
      try {
        const operations = parse(text).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
        return operations.length === 1 && operations.every((o) => o.operation === OperationTypeNode.QUERY && !o.variableDefinitions?.length);
      } catch {
        return false;
      }
    });

  it('the README has example queries', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(2);
  });

  it.each(readmeQueries.map((q, i) => [i + 1, q] as const))('README example %i', async (_, query) => {
    const response = await post(query);
    expectAccepted(response);
    expect(response.json.extensions.cost.actual).toBeLessThanOrEqual(response.json.extensions.cost.requested);
  });

  it("the IDE's preloaded example", async () => {
    const response = await post(exampleQuery);
    expectAccepted(response);
    expect(JSON.stringify(response.json.data)).toContain('Kong Xuanyou');
  });
});
