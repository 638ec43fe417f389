/**
 * The soak command's parts (scripts/soak/): the proxy that cuts the database off and restores it,
 * the operations and documents its clients send, and the invariant checker, run on a real
 * database holding a real import, clean and then with known damage.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { buildSchema, parse, validate } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.ts';
import { prepareDocument } from '../src/data/import/document.ts';
import { ARTICLE_FORMAT } from '../src/data/import/format.ts';
import { importArticle } from '../src/data/import/importer.ts';
import { checkInvariants, countByKind, type Ledger, type Sql } from '../scripts/soak/invariants.ts';
import { startTcpProxy } from '../scripts/soak/proxy.ts';
import { seededRandom } from '../scripts/seeded-random.ts';
import { articleBody, importDocument, importMutation, mutations, nodeQuery, reads } from '../scripts/soak/workload.ts';
import type { TestDatabase } from './support/database.ts';
import { leaseTestDatabase } from './support/leased-database.ts';

/** Connects to `port` and resolves with what the peer sends back for `message`, or with how the connection ended. */
function exchange(port: number, message: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(message));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code}`));
    socket.once('close', () => resolve('closed'));
  });
}

describe('the TCP proxy', () => {
  let echo: net.Server;
  let echoPort: number;
  beforeAll(async () => {
    echo = net.createServer((socket) => socket.on('data', (data) => socket.write(data)).on('error', () => undefined));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

  it('forwards, destroys open connections and refuses new ones while cut, then forwards again', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    try {
      expect(await exchange(proxy.port, 'hello')).toBe('hello');

      const open = net.connect(proxy.port, '127.0.0.1');
      const ended = new Promise<string>((resolve) => {
        open.once('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code}`));
        open.once('close', () => resolve('closed'));
      });
      await new Promise<void>((resolve) => open.once('connect', resolve));
      open.write('ping');
      await new Promise((resolve) => open.once('data', resolve));
      expect(proxy.open).toBe(1);

      const restored = proxy.cut(400);
      expect(await ended).toMatch(/^(error:ECONNRESET|closed)$/);
      expect(proxy.refusing).toBe(true);
      expect(await exchange(proxy.port, 'during')).toMatch(/^(error:ECONNRESET|closed)$/);

      await restored;
      expect(proxy.refusing).toBe(false);
      expect(await exchange(proxy.port, 'after')).toBe('after');
    } finally {
      await proxy.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)('cuts a PostgreSQL session mid-way; a new one works once restored', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    try {
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      const client = new pg.Client({ connectionString: url.toString() });
      client.on('error', () => undefined);
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      const restored = proxy.cut(300);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      await restored;
      const again = new pg.Client({ connectionString: url.toString() });
      await again.connect();
      expect((await again.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
      await again.end();
    } finally {
      await proxy.close();
    }
  });
});

describe("the soak's workload", () => {
  it('sends operations that are valid against schema.graphql', () => {
    const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    for (const query of [importMutation, nodeQuery, ...Object.values(mutations), ...reads.map((r) => r.query)]) {
      expect(
        validate(schema, parse(query)).map((e) => e.message),
        query,
      ).toEqual([]);
    }
  });

  it('makes documents the importer accepts, each quote once in the body at the offset the checker expects', () => {
    const rng = seededRandom(3);
    for (let i = 0; i < 20; i++) {
      const doc = importDocument(rng, `t-${i}`, 1 + i * 3);
      expect(() => prepareDocument({ format: ARTICLE_FORMAT, ...doc.input })).not.toThrow();
      const body = (doc.input.article as { body: string }).body;
      for (const q of doc.positions.flatMap((p) => p.quotes)) {
        expect(body.indexOf(q.text)).toBe(q.start);
        expect(body.lastIndexOf(q.text)).toBe(q.start);
      }
    }
    const { body, quotes } = articleBody(seededRandom(4), 'a', 12);
    for (const q of quotes) expect(body.indexOf(q)).toBe(body.lastIndexOf(q));
  });
});

