/**
 * The app started in the test process (src/app.ts startApp) on a clean copy of the seeded test
 * database, with one API key per role created before it starts, and its log kept in memory so
 * that a test can look at what it logged as errors.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type AppOptions, type RunningApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/database.ts';
import { generateApiKey } from '../../src/data/api-keys.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabaseTarget, type TestDatabase } from './database.ts';
import type { Role } from './curation.ts';

export interface InProcessApp {
  url(): string;
  /** The key of each role (created before the app started). */
  keys: Record<Role, string>;
  /** Every log line at level warn or above, parsed. */
  problems(): Array<Record<string, any>>;
}

export function useInProcessApp(options: Partial<Omit<AppOptions, 'database' | 'port' | 'log'>> = {}): InProcessApp {
  let app: RunningApp | undefined;
  let db: TestDatabase | undefined;
  const keys = {} as Record<Role, string>;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabaseTarget();
    const opened = await openDatabase(db.target);
    try {
      for (const [i, role] of (['READER', 'EDITOR', 'ADMIN'] as const).entries()) {
        const key = generateApiKey();
        // Row ids far from those the API gives new keys, so that a test revoking keys by guessed
        // IDs (the fuzz test) revokes the keys it created, not the ones it sends.
        await opened.prisma.apiKey.create({ data: { id: 1_000_000 + i, name: `test-${role.toLowerCase()}`, role, prefix: key.prefix, keyHash: key.keyHash, createdBy: 'test' } });
        keys[role] = key.key;
      }
    } finally {
      await opened.close();
    }
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    app = await startApp({ ...options, database: db.target, port: 0, host: '127.0.0.1', log: createLogger('warn', sink) });
  }, 120_000);

  afterAll(async () => {
    try {
      await app?.stop();
    } finally {
      await db?.dispose();
    }
  }, 60_000);

  return {
    url() {
      if (!app) throw new Error('the app did not start');
      return app.url;
    },
    keys,
    problems: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
  };
}
