import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { defaultOperationLimits, defaultPreparedStatements, defaultSubscriptionSettings, type AppConfig } from './config.ts';
import { openDatabase, describeTarget, type Database } from './db/database.ts';
import { migrateSchema } from './db/migrate.ts';
import { seedDatabase } from './data/import/seed.ts';
import { buildGraphQLSchema } from './graphql/schema.ts';
import { graphqlPath } from './http/apollo.ts';
import type { ConnectionShare } from './http/connection-share.ts';
import { createGraphQLHttpServer } from './http/server.ts';
import { listenLocalSocket, type LocalSocketServer } from './http/local-socket.ts';
import { loadTrustedDocuments } from './http/trusted-documents.ts';
import { webAppDocumentsFile } from './http/web-app.ts';
import { openChangeFeed, type ChangeFeed } from './live/change-feed.ts';
import { createLogger, type Logger } from './logger.ts';

export type AppOptions = Pick<AppConfig, 'database' | 'port'> &
  Partial<Omit<AppConfig, 'database' | 'port'>> & {
    host?: string;
    log?: Logger;
    /** A worker of several (WEB_CONCURRENCY, src/cluster.ts): its side of spreading connections evenly. */
    connectionShare?: ConnectionShare | null;
  };

export interface RunningApp {
  url: string;
  /**
   * Stops gracefully: /readyz turns 503, no new connection is accepted, requests in flight get
   * SHUTDOWN_GRACE_MS to finish, then the database is closed.
   */
  stop(): Promise<void>;
}

/**
 * Serves the API: listens at once (probes get /healthz 200 and /readyz 503 meanwhile), then
 * opens the database, brings its schema up to date, seeds a new one, and only then takes
 * GraphQL requests and answers /readyz with 200.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const {
    database,
    migrationDatabase = null,
    preparedStatements = defaultPreparedStatements,
    port,
    host,
    production = false,
    introspection = !production,
    limits = { ...defaultOperationLimits },
    requestTimeoutMs = 10_000,
    responseWriteTimeoutMs = 30_000,
    shutdownGraceMs = 15_000,
    keepAliveTimeoutMs = 5_000,
    corsOrigins = [],
    trustedDocumentsPath = null,
    reportSqlStatements = false,
    requireAuthForRead = false,
    redisUrl = null,
    subscriptions = { ...defaultSubscriptionSettings },
    log = createLogger(options.logLevel ?? 'info', undefined, options.logFormat ?? 'json'),
    connectionShare = null,
  } = options;

  // Before anything listens or opens: a mistake in the allow-list stops start-up at once.
  const schema = await buildGraphQLSchema();
  // The web app this server serves runs on a server with trusted documents too: its own
  // documents are trusted beside the operator's.
  const trustedDocuments = trustedDocumentsPath
    ? await loadTrustedDocuments([trustedDocumentsPath, ...(existsSync(webAppDocumentsFile) ? [webAppDocumentsFile] : [])], schema)
    : null;

  const http = createGraphQLHttpServer({
    log,
    production,
    introspection,
    limits,
    requestTimeoutMs,
    responseWriteTimeoutMs,
    shutdownGraceMs,
    keepAliveTimeoutMs,
    corsOrigins,
    reportSqlStatements,
    requireAuthForRead,
    subscriptions,
    trustedDocumentsOnly: trustedDocuments !== null,
    connectionShare,
  });
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(port, host, () => {
      http.server.off('error', reject);
      resolve();
    });
  });
  const address = http.server.address() as AddressInfo;
  const url = `http://${host ?? 'localhost'}:${address.port}${graphqlPath}`;
  log.info({ port: address.port }, `listening on port ${address.port}; /readyz answers 503 until the database is ready`);

  let db: Database | undefined;
  let feed: ChangeFeed | undefined;
  let localSocket: LocalSocketServer | undefined;
  try {
    // PostgreSQL stops a statement that outlives its request (not below 1 s, so that start-up's
    // own statements are not cut short by a tiny REQUEST_TIMEOUT_MS).
    db = await openDatabase(database, { statementTimeoutMs: Math.max(requestTimeoutMs, 1_000), preparedStatements });
    const opened = db;
    http.health.phase = 'migrating';
    const { applied } = await migrateSchema(opened, migrationDatabase);
    if (applied.length > 0) log.info({ migrations: applied }, `applied migrations: ${applied.join(', ')}`);
    if ((await opened.prisma.article.count()) === 0) {
      const report = await seedDatabase(opened.writer);
      log.info({ seed: report }, 'new database: loaded the seed data');
    }
    if (trustedDocuments) log.info({ files: trustedDocuments.files, documents: trustedDocuments.byHash.size }, 'trusted documents only');
    // Subscribers hear of what commits from here on.
    feed = await openChangeFeed({ prisma: opened.prisma, writer: opened.writer, database, log }, { ...subscriptions, redisUrl });
    await http.serveApi({ schema, prisma: opened.prisma, writer: opened.writer, trustedDocuments, feed });
    http.health.databaseCheck = () => opened.prisma.$queryRawUnsafe('select 1');
    // On a data directory of PGlite, which one process opens, the CLI commands hand their work
    // to this process (src/http/local-socket.ts).
    if (database.kind === 'pglite' && !/^[a-z]+:\/\//.test(database.dataDir)) localSocket = await listenLocalSocket(database.dataDir, opened.writer, log);
    http.health.phase = 'ready';
    log.info({ url, database: describeTarget(database), production, introspection, limits }, `stancegraph serves ${url} on ${describeTarget(database)}`);
  } catch (error) {
    await http.stop().catch(() => undefined);
    await localSocket?.close().catch(() => undefined);
    await feed?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    throw error;
  }

  const opened = db;
  const openedFeed = feed;
  const openedSocket = localSocket;
  let stopping: Promise<void> | null = null;
  return {
    url,
    stop() {
      stopping ??= (async () => {
        try {
          await openedSocket?.close();
          await http.stop();
        } finally {
          await openedFeed.close().catch(() => undefined);
          await opened.close();
        }
      })();
      return stopping;
    },
  };
}
