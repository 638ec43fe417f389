import { afterAll, beforeAll, expect } from 'vitest';
import { createTestDatabaseTarget } from './database.ts';
import { startTestApp, type TestApp } from './in-process.ts';
import { graphql, type GraphQLResult } from './server.ts';

/**
 * One server per test file (the app in the test process: test/support/in-process.ts), on a clean
 * copy of the migrated and seeded template database, with the settings of `env`.
 * Returns a function that posts a GraphQL operation to it.
 */
export function useSeededServer(options: { env?: Record<string, string> } = {}): {
  query: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;
  data: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  url: () => string;
} {
  let server: TestApp | undefined;
  let dispose: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await createTestDatabaseTarget();
    dispose = () => database.dispose();
    server = await startTestApp(database, options.env);
  }, 120_000);

  afterAll(async () => {
    try {
      await server?.stop();
    } finally {
      await dispose?.();
    }
  }, 60_000);

  const url = () => {
    if (!server) throw new Error('the server did not start');
    return server.url;
  };
  const query = <T = any>(text: string, variables?: Record<string, unknown>) => graphql<T>(url(), text, variables);
  const data = async <T = any>(text: string, variables?: Record<string, unknown>) => expectData<T>(await query<T>(text, variables));
  return { query, data, url };
}

/** The data of a response that must have succeeded: HTTP 200 and no GraphQL errors. */
export function expectData<T>(result: GraphQLResult<T>): T {
  expect(result.errors, `unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`).toBeUndefined();
  expect(result.status).toBe(200);
  expect(result.data).toBeDefined();
  return result.data as T;
}

/**
 * A client mistake in an argument: exactly one GraphQL error, with `extensions.code`
 * BAD_USER_INPUT and a message that names the argument, so the user knows what to fix.
 */
export function expectBadUserInput(result: GraphQLResult, argumentName: string | RegExp): void {
  expect(result.errors, `expected a BAD_USER_INPUT error, got data ${JSON.stringify(result.data)}`).toBeDefined();
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions?.code, error!.message).toBe('BAD_USER_INPUT');
  if (typeof argumentName === 'string') expect(error!.message).toContain(`"${argumentName}"`);
  else expect(error!.message).toMatch(argumentName);
}
