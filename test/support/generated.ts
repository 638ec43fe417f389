import { afterAll, beforeAll } from 'vitest';
import { generate, scaled } from '../../bench/generate.ts';
import { openDatabase } from '../../src/db/database.ts';
import { expectData } from './api.ts';
import { leaseTestDatabase } from './leased-database.ts';
import { startTestApp, type TestApp } from './in-process.ts';
import { graphql, type GraphQLResult } from './server.ts';

/**
 * One server per test file (the app in the test process) on a clean copy of the test database whose graph has been replaced by
 * the benchmark's generator (bench/generate.ts) at `factor` of its full scale: enough rows for
 * pages of 50 and for ties in every ordering, the same on every run (seeded).
 */
export function useGeneratedServer(options: { factor: number; seed?: number; env?: Record<string, string> }) {
  let server: TestApp | undefined;
  let dispose: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const database = await leaseTestDatabase();
    dispose = () => database.dispose();
    const db = await openDatabase(database.target);
    try {
      await generate((sql) => db.prisma.$executeRawUnsafe(sql).then(() => undefined), { scale: scaled(options.factor), seed: options.seed ?? 7 });
    } finally {
      await db.close();
    }
    server = await startTestApp(database, options.env);
  }, 240_000);

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
  const query = <T = any>(text: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> => graphql<T>(url(), text, variables);
  const data = async <T = any>(text: string, variables?: Record<string, unknown>): Promise<T> => expectData<T>(await query<T>(text, variables));
  return { query, data, url };
}
