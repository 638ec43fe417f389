import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { AppConfig } from '../config.ts';
import type { ChangeFeed } from '../live/change-feed.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { countStatements, type StatementTally } from '../db/statement-counter.ts';
import { createContext, type GraphQLContext } from '../graphql/context.ts';
import type { Logger } from '../logger.ts';
import { createApollo, graphqlPath } from './apollo.ts';
import { CorsPolicy } from './cors.ts';
import { Health, livenessPath, readinessPath } from './health.ts';
import { ideAssetPrefix, readIdeAsset } from './graphiql.ts';
import { logRequest, parseBody, readBody, RequestError, responseMediaType, sendJson, writeResult } from './request-io.ts';
import { requestIdFrom, runInRequestScope, type RequestScope } from './request-scope.ts';
import { trustedParams, trustedSearch, type OperationParams, type TrustedDocuments } from './trusted-documents.ts';
import type { ConnectionShare } from './connection-share.ts';
import { serveWebApp } from './web-app.ts';
import { warmUp } from './warm-up.ts';
import { createSubscriptionServer } from './websocket.ts';

/** How long past the deadline a request waits for the outcome of a COMMIT it sent in time. */
const commitGraceMs = 1_000;

const delay = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

/** The settings the HTTP server applies, as the configuration names and explains them (src/config.ts). */
export interface GraphQLHttpServerOptions extends Pick<
  AppConfig,
  | 'production'
  | 'introspection'
  | 'limits'
  | 'requestTimeoutMs'
  | 'responseWriteTimeoutMs'
  | 'shutdownGraceMs'
  | 'keepAliveTimeoutMs'
  | 'corsOrigins'
  | 'subscriptions'
  | 'reportSqlStatements'
  | 'requireAuthForRead'
> {
  log: Logger;
  /** TRUSTED_DOCUMENTS is set: the web app's page says so, and the app sends hashes (src/http/web-app.ts). */
  trustedDocumentsOnly: boolean;
  /** One process of several on the port (WEB_CONCURRENCY): keeps its connections to its share (src/http/connection-share.ts). */
  connectionShare: ConnectionShare | null;
}

/** What the API needs once the database is open. */
export interface GraphQLApi {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  writer: PrismaClient;
  /** TRUSTED_DOCUMENTS: only these operations run. */
  trustedDocuments: TrustedDocuments | null;
  /** The process's change feed, for subscriptions. */
  feed: ChangeFeed;
}

export interface GraphQLHttpServer {
  server: Server;
  health: Health;
  /** Starts the GraphQL API on `/graphql`; until then it answers 503 (and /readyz too). */
  serveApi(api: GraphQLApi): Promise<void>;
  /**
   * Stops accepting connections, lets the requests in flight finish within the grace period
   * (then closes what is left), and stops the API. /readyz answers 503 from the first moment.
   */
  stop(): Promise<void>;
}

/**
 * Node's http server around Apollo Server: `/graphql` for the API (and the IDE when introspection
 * is on; subscriptions over WebSocket on the same path), `/ide/*` for the IDE's files, `/healthz`
 * and `/readyz` for probes, and the web app at `/` (its routes and `/assets/*`).
 */
