/**
 * NODE_ENV=production: the API tells a prober nothing about the schema it did not ask for (no
 * introspection unless GRAPHQL_INTROSPECTION=true, no "Did you mean" suggestions, no stack
 * traces), masks unexpected errors behind a request id that the log also has, keeps CSRF
 * prevention on, and refuses bodies over 1 MB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, withPgClient, type TestDatabase } from '../support/database.ts';
import { leaseTestDatabase } from '../support/leased-database.ts';
import { eventually, logLines, postGraphQL, request } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/in-process.ts';

// The app runs in the test process, where vitest sets NODE_ENV=test: the app's NODE_ENV reaches it
// through loadConfig only, as in its own process (src/http/server.ts hands Apollo Server its
// nodeEnv; graphql-js reads process.env.NODE_ENV only to skip a development-time check).
interface Running {
  server: TestApp;
  url: string;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}, 60_000);

async function start(env: Record<string, string>, database?: TestDatabase): Promise<Running> {
  const db = database ?? (await leaseTestDatabase());
  cleanups.push(async () => {
    if (!database) await db.dispose();
  });
  const server = await startTestApp(db, env);
  cleanups.push(() => server.stop());
  return { server, url: server.url };
}

const introspection = '{ __schema { queryType { name } types { name } } }';

let production: Running;
beforeAll(async () => {
  production = await start({ NODE_ENV: 'production' });
}, 120_000);

describe('in production', () => {
  it('introspection is off', async () => {
    const response = await postGraphQL(production.url, { query: introspection });
    expect(response.status).toBe(400);
    expect(response.json.data).toBeUndefined();
    expect(response.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.json.errors[0].message).toMatch(/introspection/i);
    // __typename is not introspection: clients such as Apollo Client add it everywhere.
    const typename = await postGraphQL(production.url, { query: '{ __typename deployments { nodes { __typename name } } }' });
    expect(typename.status).toBe(200);
  });

  it('there is no IDE (it needs introspection)', async () => {
    const page = await request(production.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await request(new URL('/ide/graphiql.min.js', production.url).toString())).status).toBe(404);
  });

  it('errors suggest no field, argument or enum value names', async () => {
    const queries = [
      '{ deployments { nodes { nam } } }', // field
      '{ deployment { name } }', // root field
      '{ positions(frist: 1) { totalCount } }', // argument
      '{ country(isoCode: "CN") { ... on Countr { name } } }', // type
    ];
    for (const query of queries) {
      const response = await postGraphQL(production.url, { query });
      expect(response.json.errors?.length, query).toBeGreaterThan(0);
      expect(response.text, query).not.toMatch(/Did you mean/i);
    }
  });

  it('errors carry no stack trace', async () => {
    const answers = await Promise.all([
      postGraphQL(production.url, { query: '{ nosuchfield }' }),
      postGraphQL(production.url, { query: '{ positions(first: 500) { totalCount } }' }),
      postGraphQL(production.url, { query: '{ node(id: "garbage") { id } }' }),
      postGraphQL(production.url, '{ not json'),
    ]);
    for (const answer of answers) {
      expect(answer.json.errors?.length, answer.text).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    }
  });

  it('CSRF prevention is on: a GET without a preflight-forcing header is refused, with one it runs', async () => {
    const query = encodeURIComponent('{ __typename }');
    const simple = await request(`${production.url}?query=${query}`);
    expect(simple.status).toBe(400);
    expect(simple.text).toMatch(/CSRF/);
    const preflighted = await request(`${production.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    const form = await request(production.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(form.status).toBe(400);
  });

  it('a body over 1 MB gets 413', async () => {
    const response = await postGraphQL(production.url, JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }));
    expect(response.status).toBe(413);
  });

  it('the limits hold as in development', async () => {
    const response = await postGraphQL(production.url, {
      query: '{ positions(first: 100) { nodes { speakers { positions(first: 100) { nodes { stance } } } } } }',
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });
});

describe('GRAPHQL_INTROSPECTION=true', () => {
  it('turns introspection back on in production (for a private deployment)', async () => {
    const open = await start({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    const response = await postGraphQL(open.url, { query: introspection });
    expect(response.status).toBe(200);
    expect(response.json.data.__schema.queryType.name).toBe('Query');
  });
});

describe('an unexpected error', () => {
  // A fault a test can cause without injecting one into the code: the schema changed under a
  // running server (as a botched manual migration would), so its SQL names a column that is gone.
  it.runIf(process.env.DATABASE_URL)(
    'is masked in production: a generic message and a request id that the log line has too',
    async () => {
      const database = await createTestDatabaseTarget();
      cleanups.push(() => database.dispose());
      const running = await start({ NODE_ENV: 'production' }, database);
      await withPgClient(database.env.DATABASE_URL!, (client) => client.query('ALTER TABLE "Deployment" RENAME COLUMN "name" TO "name_gone"'));

      const response = await postGraphQL(running.url, { query: '{ deployments { nodes { name } } }' });
      expect(response.json.errors).toHaveLength(1);
      const [error] = response.json.errors;
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const requestId = response.headers.get('x-request-id')!;
      expect(error.extensions.requestId).toBe(requestId);
      expect(error.message).toBe(`Unexpected error. If it persists, report it with the request id ${requestId}.`);
      expect(response.text).not.toMatch(/prisma|name_gone|does not exist|Deployment"|stacktrace/i);

      // The operator finds the real cause under that id.
      const logged = await eventually(async () => {
        const lines = logLines(running.server.output()).filter((line) => line.reqId === requestId && line.level === 'error');
        return lines.length > 0 ? lines : undefined;
      });
      expect(JSON.stringify(logged[0])).toMatch(/name|column/i);
    },
    120_000,
  );

  it.runIf(process.env.DATABASE_URL)(
    'outside production, comes with its stack trace; a mistake of the client never does',
    async () => {
      const database = await createTestDatabaseTarget();
      cleanups.push(() => database.dispose());
      const running = await start({}, database);
      await withPgClient(database.env.DATABASE_URL!, (client) => client.query('ALTER TABLE "Deployment" RENAME COLUMN "name" TO "name_gone"'));

      const unexpected = await postGraphQL(running.url, { query: '{ deployments { nodes { name } } }' });
      const [error] = unexpected.json.errors;
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions.stacktrace).toEqual(expect.arrayContaining([expect.stringMatching(/name_gone|column/)]));

      // Refused before running (validation, variables) and refused by a resolver (a bad argument).
      for (const mistake of [
        { query: '{ deployments { nodes { nom } } }' },
        { query: 'query($n: Int!) { deployments(first: $n) { totalCount } }', variables: { n: 'ten' } },
        { query: '{ deployments(first: -1) { totalCount } }' },
      ]) {
        const refused = await postGraphQL(running.url, mistake);
        expect(refused.json.errors[0].extensions.code, refused.text).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
        expect(refused.text).not.toContain('stacktrace');
      }
    },
    120_000,
  );
});
