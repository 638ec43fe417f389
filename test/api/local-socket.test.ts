/**
 * With the server running on the embedded database (which one process opens), the CLI commands
 * that need the database hand their work to it over `<dataDir>/stancegraph.sock`
 * (src/http/local-socket.ts): a key made by `key:create` works at once, `import` writes into the
 * running server's database; the socket is the user's alone (mode 0600) and is removed on stop.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, type TestDatabase } from '../support/database.ts';
import { japanSupportsThaad } from '../support/import-documents.ts';
import { runScript } from '../support/process.ts';
import { startServer, type StartedServer } from '../support/server.ts';
import { connect, subscribe, subscriptionsRegistered } from '../support/subscriptions.ts';

// The local socket serves the embedded database only (on a PostgreSQL server every process opens
// the database itself): the file runs in the PGlite run, on a copy of the seeded test database.
const onPostgres = Boolean(process.env.DATABASE_URL);
const workDir = mkdtempSync(path.join(tmpdir(), 'stancegraph-local-socket-'));
let database: TestDatabase | undefined;
let dataDir = '';
let socketPath = '';
let server: StartedServer;

beforeAll(async () => {
  if (onPostgres) return;
  database = await createTestDatabaseTarget();
  dataDir = database.env.PGLITE_DATA_DIR!;
  socketPath = path.join(dataDir, 'stancegraph.sock');
  server = await startServer(database.env);
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
  rmSync(workDir, { recursive: true, force: true });
});

/** A CLI command of scripts/ on the server's data directory. */
const run = (script: string, args: string[]) => runScript(script, args, { PGLITE_DATA_DIR: dataDir, IMPORT_PROGRESS_MS: '0' });

async function post(query: string, key?: string): Promise<any> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

describe.skipIf(onPostgres)('CLI commands while the server runs on the embedded database', () => {
  it('listens on a socket in the data directory that only its user can open (mode 0600)', () => {
    const stat = statSync(socketPath);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.uid).toBe(process.getuid?.());
  });

  it('key:create prints a key that works at once over HTTP', async () => {
    const created = await run('key-create.ts', ['--role', 'admin', '--name', 'first admin']);
    expect(created.stderr).toContain('through the server running on it');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sgk_\S+$/);
    const answer = await post('{ apiKeys { name role } }', key);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.apiKeys).toContainEqual({ name: 'first admin', role: 'ADMIN' });

    // Its errors are the CLI's, with the same exit code.
    const again = await run('key-create.ts', ['--role', 'admin', '--name', 'first admin']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('key:create: --name: a key named "first admin" already exists (TAKEN)');
    expect(again.stdout).toBe('');
  }, 60_000);

  it('import writes into the running server’s database and reports as it does alone; subscribers hear of it', async () => {
    const connection = connect(server.url);
    const recorded = subscribe(connection.client, 'subscription { positionRecorded(filter: { systems: ["THAAD"] }) { summary } }');
    await subscriptionsRegistered(server.url, 1).catch((error: unknown) => {
      throw new Error(`${String(error)}; subscription: ${JSON.stringify({ error: String(recorded.error), results: recorded.results })}`);
    });
    const document = japanSupportsThaad({
      url: 'https://wire.example/socket',
      publishedAt: '2017-03-04',
      body: 'Japan said that it supports the THAAD deployment.',
      quote: 'that it supports',
    });
    const file = path.join(workDir, 'article.json');
    writeFileSync(file, JSON.stringify([document, { ...document, positions: [{ ...document.positions[0], evidence: [{ quote: 'not in the body' }] }] }]));
    const imported = await run('import.ts', [file]);
    expect(imported.stderr).toContain('through the server running on it');
    expect(imported.stdout).toMatch(/^\[0\]: imported new article \d+: created 1 countries, 1 articles, 1 positions/m);
    expect(imported.stdout).toMatch(/^\[1\]: REJECTED \(1 problem; nothing of it was stored\):/m);
    expect(imported.code).toBe(1); // one rejected, as without a server
    const answer = await post('{ positions(first: 5, filter: { holders: ["JP"] }) { nodes { summary evidence { article { url } } } } }');
    expect(answer.data.positions.nodes).toEqual([{ summary: 'Japan supports THAAD.', evidence: [{ article: { url: 'https://wire.example/socket' } }] }]);
    expect(await recorded.result(0)).toEqual({ data: { positionRecorded: { summary: 'Japan supports THAAD.' } } });
    recorded.unsubscribe();
    await connection.client.dispose();
  }, 60_000);

  it('extract reads the names the graph knows through the running server', async () => {
    const file = path.join(workDir, 'article.txt');
    writeFileSync(file, 'Russia voiced serious concern over the THAAD deployment in South Korea, Deputy Foreign Minister Igor Morgulov said.');
    const extracted = await run('extract.ts', [file, '--source', 'Wire']);
    expect(extracted.code, extracted.stderr).toBe(0);
    // Russia, Igor Morgulov and the THAAD battery are the seed's: known only from the database.
    expect(JSON.parse(extracted.stdout).positions).toMatchObject([{ stance: 'CONCERN', holders: ['RU'], speakers: ['Igor Morgulov'] }]);
  });

  it('removes the socket when it stops', async () => {
    expect(existsSync(socketPath)).toBe(true);
    expect(await server.stop()).toBe(0);
    expect(existsSync(socketPath)).toBe(false);
  }, 30_000);
});
