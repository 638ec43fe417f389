import { afterAll, beforeAll, expect } from 'vitest';
import type { TestDatabase } from './database.ts';
import { leaseTestDatabase } from './leased-database.ts';
import { startTestApp, type TestApp } from './in-process.ts';
import { graphql, type GraphQLResult } from './server.ts';

interface SharedApp {
  app: Promise<TestApp>;
  database: Promise<TestDatabase>;
  users: number;
  stopTimer?: NodeJS.Timeout;
}

/**
 * Read-only servers of this worker, by their settings. Files run one after another in a worker
 * (vitest.config.ts: isolate false), and a server without API keys cannot change its database (every
 * mutation needs a key): the next file with the same settings takes over the server of the last one
 * instead of leasing a database and starting an app again. A server no file uses is
 * stopped shortly after, so that the worker ends with nothing open.
 */
const sharedApps = new Map<string, SharedApp>();
const idleStopMs = 500;

function acquireSeededApp(env: Record<string, string>): { app: Promise<TestApp>; release: () => void } {
  const settings = JSON.stringify(Object.entries(env).sort());
  let shared = sharedApps.get(settings);
  if (!shared) {
    const database = leaseTestDatabase();
    const app = database.then((db) => startTestApp(db, env));
    const created: SharedApp = { app, database, users: 0 };
    shared = created;
    sharedApps.set(settings, created);
    // A failed start is not shared: the next file tries again (and reports its own failure).
    app.catch(() => {
      if (sharedApps.get(settings) === created) sharedApps.delete(settings);
    });
  }
  const current = shared;
  clearTimeout(current.stopTimer);
  current.users += 1;
  const release = () => {
    current.users -= 1;
    if (current.users > 0) return;
    current.stopTimer = setTimeout(() => {
      if (current.users > 0 || sharedApps.get(settings) !== current) return;
      sharedApps.delete(settings);
      void current.app
        .then((app) => app.stop())
        .finally(() => current.database.then((db) => db.dispose()))
        .catch(() => undefined);
    }, idleStopMs);
  };
  return { app: current.app, release };
}

/**
 * A server on a clean copy of the migrated and seeded template database, with the settings of
 * `env`: the app in the test process (test/support/in-process.ts), without API keys, so read-only,
 * and shared with the other files of this worker that ask for the same settings.
 * Returns a function that posts a GraphQL operation to it.
 */
export function useSeededServer(options: { env?: Record<string, string> } = {}): {
  query: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;
  data: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  url: () => string;
} {
  let server: TestApp | undefined;
  let release: (() => void) | undefined;

  beforeAll(async () => {
    const shared = acquireSeededApp(options.env ?? {});
    release = shared.release;
    server = await shared.app;
  }, 120_000);

  afterAll(() => release?.());

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
