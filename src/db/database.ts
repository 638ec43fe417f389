import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { mkdirSync } from 'node:fs';
import { PrismaClient } from '../generated/prisma/client.ts';

/** Where the data lives: a PostgreSQL server, or embedded PGlite (a directory or `memory://`). */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string };

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** The driver adapter factory the schema engine uses to apply migrations on the same database. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** A start-up failure whose message is meant to be shown to the operator as one line. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `embedded PostgreSQL (PGlite) at ${target.dataDir}`;
  const url = new URL(target.url);
  url.password = url.password ? '***' : '';
  return `PostgreSQL server ${url.toString()}`;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

async function openPglite(dataDir: string): Promise<PGlite> {
  if (dataDir !== 'memory://' && !dataDir.startsWith('idb://')) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new DatabaseUnavailableError(`cannot use data directory ${dataDir}: ${reason(error)}`);
    }
  }
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  await pglite.query('select 1');
  return pglite;
}

/**
 * Opens the database and proves it answers, within `timeoutMs`, so that a wrong URL or an
 * unusable data directory fails start-up with one clear line instead of hanging.
 */
export async function openDatabase(target: DatabaseTarget, options: { timeoutMs?: number } = {}): Promise<Database> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const where = describeTarget(target);
  if (target.kind === 'pglite') {
    let pglite: PGlite;
    try {
      pglite = await withTimeout(openPglite(target.dataDir), timeoutMs, where);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) throw error;
      throw new DatabaseUnavailableError(`cannot open ${where}: ${reason(error)}`);
    }
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      target,
      prisma,
      adapterFactory,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }

  const adapterFactory = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: timeoutMs });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  try {
    await withTimeout(prisma.$queryRawUnsafe('select 1'), timeoutMs, where);
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(`cannot connect to ${where}: ${reason(error)}`);
  }
  return {
    target,
    prisma,
    adapterFactory,
    async close() {
      await prisma.$disconnect();
    },
  };
}
