/**
 * An operator starts stancegraph on a new, empty database (it migrates and loads the seed), stops
 * it, and starts it again: everything is still there, nothing was loaded twice, IDs held by
 * clients still work. On PGlite the database is a new empty data directory; when the run has
 * DATABASE_URL, it is a new empty database on that PostgreSQL server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectData } from '../support/api.ts';
import { copyNamePrefix, databaseNameOf, quoteIdent, urlForDatabase, withPgClient } from '../support/database.ts';
import { runServerToExit } from '../support/process.ts';
import { asMultiset, canonicalPosition, positionFields, readSeed, seedPositions } from '../support/seed-data.ts';
import { generousLimits } from '../support/http.ts';
import { graphql, startServer, type StartedServer } from '../support/server.ts';

const seed = readSeed();
const onPostgres = Boolean(process.env.DATABASE_URL?.trim());
const startTimeoutMs = 120_000;

/** A new empty database: a temporary directory for PGlite, or a new database on the server. */
interface EmptyDatabase {
  env: Record<string, string>;
  describe: string;
  dispose(): Promise<void>;
}

async function createEmptyDatabase(): Promise<EmptyDatabase> {
  if (!onPostgres) {
    const root = mkdtempSync(path.join(tmpdir(), 'stancegraph-restart-'));
    const dataDir = path.join(root, 'pglite');
    return {
      env: { PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' },
      describe: `new PGlite data dir ${dataDir}`,
      async dispose() {
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  // Named as test/support/database.ts names its copies, so that the run's teardown (or the next
  // run, after a killed one) drops it even if this file cannot.
  const template = inject('stancegraphDatabaseTemplate');
  if (template.kind !== 'postgres') throw new Error(`DATABASE_URL is set but the test database template is ${template.kind}`);
  const serverUrl = new URL(template.adminUrl);
  const name = copyNamePrefix(databaseNameOf(template.adminUrl), template.copyPrefix) + randomBytes(5).toString('hex');
  await withPgClient(serverUrl.toString(), (client) => client.query(`create database ${quoteIdent(name)}`));
  const url = urlForDatabase(serverUrl.toString(), name);
  return {
    env: { DATABASE_URL: url, PGLITE_DATA_DIR: '' },
    describe: `new PostgreSQL database ${name}`,
    async dispose() {
      await withPgClient(serverUrl.toString(), (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
    },
  };
}

const snapshotQuery = `{
  countries(first: 100) { totalCount nodes { id isoCode name aliases } }
  organizations(first: 100) { totalCount nodes { id name } }
  officials(first: 100) { totalCount nodes { id name title } }
  articles(first: 100) { totalCount nodes { id source headline body } }
  meetings(first: 100) { totalCount nodes { id name date participants { id } } }
  deployments(first: 100) { totalCount nodes { id name system } }
  positions(first: 100) { totalCount nodes { ${positionFields} evidence { id } } }
}`;

async function snapshot(url: string) {
  const data = expectData<any>(await graphql(url, snapshotQuery));
  const counts = {
    countries: data.countries.totalCount,
    organizations: data.organizations.totalCount,
    officials: data.officials.totalCount,
    articles: data.articles.totalCount,
    meetings: data.meetings.totalCount,
    deployments: data.deployments.totalCount,
    positions: data.positions.totalCount,
    evidence: data.positions.nodes.reduce((n: number, p: any) => n + p.evidence.length, 0),
  };
  return { counts, data };
}

const seedCounts = {
  countries: seed.countries.length,
  organizations: seed.organizations.length,
  officials: seed.officials.length,
  articles: 1,
  meetings: seed.meetings.length,
  deployments: seed.deployments.length,
  positions: seed.positions.length,
  evidence: seed.positions.reduce((n, p) => n + p.evidence.length, 0),
};

async function timedStart(env: Record<string, string>): Promise<{ server: StartedServer; ms: number }> {
  const started = performance.now();
  // The snapshot reads whole tables in one request: over the default cost limit.
  const server = await startServer({ ...generousLimits, ...env }, { timeoutMs: startTimeoutMs });
  return { server, ms: performance.now() - started };
}

describe(`the data survives a restart (${onPostgres ? 'PostgreSQL server' : 'PGlite data dir'})`, () => {
  let database: EmptyDatabase;
  let running: StartedServer | undefined;

  beforeAll(async () => {
    database = await createEmptyDatabase();
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
    await database?.dispose();
  }, 60_000);

  it(
    'first start migrates and seeds; a stop and a second start find the same data, not loaded twice',
    async () => {
      const first = await timedStart(database.env);
      running = first.server;
      const before = await snapshot(first.server.url);
      expect(before.counts).toEqual(seedCounts);
      expect(asMultiset(before.data.positions.nodes.map(canonicalPosition))).toEqual(asMultiset(seedPositions()));

      const firstExit = await first.server.stop();
      running = undefined;
      expect(firstExit, `first server did not stop cleanly on SIGTERM:\n${first.server.output()}`).toBe(0);

      const second = await timedStart(database.env);
      running = second.server;
      const after = await snapshot(second.server.url);
      expect(after.counts).toEqual(seedCounts);
      // Everything intact, with the same IDs: a client's cached IDs keep working across restarts.
      expect(after.data).toEqual(before.data);
      const position = before.data.positions.nodes[0];
      const refetched = expectData<any>(
        await graphql(
          second.server.url,
          `
            query ($id: ID!) {
              node(id: $id) {
                id
                ... on Position {
                  stance
                  summary
                }
              }
            }
          `,
          { id: position.id },
        ),
      );
      expect(refetched.node).toEqual({ id: position.id, stance: position.stance, summary: position.summary });
      // The second start neither re-applies migrations nor loads the seed again.
      expect(second.server.output()).not.toMatch(/applied migrations|loaded the seed/i);

      const secondExit = await second.server.stop();
      running = undefined;
      expect(secondExit, `second server did not stop cleanly on SIGTERM:\n${second.server.output()}`).toBe(0);

      const label = onPostgres ? 'PostgreSQL' : 'PGlite';
      console.log(
        `[start-up time, ${label}] first start on a ${database.describe} (migrate + seed): ${Math.round(first.ms)} ms; ` +
          `second start on the same database: ${Math.round(second.ms)} ms (spawn to "serves" line)`,
      );
    },
    4 * startTimeoutMs,
  );

  it.skipIf(onPostgres)(
    'a second process on the same data dir refuses to start, with one line, while the first runs',
    async () => {
      await running?.stop();
      running = undefined;
      const first = await timedStart(database.env);
      running = first.server;
      try {
        const run = await runServerToExit(database.env, 20_000);
        const report = `exit ${run.code}\n${run.stderr}`;
        expect(run.timedOut, report).toBe(false);
        expect(run.code, report).not.toBe(0);
        const lines = run.stderr.split('\n').filter((l) => l.trim());
        expect(lines, report).toHaveLength(1);
        expect(lines[0]).toContain(database.env.PGLITE_DATA_DIR!);
        // The first server is unaffected.
        expect((await snapshot(first.server.url)).counts).toEqual(seedCounts);
      } finally {
        expect(await first.server.stop()).toBe(0);
        running = undefined;
      }
    },
    2 * startTimeoutMs,
  );
});
