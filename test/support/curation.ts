/**
 * Fixtures for the curation tests (mutations, keys, imports): a started server (the app in the
 * test process: test/support/in-process.ts) on a clean copy of the seeded test database, with one
 * API key per role created before it starts, and a way to look at the database itself, or to run
 * a command on it, between two runs of the server (a PGlite data directory is one client's: the
 * server stops meanwhile).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { openDatabase } from '../../src/db/database.ts';
import { generateApiKey } from '../../src/data/api-keys.ts';
import type { TestDatabase } from './database.ts';
import { leaseTestDatabase } from './leased-database.ts';
import { startTestApp, type TestApp } from './in-process.ts';
import type { GraphQLResult } from './server.ts';

export type Role = 'READER' | 'EDITOR' | 'ADMIN';
export type Caller = Role | 'anonymous' | { bearer: string } | { authorization: string };

export interface CurationServer {
  /** Posts an operation as `caller` (an API key of that role, none, or a given header). */
  query<T = any>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** The data of an operation that must succeed. */
  data<T = any>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The key of each role (created before the server started). */
  keys: Record<Role, string>;
  url(): string;
  output(): string;
  /** Stops the server, runs `work` on the database, starts the server again. */
  offline<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T>;
  /** Stops the server, runs `work` (which may start processes on the database: its `env`), starts the server again. */
  stopped<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T>;
  database(): TestDatabase;
}

/** One server per test file; `env` is added to its environment. */
export function useCurationServer(env: Record<string, string> = {}): CurationServer {
  let server: TestApp | undefined;
  let db: TestDatabase | undefined;
  const keys = {} as Record<Role, string>;
  let pastOutput = '';

  const withDatabase = async <T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> => {
    const opened = await openDatabase((db as TestDatabase).target);
    try {
      return await work(opened.prisma);
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    db = await leaseTestDatabase();
    await withDatabase(async (prisma) => {
      for (const [i, role] of (['READER', 'EDITOR', 'ADMIN'] as const).entries()) {
        const key = generateApiKey();
        // Row ids far from those the API gives new keys, so that a test revoking keys by guessed
        // IDs (the fuzz test) revokes the keys it created, not the ones it sends.
        await prisma.apiKey.create({
          data: { id: 1_000_000 + i, name: `test-${role.toLowerCase()}`, role, prefix: key.prefix, keyHash: key.keyHash, createdBy: 'test' },
        });
        keys[role] = key.key;
      }
    });
    server = await startTestApp(db, env);
  }, 120_000);

  afterAll(async () => {
    try {
      await server?.stop();
    } finally {
      await db?.dispose();
    }
  }, 60_000);

  const url = () => {
    if (!server) throw new Error('the server did not start');
    return server.url;
  };

  const stopped = async <T>(work: () => Promise<T>): Promise<T> => {
    pastOutput += server?.output() ?? '';
    await server?.stop();
    server = undefined;
    try {
      return await work();
    } finally {
      server = await startTestApp(db as TestDatabase, env);
    }
  };

  const headersFor = (caller: Caller): Record<string, string> => {
    if (caller === 'anonymous') return {};
    if (typeof caller === 'string') return { authorization: `Bearer ${keys[caller]}` };
    if ('bearer' in caller) return { authorization: `Bearer ${caller.bearer}` };
    return { authorization: caller.authorization };
  };

  const query = async <T = any>(caller: Caller, text: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headersFor(caller) },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
    return { status: response.status, ...body };
  };

  return {
    keys,
    url,
    query,
    async data<T = any>(caller: Caller, text: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await query<T>(caller, text, variables);
      expect(result.errors, `unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`).toBeUndefined();
      return result.data as T;
    },
    output: () => pastOutput + (server?.output() ?? ''),
    offline<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
      return stopped(() => withDatabase(work));
    },
    stopped<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T> {
      return stopped(() => (db as TestDatabase).whileClosed(work));
    },
    database: () => db as TestDatabase,
  };
}

/** Every row of every table (but Prisma's migration bookkeeping), in a stable order. */
export async function dumpTables(prisma: PrismaClient): Promise<Record<string, unknown[]>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ rows: unknown[] }[]>(`SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM "${name}" t`);
    dump[name] = row?.rows ?? [];
  }
  return dump;
}

/** A payload that must have succeeded: no userErrors. */
export function expectOk<T extends { userErrors: unknown[] }>(payload: T | null | undefined): T {
  expect(payload, 'no payload').toBeTruthy();
  expect(payload!.userErrors, `unexpected userErrors: ${JSON.stringify(payload!.userErrors)}`).toEqual([]);
  return payload!;
}

/** The codes (and fields) of a payload's userErrors. */
export function codesOf(payload: { userErrors: { code: string; field: string[] | null }[] } | null | undefined): string[] {
  expect(payload, 'no payload').toBeTruthy();
  return payload!.userErrors.map((e) => `${e.code}@${(e.field ?? []).join('.')}`);
}

export const userErrorFields = 'userErrors { field message code }';