describe('the invariant checker', () => {
  let database: TestDatabase;
  let db: Database;
  let sql: Sql;
  const ledger: Ledger = { actors: ['soak-test'], imports: [], rows: [] };
  let articleId: number;

  beforeAll(async () => {
    database = await leaseTestDatabase();
    db = await openDatabase(database.target);
    sql = <T>(text: string, params: unknown[] = []) => db.prisma.$queryRawUnsafe<T[]>(text, ...params);
    const doc = importDocument(seededRandom(11), 'checker', 6);
    const outcome = await importArticle(db.prisma, { format: ARTICLE_FORMAT, ...doc.input }, { actor: 'soak-test' });
    if (outcome.status !== 'imported') throw new Error(`the import was rejected: ${JSON.stringify(outcome.problems)}`);
    articleId = outcome.articleId;
    ledger.imports.push({ url: doc.url, acknowledged: true, articleId, positions: doc.positions });
    // One sent import that never committed: absent, and not acknowledged, so nothing is expected.
    ledger.imports.push({ url: 'https://soak.example/never', acknowledged: false, articleId: null, positions: doc.positions });
    ledger.rows.push({ type: 'Article', id: articleId, expect: { url: [doc.url] }, acknowledgedUpdates: 0, deleteSent: false, deleteAcknowledged: false });
  });
  afterAll(async () => {
    await db?.close();
    await database?.dispose();
  });

  it('finds nothing wrong with the seeded database and a whole import', async () => {
    const report = await checkInvariants(sql, ledger);
    expect(report.violations).toEqual([]);
    expect(report.acknowledgedLost).toEqual([]);
    expect(report.checked).toMatchObject({ importsFound: 1, importsSent: 2, trackedRows: 1 });
    expect(report.checked.evidence).toBeGreaterThan(6);
  });

  it('reports each kind of damage, once, and an acknowledged row that is gone', async () => {
    const evidence = await db.prisma.evidence.findMany({
      where: { articleId },
      include: { position: { include: { _count: { select: { evidence: true } } } } },
      orderBy: { id: 'asc' },
    });
    const alone = evidence.find((e) => e.position._count.evidence === 1)!;
    const other = evidence.find((e) => e.positionId !== alone.positionId)!;
    // An import half there: a quote gone, and with it its position's only evidence.
    await db.prisma.evidence.delete({ where: { id: alone.id } });
    // A span that is not the article's text at its offsets.
    await db.prisma.evidence.update({ where: { id: other.id }, data: { text: `${other.text.slice(0, -1)}!` } });
    // A row the soak's writer created with no change-log entry.
    const unlogged = await db.prisma.deployment.create({ data: { name: 'unlogged', status: 'PROPOSED', createdBy: 'soak-test', updatedBy: 'soak-test' } });
    // An acknowledged create that is not there.
    const damaged: Ledger = {
      ...ledger,
      rows: [...ledger.rows, { type: 'Deployment', id: unlogged.id + 1000, expect: {}, acknowledgedUpdates: 0, deleteSent: false, deleteAcknowledged: false }],
    };

    const report = await checkInvariants(sql, damaged);
    expect(countByKind(report.violations)).toEqual({ position_without_evidence: 1, evidence_span_mismatch: 1, change_log_missing: 1, import_partial: 1 });
    const byKind = Object.fromEntries(report.violations.map((v) => [v.kind, v]));
    expect(byKind.position_without_evidence).toMatchObject({ positionId: alone.positionId });
    expect(byKind.evidence_span_mismatch).toMatchObject({ evidenceId: other.id, bodyAtOffsets: other.text });
    expect(byKind.change_log_missing).toMatchObject({ entityType: 'Deployment', id: unlogged.id });
    // The changed span no longer matches what was sent either: missing one quote, one not sent.
    expect(byKind.import_partial).toMatchObject({ articleId, quotesMissing: 2, quotesNotSent: 1 });
    expect(report.acknowledgedLost).toEqual([{ kind: 'acknowledged_create_missing', type: 'Deployment', id: unlogged.id + 1000 }]);
  });
});