export function createGraphQLHttpServer(options: GraphQLHttpServerOptions): GraphQLHttpServer {
  const { log, production, introspection, limits, requestTimeoutMs, reportSqlStatements, requireAuthForRead, trustedDocumentsOnly, connectionShare } = options;
  const server = createServer();
  connectionShare?.watch(server);
  // Node's own bound on receiving a request (headers and body), a little beyond ours.
  server.requestTimeout = requestTimeoutMs + 5_000;
  server.headersTimeout = Math.min(60_000, requestTimeoutMs + 5_000);
  // A connection on which nothing moves for longer than a request may run plus the time its
  // answer may take to be read is closed: a client that does not read its response (or stops
  // half-way) would otherwise hold it, and the connection, in memory for ever.
  server.timeout = requestTimeoutMs + options.responseWriteTimeoutMs;
  server.keepAliveTimeout = options.keepAliveTimeoutMs;
  const health = new Health(log);
  const cors = new CorsPolicy(options.corsOrigins);
  const costLimit = { requested: null, actual: null, limit: limits.maxCost };
  let api: (GraphQLApi & { apollo: ApolloServer<GraphQLContext> }) | null = null;
  let stopping: Promise<void> | null = null;
  const subscriptions = createSubscriptionServer({
    server,
    path: graphqlPath,
    log,
    production,
    limits,
    settings: options.subscriptions,
    cors,
    requireAuthForRead,
    api: () => (health.phase === 'ready' ? api : null),
  });

  /** A GraphQL-shaped error answer from the endpoint itself, with `extensions.cost` as every answer has. */
  const sendGraphQLError = (scope: RequestScope, request: IncomingMessage, response: ServerResponse, error: RequestError) => {
    scope.errorCodes.add(error.code);
    const body = { errors: [{ message: error.message, extensions: { code: error.code } }], extensions: { cost: costLimit } };
    sendJson(response, error.status, body, error.headers, responseMediaType(request));
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const startedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const scope: RequestScope = {
      id: requestIdFrom(request.headers),
      log,
      operationName: null,
      operationType: null,
      cost: null,
      sql: null,
      errorCodes: new Set(),
      deadline: startedAt + requestTimeoutMs,
      timedOut: false,
    };
    response.setHeader('x-request-id', scope.id);
    // Draining: this is the connection's last response, so that a keep-alive client opens its next
    // request elsewhere instead of sending it on a connection about to close (a reset). So it is
    // when the supervisor has asked this process to release connections it holds beyond its share.
    if (health.phase === 'draining' || (response.shouldKeepAlive && connectionShare?.releases())) response.shouldKeepAlive = false;
    response.once('close', () => logRequest(scope, request, response, url.pathname, startedAt));
    void runInRequestScope(scope, () => handle(request, response, url, scope)).catch((error: unknown) => {
      if (response.destroyed || response.socket?.destroyed !== false) return; // the client (or the shutdown) closed the connection
      if (error instanceof RequestError) return sendGraphQLError(scope, request, response, error);
      log.error({ reqId: scope.id, err: error }, 'unexpected error while serving a request');
      if (response.headersSent) return void response.destroy();
      sendJson(response, 500, { errors: [{ message: `Internal server error (request id ${scope.id})`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL, scope: RequestScope): Promise<void> {
    if (cors.handle(request, response)) return;
    if (url.pathname === livenessPath || url.pathname === readinessPath) return health.respond(url.pathname, response);
    if (url.pathname.startsWith(ideAssetPrefix) && request.method === 'GET') {
      const asset = introspection ? await readIdeAsset(url.pathname.slice(ideAssetPrefix.length)) : null;
      if (!asset) return sendJson(response, 404, { errors: [{ message: 'not found' }] });
      response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' });
      response.end(asset.body);
      return;
    }
    if (await serveWebApp(request, response, url.pathname, { trustedDocumentsOnly })) return;
    if (url.pathname !== graphqlPath) return sendJson(response, 404, { errors: [{ message: `not found; the GraphQL endpoint is ${graphqlPath}` }] });
    if (!api || health.phase === 'starting' || health.phase === 'migrating') {
      throw new RequestError(503, 'SERVICE_UNAVAILABLE', 'The server is starting; try again in a moment.', { 'retry-after': '1' });
    }
    await serveGraphQL(request, response, url, scope, api);
  }

  /** Runs one GraphQL request under REQUEST_TIMEOUT_MS: past it, 504, and its SQL is stopped. */
  async function serveGraphQL(request: IncomingMessage, response: ServerResponse, url: URL, scope: RequestScope, current: NonNullable<typeof api>) {
    const { deadline } = scope;
    const sql: StatementTally = { statements: 0, deadline };
    scope.sql = sql;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - performance.now()));
    });
    const work = runGraphQL(request, url, current, sql);
    work.catch(() => undefined); // after a timeout nobody waits for it
    try {
      let outcome = await Promise.race([work, timedOut]);
      // A write whose COMMIT was sent before the deadline has an outcome the client must learn:
      // wait for it (a COMMIT is short) rather than call it cancelled.
      if (outcome === 'timeout' && sql.committing) outcome = await Promise.race([work, delay(commitGraceMs, 'timeout' as const)]);
      else if (outcome !== 'timeout' && performance.now() >= deadline && !sql.committing) outcome = 'timeout';
      // Otherwise, past the deadline the answer is a timeout: the work's SQL was cut off and its write rolled back.
      if (outcome === 'timeout') {
        scope.timedOut = true;
        // The errors the cut-off work formatted (a statement PostgreSQL cancelled at the deadline,
        // its statement_timeout being the same) are not sent: the answer, and so the request's
        // log line, is the timeout alone.
        scope.errorCodes.clear();
        throw new RequestError(
          504,
          'REQUEST_TIMEOUT',
          `The request did not finish within ${requestTimeoutMs} ms and was cancelled.`,
          request.complete ? {} : { connection: 'close' },
        );
      }
      await writeResult(response, outcome, scope, costLimit);
    } finally {
      clearTimeout(timer);
    }
  }

  async function runGraphQL(request: IncomingMessage, url: URL, current: NonNullable<typeof api>, sql: StatementTally): Promise<HTTPGraphQLResponse> {
    const method = request.method ?? 'GET';
    let search = url.search;
    let body = method === 'POST' ? parseBody(request, await readBody(request)) : undefined;
    if (Array.isArray(body)) {
      throw new RequestError(400, 'BATCHED_REQUESTS_NOT_SUPPORTED', 'Batched requests are not supported: send one operation per request.');
    }
    if (current.trustedDocuments) {
      if (method === 'GET') search = trustedSearch(url.searchParams, current.trustedDocuments);
      else if (body !== null && typeof body === 'object') body = trustedParams(body as OperationParams, current.trustedDocuments);
      else if (method === 'POST') trustedParams({ query: undefined }, current.trustedDocuments);
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return countStatements(sql, () =>
      current.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search, body },
        context: () => createContext({ prisma: current.prisma, writer: current.writer, sql, headers: request.headers, requireAuthForRead }),
      }),
    );
  }

  /**
   * Stops listening, lets the connections finish their requests (each one's answer says
   * `Connection: close`), and closes what is left after the grace period. Idle keep-alive
   * connections are not cut at once (Node's own `close()` would): a client may be sending a request
   * on one at that very moment, and would see a reset. They close after the keep-alive timeout
   * the server announced, which clients honour, or when the grace period ends.
   */
  async function drain(): Promise<void> {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
    const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs);
    try {
      await closed;
    } finally {
      clearTimeout(grace);
    }
  }

  return {
    server,
    health,
    async serveApi({ schema, prisma, writer, trustedDocuments, feed }) {
      const apollo = createApollo({ schema, trustedDocuments, production, introspection, limits, reportSqlStatements, log });
      await apollo.start();
      await warmUp(apollo, prisma, log);
      api = { schema, prisma, writer, trustedDocuments, feed, apollo };
      health.liveUpdatesCheck = () => ({
        transport: feed.signal.transport,
        problem: feed.signal.problem,
        subscriptions: feed.subscriberCount,
        connections: subscriptions.connections,
      });
    },
    stop() {
      stopping ??= (async () => {
        health.phase = 'draining';
        // WebSocket connections do not end by themselves: close them (1001) while HTTP drains.
        await Promise.all([subscriptions.stop(), drain()]);
        await api?.apollo.stop();
      })();
      return stopping;
    },
  };
}
